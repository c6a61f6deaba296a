// SPDX-License-Identifier: GPL-3.0-or-later
#include "teaching/MemoryComparisonChart.h"

#include "plots/PlotTheme.h"
#include "plots/RunPalette.h"
#include "run/MethodNames.h"
#include "train/MemoryPredictor.h"
#include "train/RunConfig.h"
#include "util/Error.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace ladder {

namespace {

int64_t categoryBytes(const MemoryBreakdown &memory, const QString &key)
{
    if (key == QLatin1String("frozen_weights"))
        return memory.frozenWeights;
    if (key == QLatin1String("trainable_weights"))
        return memory.trainableWeights;
    if (key == QLatin1String("gradients"))
        return memory.gradients;
    if (key == QLatin1String("optimizer_state"))
        return memory.optimizerState;
    if (key == QLatin1String("activations"))
        return memory.activations;
    return 0;
}

// Two lines for the long names, so five labels fit under the bars at 700 px.
QString tickLabel(MethodKind kind)
{
    switch (kind) {
    case MethodKind::Full: return MemoryComparisonChart::tr("Full\nfine-tuning");
    case MethodKind::Lst: return MemoryComparisonChart::tr("Ladder Side-Tuning\n(LST)");
    default: return methodDisplayName(kind);
    }
}

} // namespace

MemoryComparisonChart::MemoryComparisonChart(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_note(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_note);
    m_note->setWordWrap(true);
    m_note->hide();
    m_plot->setMinimumHeight(180);

    // The legend gets its own column right of the axis rect: it never covers a bar.
    // Wrapped in a grid with an empty, stretching row under it so its items stay together.
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    auto *legendColumn = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(0, 1, legendColumn);
    legendColumn->addElement(0, 0, m_plot->legend);
    legendColumn->addElement(1, 0, new QCPLayoutElement(m_plot));
    legendColumn->setRowStretchFactor(0, 0.001);
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setLayer(QStringLiteral("legend"));

    QCPBars *below = nullptr;
    for (const MemoryCategoryStyle &style : memoryCategoryStyles()) {
        auto *bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setName(style.label);
        bars->setBrush(style.colour);
        bars->setPen(QPen(style.colour.darker(130)));
        bars->setWidth(0.6);
        bars->setProperty("category", style.key);
        if (below)
            bars->moveAbove(below);
        below = bars;
        m_bars.append(bars);
    }
    // Top of the stack first in the legend, as the bars read.
    m_plot->legend->clearItems();
    for (int i = static_cast<int>(m_bars.size()) - 1; i >= 0; --i)
        m_plot->legend->addItem(new QCPPlottableLegendItem(m_plot->legend, m_bars[i]));
    m_plot->xAxis->grid()->setVisible(false);
    followPalette(m_plot);
}

std::vector<MethodKind> MemoryComparisonChart::comparedMethods()
{
    return {MethodKind::Full, MethodKind::Adapter, MethodKind::Lora, MethodKind::BitFit, MethodKind::Lst};
}

void MemoryComparisonChart::setConfig(const RunConfig &config)
{
    std::vector<MemoryPrediction> predictions;
    m_shown.clear();
    QStringList skipped;
    for (MethodKind kind : comparedMethods()) {
        RunConfig variant = config;
        variant.method.kind = kind;
        try {
            predictions.push_back(predictTrainingMemory(variant));
            m_shown.push_back(kind);
        } catch (const Error &error) {
            skipped << tr("%1 is not shown: %2").arg(methodDisplayName(kind), QString::fromStdString(error.what()));
        }
    }

    int64_t highest = 0;
    for (const MemoryPrediction &prediction : predictions)
        highest = std::max(highest, prediction.memory.peak);
    const bool gib = highest >= int64_t(1) << 30;
    m_unitBytes = gib ? 1024.0 * 1024.0 * 1024.0 : 1024.0 * 1024.0;
    m_unitName = gib ? tr("GiB") : tr("MiB");

    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (size_t i = 0; i < m_shown.size(); ++i)
        ticker->addTick(static_cast<double>(i + 1), tickLabel(m_shown[i]));
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(0.4, static_cast<double>(m_shown.size()) + 0.6);
    m_plot->yAxis->setLabel(tr("predicted peak (%1)").arg(m_unitName));

    for (QCPBars *bars : m_bars) {
        const QString key = bars->property("category").toString();
        QVector<double> keys, values;
        for (size_t i = 0; i < predictions.size(); ++i) {
            keys << static_cast<double>(i + 1);
            values << static_cast<double>(categoryBytes(predictions[i].memory, key)) / m_unitBytes;
        }
        bars->setData(keys, values, true);
    }

    // The peak written above each bar, so the comparison reads without the axis.
    m_plot->clearItems();
    for (size_t i = 0; i < predictions.size(); ++i) {
        auto *label = new QCPItemText(m_plot);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(static_cast<double>(i + 1), static_cast<double>(predictions[i].memory.peak) / m_unitBytes);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setText(QStringLiteral("%1 %2").arg(static_cast<double>(predictions[i].memory.peak) / m_unitBytes, 0, 'f',
                                                       gib ? 2 : 0)
                           .arg(m_unitName));
        label->setPadding(QMargins(0, 0, 0, 3));
    }
    m_plot->yAxis->setRange(0, std::max(1.0, static_cast<double>(highest) / m_unitBytes * 1.15));

    m_note->setText(skipped.join(QLatin1Char('\n')));
    m_note->setVisible(!skipped.isEmpty());
    followPalette(m_plot); // the new labels in the theme's text colour
    m_plot->replot();
}

double MemoryComparisonChart::barBytes(MethodKind method, const QString &categoryKey) const
{
    const auto found = std::find(m_shown.begin(), m_shown.end(), method);
    if (found == m_shown.end())
        return -1.0;
    const double key = static_cast<double>(found - m_shown.begin() + 1);
    for (QCPBars *bars : m_bars) {
        if (bars->property("category").toString() != categoryKey)
            continue;
        const auto it = bars->data()->findBegin(key, false);
        if (it != bars->data()->constEnd() && it->key == key)
            return it->value * m_unitBytes;
    }
    return -1.0;
}

QStringList MemoryComparisonChart::barLabels() const
{
    QStringList labels;
    for (MethodKind kind : m_shown)
        labels << methodDisplayName(kind);
    return labels;
}

} // namespace ladder
