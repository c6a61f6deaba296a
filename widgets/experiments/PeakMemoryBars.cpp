// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/PeakMemoryBars.h"

#include "experiments/ComparePlotStyle.h"
#include "experiments/ComparedRunLabels.h"
#include "experiments/RunFormatting.h"
#include "plots/PlotTheme.h"
#include "plots/RunPalette.h"

namespace ladder {

PeakMemoryBars::PeakMemoryBars(QWidget *parent)
    : QCustomPlot(parent)
{
    m_subtitle = setUpComparePlot(this, tr("Peak training memory by category"));
    QCPBars *below = nullptr;
    for (const MemoryCategoryStyle &style : memoryCategoryStyles()) {
        auto *bars = new QCPBars(xAxis, yAxis);
        bars->setName(style.label);
        bars->setPen(QPen(style.colour.darker(130), 1));
        bars->setBrush(style.colour);
        bars->setWidth(0.6);
        if (below)
            bars->moveAbove(below);
        below = bars;
        m_bars << bars;
    }
    xAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    xAxis->setSubTicks(false);
    xAxis->setTickLength(0, 4);
    xAxis->grid()->setVisible(false);
    yAxis->setPadding(6);
}

void PeakMemoryBars::setComparison(const RunComparison &comparison)
{
    const QList<MemoryCategoryStyle> styles = memoryCategoryStyles();
    double largest = 0;
    for (const ComparedRun &run : comparison.runs)
        largest = std::max(largest, static_cast<double>(run.peakBytes.value_or(0)));
    const ByteUnit unit = byteUnitFor(largest);

    for (QCPBars *bars : m_bars)
        bars->data()->clear();
    clearItems();
    auto ticker = qSharedPointerCast<QCPAxisTickerText>(xAxis->ticker());
    ticker->clear();
    const QStringList labels = comparedRunLabels(comparison.runs);
    QStringList unmeasured;
    for (std::size_t i = 0; i < comparison.runs.size(); ++i) {
        const ComparedRun &run = comparison.runs[i];
        const double key = static_cast<double>(i + 1);
        ticker->addTick(key, labels.at(static_cast<qsizetype>(i)));
        if (!run.peakBytes) {
            unmeasured << labels.at(static_cast<qsizetype>(i));
            continue;
        }
        for (qsizetype c = 0; c < styles.size(); ++c) {
            const auto found = run.memoryAtPeak.find(styles.at(c).key.toStdString());
            const double bytes = found == run.memoryAtPeak.end() ? 0.0 : static_cast<double>(found->second);
            m_bars.at(c)->addData(key, bytes / unit.bytes);
        }
        // The total on top of the bar: the number a reader compares first.
        auto *total = new QCPItemText(this);
        total->setText(formatBytes(static_cast<double>(*run.peakBytes)));
        total->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        total->position->setCoords(key, static_cast<double>(*run.peakBytes) / unit.bytes);
        total->setPadding(QMargins(0, 0, 0, 3));
        total->setClipToAxisRect(false);
    }
    setSubtitleText(m_subtitle, unmeasured.isEmpty() ? tr("At the step of each run's peak; the categories add up to the peak")
                                             : tr("At the step of each run's peak; no memory measured yet: %1")
                                                   .arg(unmeasured.join(QStringLiteral(", "))));

    xAxis->setTickLabelRotation(comparison.runs.size() > 6 ? -30 : 0);
    xAxis->setRange(0.4, static_cast<double>(comparison.runs.size()) + 0.6);
    yAxis->setLabel(tr("peak training memory (%1)").arg(unit.name));
    // Headroom for the totals above the tallest bar.
    yAxis->setRange(0, largest > 0 ? largest / unit.bytes * 1.15 : 1);
    followPalette(this); // the new totals in the theme's text colour
    replot();
}

} // namespace ladder
