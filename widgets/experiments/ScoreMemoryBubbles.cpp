// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/ScoreMemoryBubbles.h"

#include "experiments/ComparePlotStyle.h"
#include "experiments/ComparedRunLabels.h"
#include "experiments/ParetoFrontier.h"
#include "experiments/RunFormatting.h"
#include "plots/PlotTheme.h"
#include "plots/RunPalette.h"

#include <cmath>

namespace ladder {

namespace {

// Bubble diameters in pixels: the run with the most trainable parameters gets the largest;
// a floor keeps BitFit's (hundreds of times fewer) visible and clickable.
constexpr double kLargestDiameter = 46;
constexpr double kSmallestDiameter = 7;

} // namespace

ScoreMemoryBubbles::ScoreMemoryBubbles(QWidget *parent)
    : QCustomPlot(parent)
{
    m_subtitle = setUpComparePlot(this, tr("Score against peak training memory"));
    m_frontier = addGraph();
    m_frontier->setName(tr("Pareto frontier (no run has less memory and a higher score)"));
    m_frontier->setLineStyle(QCPGraph::lsStepLeft);
    m_frontier->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
    setAnnotation(m_frontier);
    xAxis->setLabel(tr("peak training memory"));
    yAxis->setPadding(6);
}

void ScoreMemoryBubbles::setComparison(const RunComparison &comparison)
{
    // Everything but the frontier graph is rebuilt: one graph per bubble, since each has its
    // own size and colour.
    for (int i = graphCount() - 1; i >= 0; --i) {
        if (graph(i) != m_frontier)
            removeGraph(i);
    }
    clearItems();
    m_frontier->data()->clear();
    m_frontierRunIds.clear();

    const QStringList labels = comparedRunLabels(comparison.runs);
    std::vector<MemoryScorePoint> points;
    std::vector<std::size_t> runOfPoint;
    double largestMemory = 0;
    std::int64_t mostTrainable = 0;
    bool anyTest = false;
    bool anyValidation = false;
    QStringList unplotted;
    for (std::size_t i = 0; i < comparison.runs.size(); ++i) {
        const ComparedRun &run = comparison.runs[i];
        if (!run.peakBytes || !run.score()) {
            unplotted << labels.at(static_cast<qsizetype>(i));
            continue;
        }
        points.push_back({ static_cast<double>(*run.peakBytes), *run.score() });
        runOfPoint.push_back(i);
        largestMemory = std::max(largestMemory, static_cast<double>(*run.peakBytes));
        mostTrainable = std::max(mostTrainable, run.run.trainableParameters);
        (run.scoreSource() == ScoreSource::Test ? anyTest : anyValidation) = true;
    }
    const ByteUnit unit = byteUnitFor(largestMemory);

    double lowest = 100;
    double highest = 0;
    for (std::size_t p = 0; p < points.size(); ++p) {
        const ComparedRun &run = comparison.runs[runOfPoint[p]];
        const double x = points[p].memory / unit.bytes;
        const double y = points[p].score;
        lowest = std::min(lowest, y);
        highest = std::max(highest, y);
        const double share = mostTrainable > 0
            ? static_cast<double>(run.run.trainableParameters) / static_cast<double>(mostTrainable)
            : 0.0;
        // Area ∝ trainable parameters: the diameter grows with the square root.
        const double diameter = std::max(kSmallestDiameter, kLargestDiameter * std::sqrt(share));
        const QColor colour = runColour(run.run.id);
        QColor fill = colour;
        fill.setAlpha(150);
        QCPGraph *bubble = addGraph();
        bubble->setName(labels.at(static_cast<qsizetype>(runOfPoint[p])));
        bubble->setLineStyle(QCPGraph::lsNone);
        bubble->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour.darker(140), fill, diameter));
        bubble->addData(x, y);
        bubble->removeFromLegend();

        auto *label = new QCPItemText(this);
        label->setText(labels.at(static_cast<qsizetype>(runOfPoint[p])));
        // Above and right of the bubble: the frontier leaves a point horizontally, so a label
        // level with it would sit on the line.
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->position->setCoords(x, y);
        const int offset = static_cast<int>(diameter * 0.35) + 2;
        label->setPadding(QMargins(offset, 0, 0, offset));
        setDataColouredText(label, colour);
        label->setClipToAxisRect(false);
    }
    for (std::size_t index : paretoFrontier(points)) {
        m_frontier->addData(points[index].memory / unit.bytes, points[index].score);
        m_frontierRunIds << comparison.runs[runOfPoint[index]].run.id;
    }
    m_frontier->setVisible(m_frontierRunIds.size() > 1);
    if (m_frontierRunIds.size() > 1)
        m_frontier->addToLegend();
    else
        m_frontier->removeFromLegend();

    QString subtitle
        = tr("Bubble area ∝ trainable parameters (the smallest enlarged to stay visible); up and to the left is "
             "better");
    if (!unplotted.isEmpty())
        subtitle += QLatin1Char('\n')
            + tr("Not shown (no memory or score yet): %1").arg(unplotted.join(QStringLiteral(", ")));
    setSubtitleText(m_subtitle, subtitle);

    xAxis->setLabel(tr("peak training memory (%1)").arg(unit.name));
    yAxis->setLabel(anyValidation && !anyTest ? tr("best validation score")
            : anyValidation                   ? tr("score (test; best validation where none)")
                                              : tr("test score"));
    // From zero, so memory savings read as the ratios they are; room right for the labels.
    xAxis->setRange(0, largestMemory > 0 ? largestMemory / unit.bytes * 1.3 : 1);
    const double margin = std::max(2.0, (highest - lowest) * 0.15);
    yAxis->setRange(points.empty() ? 0 : lowest - margin, points.empty() ? 100 : highest + margin);
    followPalette(this); // the new labels in the theme's colours
    replot();
}

} // namespace ladder
