// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/LiveCurves.h"

#include <qcustomplot.h>

#include <QGridLayout>

namespace ladder {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

// One colour per memory category, kept across runs so a class learns them once (legend labels,
// translated, in the same order in the constructor).
const QList<QPair<QString, QColor>> &memoryCategories()
{
    static const QList<QPair<QString, QColor>> categories = {
        {QStringLiteral("frozen_weights"), QColor(0x8c, 0x8c, 0x8c)},
        {QStringLiteral("trainable_weights"), QColor(0x1f, 0x77, 0xb4)},
        {QStringLiteral("gradients"), QColor(0xff, 0x7f, 0x0e)},
        {QStringLiteral("optimizer_state"), QColor(0x2c, 0xa0, 0x2c)},
        {QStringLiteral("activations"), QColor(0xd6, 0x27, 0x28)},
        {QStringLiteral("peak"), QColor(0x00, 0x00, 0x00)},
    };
    return categories;
}

} // namespace

LiveCurves::LiveCurves(QWidget *parent)
    : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    m_lossPlot = addPlot(tr("Training loss"), tr("loss"));
    m_scorePlot = addPlot(tr("Evaluation score"), tr("score"));
    m_memoryPlot = addPlot(tr("Peak tensor memory by category"), tr("MiB"));
    m_speedPlot = addPlot(tr("Throughput"), tr("samples/s"));
    grid->addWidget(m_lossPlot, 0, 0);
    grid->addWidget(m_scorePlot, 0, 1);
    grid->addWidget(m_memoryPlot, 1, 0);
    grid->addWidget(m_speedPlot, 1, 1);

    m_series.append({QStringLiteral("loss"), addGraph(m_lossPlot, tr("loss"), QColor(0x1f, 0x77, 0xb4))});
    QCPGraph *validation = addGraph(m_scorePlot, tr("validation"), QColor(0x2c, 0xa0, 0x2c));
    validation->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    m_series.append({QStringLiteral("validation"), validation});
    QCPGraph *test = addGraph(m_scorePlot, tr("test"), QColor(0xd6, 0x27, 0x28));
    test->setLineStyle(QCPGraph::lsNone);
    test->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 8));
    m_series.append({QStringLiteral("test"), test});
    const QStringList memoryLabels = {tr("frozen weights"), tr("trainable weights"), tr("gradients"),
        tr("optimizer state"), tr("activations"), tr("peak")};
    for (qsizetype i = 0; i < memoryCategories().size(); ++i) {
        const auto &[category, color] = memoryCategories().at(i);
        m_series.append({category, addGraph(m_memoryPlot, memoryLabels.at(i), color)});
    }
    m_series.append(
        {QStringLiteral("samples_per_second"), addGraph(m_speedPlot, tr("samples/s"), QColor(0x94, 0x67, 0xbd))});
    for (QCustomPlot *plot : {m_scorePlot, m_memoryPlot}) {
        plot->legend->setVisible(true);
        QFont small = font();
        small.setPointSizeF(small.pointSizeF() * 0.8);
        plot->legend->setFont(small);
        plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    }
    m_scorePlot->yAxis->setRange(0, 100);

    m_replotTimer.setInterval(40);
    connect(&m_replotTimer, &QTimer::timeout, this, &LiveCurves::replotIfDirty);
    m_replotTimer.start();
}

QCustomPlot *LiveCurves::addPlot(const QString &title, const QString &yLabel)
{
    auto *plot = new QCustomPlot(this);
    plot->setObjectName(title);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, QFont(font().family(), -1, QFont::Bold)));
    plot->xAxis->setLabel(tr("step"));
    plot->yAxis->setLabel(yLabel);
    plot->setMinimumSize(260, 180);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    return plot;
}

QCPGraph *LiveCurves::addGraph(QCustomPlot *plot, const QString &name, const QColor &color)
{
    QCPGraph *graph = plot->addGraph();
    graph->setName(name);
    graph->setPen(QPen(color, 1.5));
    return graph;
}

QCPGraph *LiveCurves::series(const QString &name) const
{
    for (const auto &[seriesName, graph] : m_series) {
        if (seriesName == name)
            return graph;
    }
    return nullptr;
}

void LiveCurves::reset(qint64 totalSteps)
{
    for (const auto &entry : m_series)
        entry.second->data()->clear();
    // A little room past the last step, so the final evaluation's marker is not cut in half.
    const double last = static_cast<double>(std::max<qint64>(1, totalSteps));
    for (QCustomPlot *plot : {m_lossPlot, m_scorePlot, m_memoryPlot, m_speedPlot})
        plot->xAxis->setRange(0, last * 1.03);
    m_dirty = true;
}

void LiveCurves::addStep(const StepMetrics &metrics)
{
    const auto step = static_cast<double>(metrics.step);
    series(QStringLiteral("loss"))->addData(step, metrics.loss);
    series(QStringLiteral("samples_per_second"))->addData(step, metrics.samplesPerSecond);
    m_dirty = true;
}

void LiveCurves::addMemory(qint64 step, const MemoryBreakdown &memory)
{
    const std::pair<const char *, int64_t> values[] = {{"frozen_weights", memory.frozenWeights},
        {"trainable_weights", memory.trainableWeights}, {"gradients", memory.gradients},
        {"optimizer_state", memory.optimizerState}, {"activations", memory.activations}, {"peak", memory.peak}};
    for (const auto &[category, bytes] : values)
        series(QString::fromLatin1(category))->addData(static_cast<double>(step), static_cast<double>(bytes) / kMiB);
    m_dirty = true;
}

void LiveCurves::addEvaluation(const EvaluationResult &result)
{
    QCPGraph *graph = series(result.split == "test" ? QStringLiteral("test") : QStringLiteral("validation"));
    graph->addData(static_cast<double>(result.step), result.evaluation.score);
    m_dirty = true;
}

int LiveCurves::pointCount(const QString &name) const
{
    const QCPGraph *graph = series(name);
    return graph != nullptr ? graph->dataCount() : -1;
}

void LiveCurves::replotIfDirty()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    for (QCustomPlot *plot : {m_lossPlot, m_memoryPlot, m_speedPlot}) {
        // Keep the x range the run's length; fit y to what is there (scores keep 0–100).
        const QCPRange x = plot->xAxis->range();
        plot->rescaleAxes(true);
        plot->xAxis->setRange(x);
        if (plot->yAxis->range().lower > 0)
            plot->yAxis->setRangeLower(0);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
    m_scorePlot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace ladder
