// SPDX-License-Identifier: GPL-3.0-or-later
#include "designer/LadderPicker.h"

#include "peft/lst/LstParameters.h"
#include "util/Error.h"
#include "settings/Theme.h"
#include "designer/NoteLabel.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ladder {

namespace {

constexpr int kColumns = 12; // a T5-base stack on one row; deeper stacks wrap
constexpr int64_t kDeepestStack = 4096; // for checking a list before any backbone is known
const char *const kCustom = "custom";
const char *const kLastHalf = "last-half"; // a shortcut that becomes a list on the backbone

/// "1,2,3": the list form of a layer selection.
std::string layerList(const std::vector<int64_t> &layers)
{
    std::string list;
    for (int64_t layer : layers)
        list += (list.empty() ? "" : ",") + std::to_string(layer);
    return list;
}

} // namespace

LadderPicker::LadderPicker(const OptionDescription &option, QWidget *parent)
    : OptionEditor(option, parent)
{
    // Never shorter than its contents: a short scroll area would otherwise squash the strips and
    // notes over each other instead of scrolling.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("layerPreset"));
    m_preset->addItem(tr("The paper's choice"), QStringLiteral("default"));
    m_preset->addItem(tr("All layers"), QStringLiteral("all"));
    m_preset->addItem(tr("Every 2nd layer"), QStringLiteral("every:2"));
    m_preset->addItem(tr("Every 3rd layer"), QStringLiteral("every:3"));
    m_preset->addItem(tr("The last half"), QString::fromLatin1(kLastHalf));
    m_preset->addItem(tr("The layers clicked below"), QString::fromLatin1(kCustom));
    m_preset->setToolTip(tr("The paper keeps 9 of T5-base's 12 layers (1, 2, 3, 5, 6, 7, 9, 10, 11) and every "
                            "second layer of T5-large; other depths keep all. Click a layer to add or drop it."));
    layout->addWidget(m_preset);
    m_grid = new QGridLayout;
    m_grid->setSpacing(2);
    m_grid->setColumnStretch(kColumns + 1, 1); // buttons stay left, a shallow backbone's too (column 0: titles)
    layout->addLayout(m_grid);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("layerSummary"));
    m_summary->setWordWrap(true);
    setNoteFont(m_summary);
    layout->addWidget(m_summary);

    connect(m_preset, &QComboBox::activated, this, [this](int index) {
        const QString spec = m_preset->itemData(index).toString();
        if (spec == QLatin1String(kLastHalf)) {
            // The upper half of the shallower stack: the layers closest to the output.
            const int64_t depth = std::min(m_backbone.numLayers, m_backbone.numDecoderLayers);
            std::vector<int64_t> layers;
            for (int64_t layer = depth / 2; layer < depth; ++layer)
                layers.push_back(layer);
            m_spec = layerList(layers);
        } else {
            m_spec = spec == QLatin1String(kCustom) ? layerList(keptLayers()) : spec.toStdString();
        }
        if (m_spec.empty())
            m_spec = "default";
        showSelection();
        Q_EMIT valueChanged();
    });
    rebuildButtons();
    showSelection();
}

QString LadderPicker::jsonValue() const
{
    return QString::fromStdString(nlohmann::json(m_spec).dump());
}

bool LadderPicker::setJsonValue(const QString &json)
{
    const nlohmann::json value = nlohmann::json::parse(json.toStdString(), nullptr, false);
    std::string spec;
    if (value.is_string()) {
        for (char c : value.get<std::string>()) {
            if (c != ' ')
                spec += c;
        }
    } else if (value.is_array() && !value.empty()) {
        std::vector<int64_t> layers;
        for (const nlohmann::json &item : value) {
            if (!item.is_number_integer())
                return false;
            layers.push_back(item.get<int64_t>());
        }
        spec = layerList(layers);
    } else {
        return false;
    }
    try {
        resolveLstLayers(spec, kDeepestStack); // garbage, duplicates, negative indices
    } catch (const Error &) {
        return false;
    }
    m_spec = spec;
    showSelection();
    Q_EMIT valueChanged();
    return true;
}

void LadderPicker::setBackbone(const T5Config &backbone)
{
    m_backbone = backbone;
    rebuildButtons();
    showSelection();
}

std::vector<int64_t> LadderPicker::keptLayers() const
{
    try {
        return resolveLstLayers(m_spec, m_backbone, false);
    } catch (const Error &) {
        return {};
    }
}

QList<QToolButton *> LadderPicker::addStrip(QGridLayout *grid, int row, const QString &title, int64_t depth)
{
    auto *label = new QLabel(title);
    grid->addWidget(label, row, 0, Qt::AlignLeft | Qt::AlignTop);
    m_stripWidgets.append(label);
    // A list must name layers both stacks have: the shallower stack bounds what can be clicked.
    const int64_t clickable = std::min(m_backbone.numLayers, m_backbone.numDecoderLayers);
    QList<QToolButton *> buttons;
    for (int layer = 0; layer < depth; ++layer) {
        auto *button = new QToolButton;
        button->setText(QString::number(layer));
        button->setCheckable(true);
        button->setEnabled(layer < clickable);
        button->setMinimumWidth(26);
        button->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed); // a clickable height, always
        // Okabe–Ito bluish green, as the ladder view draws side blocks.
        button->setStyleSheet(QStringLiteral("QToolButton { border: 1px solid #9a9a9a; border-radius: 2px; padding: 2px; }"
                                             "QToolButton:checked { background: #009E73; color: white; border-color: #006b4e; }"));
        grid->addWidget(button, row + layer / kColumns, 1 + layer % kColumns);
        buttons.append(button);
        m_stripWidgets.append(button);
        connect(button, &QToolButton::clicked, this, [this, layer](bool checked) { layerClicked(layer, checked); });
    }
    return buttons;
}

void LadderPicker::rebuildButtons()
{
    qDeleteAll(m_stripWidgets);
    m_stripWidgets.clear();
    m_encoderButtons = addStrip(m_grid, 0, tr("encoder"), m_backbone.numLayers);
    const int decoderRow = static_cast<int>((m_backbone.numLayers + kColumns - 1) / kColumns);
    m_decoderButtons = addStrip(m_grid, decoderRow, tr("decoder"), m_backbone.numDecoderLayers);
    for (int layer = 0; layer < m_encoderButtons.size(); ++layer)
        m_encoderButtons[layer]->setObjectName(QStringLiteral("layer%1").arg(layer));
    for (int layer = 0; layer < m_decoderButtons.size(); ++layer)
        m_decoderButtons[layer]->setObjectName(QStringLiteral("decoderLayer%1").arg(layer));
}

void LadderPicker::showSelection()
{
    const int preset = m_preset->findData(QString::fromStdString(m_spec));
    {
        const QSignalBlocker blocker(m_preset);
        m_preset->setCurrentIndex(preset >= 0 ? preset : m_preset->findData(QString::fromLatin1(kCustom)));
    }
    std::vector<int64_t> encoder;
    std::vector<int64_t> decoder;
    QString problem;
    try {
        encoder = resolveLstLayers(m_spec, m_backbone, false);
        decoder = resolveLstLayers(m_spec, m_backbone, true);
    } catch (const Error &error) {
        problem = QString::fromStdString(error.what());
    }
    const auto show = [this](const QList<QToolButton *> &buttons, const std::vector<int64_t> &kept) {
        for (int layer = 0; layer < buttons.size(); ++layer) {
            const QSignalBlocker blocker(buttons[layer]);
            buttons[layer]->setChecked(std::find(kept.begin(), kept.end(), layer) != kept.end());
            buttons[layer]->setToolTip(buttons[layer]->isChecked()
                    ? tr("Layer %1 feeds a ladder into a side block. Click to drop it.").arg(layer)
                    : tr("Layer %1 has no side block. Click to add one.").arg(layer));
        }
    };
    show(m_encoderButtons, encoder);
    show(m_decoderButtons, decoder);
    if (!problem.isEmpty()) {
        m_summary->setText(QStringLiteral("<span style='color:%1'>%2</span>").arg(errorColour(palette()).name(), problem.toHtmlEscaped()));
        return;
    }
    if (m_backbone.numLayers == m_backbone.numDecoderLayers && encoder == decoder)
        m_summary->setText(tr("Side blocks at %1 of %2 layers, in the encoder and the decoder alike.")
                               .arg(encoder.size())
                               .arg(m_backbone.numLayers));
    else
        m_summary->setText(tr("Side blocks at %1 of %2 encoder and %3 of %4 decoder layers.")
                               .arg(encoder.size())
                               .arg(m_backbone.numLayers)
                               .arg(decoder.size())
                               .arg(m_backbone.numDecoderLayers));
}

void LadderPicker::layerClicked(int layer, bool checked)
{
    // The current selection as a list, with the clicked layer added or dropped (in both stacks).
    std::vector<int64_t> layers = keptLayers();
    layers.erase(std::remove(layers.begin(), layers.end(), layer), layers.end());
    if (checked)
        layers.insert(std::upper_bound(layers.begin(), layers.end(), layer), layer);
    if (layers.empty()) { // the side network needs at least one ladder
        showSelection();
        return;
    }
    m_spec = layerList(layers);
    showSelection();
    Q_EMIT valueChanged();
}

void LadderPicker::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    for (QWidget *widget : std::as_const(m_stripWidgets)) {
        if (qobject_cast<QToolButton *>(widget) != nullptr) {
            widget->style()->unpolish(widget);
            widget->style()->polish(widget);
        }
    }
}

} // namespace ladder
