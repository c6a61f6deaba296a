// SPDX-License-Identifier: GPL-3.0-or-later
#include "designer/ReductionSlider.h"

#include "peft/lst/LstParameters.h"
#include "util/Error.h"
#include "settings/Theme.h"
#include "designer/NoteLabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <numeric>

namespace ladder {

ReductionSlider::ReductionSlider(const OptionDescription &option, QWidget *parent)
    : OptionEditor(option, parent)
{
    // Never shorter than its contents: a short scroll area would otherwise squash the strips and
    // notes over each other instead of scrolling.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName(QStringLiteral("reductionSlider"));
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setPageStep(1);
    m_value = new QLabel;
    m_value->setObjectName(QStringLiteral("reductionValue"));
    m_value->setMinimumWidth(m_value->fontMetrics().horizontalAdvance(QStringLiteral("r = 128")));
    row->addWidget(m_slider, 1);
    row->addWidget(m_value);
    layout->addLayout(row);
    m_widths = new QLabel;
    m_widths->setObjectName(QStringLiteral("reductionWidths"));
    m_widths->setWordWrap(true);
    setNoteFont(m_widths);
    layout->addWidget(m_widths);
    connect(m_slider, &QSlider::valueChanged, this, [this](int index) {
        if (index < 0 || index >= static_cast<int>(m_choices.size()))
            return;
        m_reduction = m_choices[static_cast<std::size_t>(index)];
        showReduction();
        Q_EMIT valueChanged();
    });
    rebuildChoices();
    showReduction();
}

QString ReductionSlider::jsonValue() const
{
    return QString::number(m_reduction);
}

bool ReductionSlider::setJsonValue(const QString &json)
{
    const nlohmann::json value = nlohmann::json::parse(json.toStdString(), nullptr, false);
    if (!value.is_number_integer() || value.get<int64_t>() < option().minimum.value_or(1))
        return false;
    m_reduction = value.get<int64_t>();
    rebuildChoices();
    showReduction();
    Q_EMIT valueChanged();
    return true;
}

void ReductionSlider::setBackbone(const T5Config &backbone)
{
    m_backbone = backbone;
    rebuildChoices();
    showReduction();
}

void ReductionSlider::rebuildChoices()
{
    const int64_t common = std::gcd(std::gcd(m_backbone.dModel, m_backbone.dFf), m_backbone.dKv);
    const auto minimum = static_cast<int64_t>(option().minimum.value_or(1));
    m_choices.clear();
    for (int64_t r = std::max<int64_t>(1, minimum); r <= common; ++r) {
        if (common % r == 0)
            m_choices.push_back(r);
    }
    // A loaded r this backbone refuses stays selectable, so the form shows what was asked for
    // (and why it cannot run) rather than silently another value.
    if (std::find(m_choices.begin(), m_choices.end(), m_reduction) == m_choices.end()) {
        m_choices.push_back(m_reduction);
        std::sort(m_choices.begin(), m_choices.end());
    }
    const QSignalBlocker blocker(m_slider);
    m_slider->setRange(0, static_cast<int>(m_choices.size()) - 1);
    m_slider->setValue(static_cast<int>(std::find(m_choices.begin(), m_choices.end(), m_reduction) - m_choices.begin()));
}

void ReductionSlider::showReduction()
{
    m_value->setText(tr("r = %1").arg(m_reduction));
    try {
        LstOptions options;
        options.reduction = m_reduction;
        const T5Config side = lstSideConfig(m_backbone, options);
        m_widths->setText(tr("side network: d_model %1, d_ff %2, d_kv %3 (the backbone's %4, %5, %6 divided by %7)")
                              .arg(side.dModel)
                              .arg(side.dFf)
                              .arg(side.dKv)
                              .arg(m_backbone.dModel)
                              .arg(m_backbone.dFf)
                              .arg(m_backbone.dKv)
                              .arg(m_reduction));
    } catch (const Error &error) {
        m_widths->setText(QStringLiteral("<span style='color:%1'>%2</span>")
                              .arg(errorColour(palette()).name(), QString::fromStdString(error.what()).toHtmlEscaped()));
    }
}

} // namespace ladder
