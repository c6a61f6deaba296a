// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/RunCurves.h"

#include "plots/CurvePlot.h"
#include "plots/CurveSmoothing.h"
#include "plots/PlotTheme.h"
#include "plots/RunPalette.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

namespace ladder {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

/// The smallest and largest finite value seen.
struct Extent
{
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();

    void add(double value)
    {
        if (std::isfinite(value)) {
            low = std::min(low, value);
            high = std::max(high, value);
        }
    }
    void add(const Extent &other)
    {
        add(other.low);
        add(other.high);
    }
    bool valid() const { return low <= high; }
};

enum PlotIndex { LossPlot, ScorePlot, MemoryPlot, ThroughputPlot, PlotCount };

QColor faint(QColor colour)
{
    colour.setAlpha(60);
    return colour;
}

} // namespace

struct RunCurves::Run
{
    RunCurveData data;
    QString legend;
    bool live = false;
    /// Points of each series already handed to the graphs (the live run draws the rest on the
    /// next tick).
    std::array<qsizetype, kCurveSeriesCount> drawn{};
    std::optional<EmaSmoother> ema;
    QCPGraph *lossRaw = nullptr;
    QCPGraph *lossSmoothed = nullptr;
    QCPGraph *validation = nullptr;
    QCPGraph *test = nullptr;
    QCPGraph *throughput = nullptr;
    QCPGraph *peak = nullptr;
    std::array<QCPGraph *, 5> memory{}; ///< the stacked bands, when one run is shown
    std::array<Extent, PlotCount> x;
    std::array<Extent, PlotCount> y;
};

RunCurves::RunCurves(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *controls = new QHBoxLayout;
    auto *xLabel = new QLabel(tr("x axis:"), this);
    m_xAxisChoice = new QComboBox(this);
    m_xAxisChoice->addItem(tr("optimizer steps"), QVariant::fromValue(XAxis::Steps));
    m_xAxisChoice->addItem(tr("wall-clock seconds"), QVariant::fromValue(XAxis::Seconds));
    m_xAxisChoice->addItem(tr("examples seen"), QVariant::fromValue(XAxis::Examples));
    xLabel->setBuddy(m_xAxisChoice);
    auto *smoothingLabel = new QLabel(tr("loss smoothing:"), this);
    m_smoothingSlider = new QSlider(Qt::Horizontal, this);
    m_smoothingSlider->setRange(0, 99);
    m_smoothingSlider->setValue(static_cast<int>(std::lround(m_smoothing * 100)));
    m_smoothingSlider->setFixedWidth(180);
    m_smoothingSlider->setToolTip(tr("Exponential moving average of the loss (as TensorBoard's); the raw curve stays faint behind it."));
    smoothingLabel->setBuddy(m_smoothingSlider);
    m_smoothingValue = new QLabel(this);
    m_smoothingValue->setMinimumWidth(QFontMetrics(font()).horizontalAdvance(QStringLiteral("0.00 ")));
    m_smoothingValue->setText(QString::number(m_smoothing, 'f', 2));
    controls->addWidget(xLabel);
    controls->addWidget(m_xAxisChoice);
    controls->addSpacing(24);
    controls->addWidget(smoothingLabel);
    controls->addWidget(m_smoothingSlider);
    controls->addWidget(m_smoothingValue);
    controls->addStretch(1);
    layout->addLayout(controls);

    m_loss = new CurvePlot(tr("Training loss"), tr("loss"), this);
    m_score = new CurvePlot(tr("Evaluation score (● validation, ◆ test)"), tr("score"), this);
    m_memory = new CurvePlot(tr("Peak tensor memory"), tr("MiB"), this);
    m_memory->setValueSuffix(QStringLiteral("&nbsp;MiB"));
    m_throughput = new CurvePlot(tr("Throughput"), tr("samples/s"), this);
    auto *grid = new QGridLayout;
    grid->addWidget(m_loss, 0, 0);
    grid->addWidget(m_score, 0, 1);
    grid->addWidget(m_memory, 1, 0);
    grid->addWidget(m_throughput, 1, 1);
    layout->addLayout(grid, 1);

    connect(m_xAxisChoice, &QComboBox::currentIndexChanged, this,
        [this] { setXAxis(m_xAxisChoice->currentData().value<XAxis>()); });
    connect(m_smoothingSlider, &QSlider::valueChanged, this, [this](int value) { setSmoothing(value / 100.0); });

    m_replotTimer.setSingleShot(true);
    m_replotTimer.setInterval(40);
    connect(&m_replotTimer, &QTimer::timeout, this, [this] { drawNewPoints(false); });
    rebuild();
}

RunCurves::~RunCurves() = default;

QCustomPlot *RunCurves::lossPlot() const { return m_loss->plot(); }
QCustomPlot *RunCurves::scorePlot() const { return m_score->plot(); }
QCustomPlot *RunCurves::memoryPlot() const { return m_memory->plot(); }
QCustomPlot *RunCurves::throughputPlot() const { return m_throughput->plot(); }

QList<QCustomPlot *> RunCurves::plots() const
{
    return {lossPlot(), scorePlot(), memoryPlot(), throughputPlot()};
}

CurvePlot *RunCurves::curvePlot(int index) const
{
    const CurvePlot *plots[] = {m_loss, m_score, m_memory, m_throughput};
    return index >= 0 && index < PlotCount ? const_cast<CurvePlot *>(plots[index]) : nullptr;
}

void RunCurves::setStoredRuns(const QList<RunCurveData> &runs)
{
    m_stored.clear();
    for (const RunCurveData &data : runs) {
        auto run = std::make_unique<Run>();
        run->data = data;
        m_stored.push_back(std::move(run));
    }
    rebuild();
}

QList<qint64> RunCurves::storedRunIds() const
{
    QList<qint64> ids;
    for (const auto &run : m_stored)
        ids.append(run->data.runId);
    return ids;
}

void RunCurves::beginLiveRun(qint64 runId, const QString &label, qint64 totalSteps)
{
    m_live = std::make_unique<Run>();
    m_live->live = true;
    m_live->data.runId = runId;
    m_live->data.label = label;
    m_live->data.colour = runColour(runId);
    m_liveTotalSteps = totalSteps;
    m_liveFirstStepElapsed = 0;
    m_liveLastStepSeconds = 0;
    m_liveSinceLastStep.invalidate();
    m_liveExamples = 0;
    rebuild();
}

void RunCurves::clearLiveRun()
{
    m_live.reset();
    m_liveTotalSteps = 0;
    rebuild();
}

void RunCurves::keepLiveRun()
{
    if (!m_live)
        return;
    auto kept = std::make_unique<Run>();
    kept->data = m_live->data;
    m_stored.push_back(std::move(kept));
    clearLiveRun();
}

bool RunCurves::hasLiveRun() const
{
    return m_live != nullptr;
}

int RunCurves::pointCount(const QString &name) const
{
    const std::optional<CurveSeries> series = curveSeriesFromName(name);
    if (!series)
        return -1;
    return m_live ? static_cast<int>(m_live->data.points(*series).size()) : 0;
}

void RunCurves::setXAxis(XAxis axis)
{
    if (axis == m_xAxis)
        return;
    m_xAxis = axis;
    const int index = m_xAxisChoice->findData(QVariant::fromValue(axis));
    if (index != m_xAxisChoice->currentIndex())
        m_xAxisChoice->setCurrentIndex(index);
    rebuild();
}

void RunCurves::setSmoothing(double weight)
{
    weight = std::clamp(weight, 0.0, 0.99);
    const int sliderValue = static_cast<int>(std::lround(weight * 100));
    if (m_smoothingSlider->value() != sliderValue)
        m_smoothingSlider->setValue(sliderValue);
    if (weight == m_smoothing)
        return;
    m_smoothing = weight;
    m_smoothingValue->setText(QString::number(weight, 'f', 2));
    // Only the smoothed loss curves change: recompute them, leave every other graph alone.
    drawNewPoints(false);
    for (Run *run : shownRuns()) {
        const CurvePoints &loss = run->data.points(CurveSeries::Loss);
        QVector<double> keys;
        QVector<double> values;
        keys.reserve(loss.size());
        values.reserve(loss.size());
        run->ema.emplace(m_smoothing);
        for (const CurvePoint &point : loss) {
            keys.append(xOf(point));
            values.append(run->ema->add(point.value));
        }
        run->lossSmoothed->setData(keys, values);
        run->lossRaw->setVisible(m_smoothing > 0);
    }
    m_loss->plot()->replot(QCustomPlot::rpQueuedReplot);
}

QString RunCurves::legendLabel(qint64 runId) const
{
    for (Run *run : shownRuns()) {
        if (run->data.runId == runId)
            return run->legend;
    }
    return {};
}

std::vector<RunCurves::Run *> RunCurves::shownRuns() const
{
    std::vector<Run *> runs;
    for (const auto &run : m_stored) {
        if (!m_live || run->data.runId != m_live->data.runId)
            runs.push_back(run.get());
    }
    if (m_live)
        runs.push_back(m_live.get());
    return runs;
}

double RunCurves::xOf(const CurvePoint &point) const
{
    switch (m_xAxis) {
    case XAxis::Seconds:
        return point.seconds;
    case XAxis::Examples:
        return point.examples;
    case XAxis::Steps:
        break;
    }
    return static_cast<double>(point.step);
}

QString RunCurves::xLabel() const
{
    switch (m_xAxis) {
    case XAxis::Seconds:
        return tr("seconds");
    case XAxis::Examples:
        return tr("examples seen");
    case XAxis::Steps:
        break;
    }
    return tr("step");
}

void RunCurves::rebuild()
{
    m_replotTimer.stop();
    for (CurvePlot *plot : {m_loss, m_score, m_memory, m_throughput}) {
        plot->plot()->clearGraphs();
        plot->setXLabel(xLabel());
        plot->setXDecimals(m_xAxis == XAxis::Seconds ? 1 : 0);
    }
    const std::vector<Run *> runs = shownRuns();
    // Two runs with one label ("lora r=32" twice) are told apart by their ids.
    for (Run *run : runs) {
        const auto same = std::count_if(
            runs.begin(), runs.end(), [run](const Run *other) { return other->data.label == run->data.label; });
        run->legend = same > 1 ? QStringLiteral("%1 #%2").arg(run->data.label).arg(run->data.runId) : run->data.label;
    }
    m_stackedMemory = runs.size() == 1;
    updateMemoryDeviceLabel();
    for (Run *run : runs)
        buildRunGraphs(*run, m_stackedMemory);
    if (m_stackedMemory && !runs.empty()) {
        // The categories' legend entries read top to bottom like the bands.
        QCPLegend *legend = m_memory->plot()->legend;
        legend->clearItems();
        Run *run = runs.front();
        if (run->peak != nullptr)
            run->peak->addToLegend();
        for (auto band = run->memory.rbegin(); band != run->memory.rend(); ++band)
            (*band)->addToLegend();
    }
    // Legends: as many entries per row as fit a plot's width comfortably.
    for (CurvePlot *plot : {m_loss, m_score, m_memory, m_throughput})
        plot->setLegendColumns(m_stackedMemory && plot == m_memory ? 3 : 4);
    updateReadouts();
    m_fullReplotPending = true;
    drawNewPoints(false);
}

void RunCurves::buildRunGraphs(Run &run, bool stackedMemory)
{
    const QColor colour = run.data.colour;
    const QString id = QString::number(run.data.runId);
    // Curves of many points are drawn with 1-pixel pens: Qt strokes a wider pen through its
    // general path stroker, measured here at ~100 times the cost (8 × 100,000 points: 690 ms
    // with a 1.6 px pen against 6 ms with 1 px).
    const auto graph = [&](CurvePlot *plot, const QString &series, const QString &name, const QPen &pen) {
        QCPGraph *g = plot->plot()->addGraph();
        g->setObjectName(id + QLatin1Char('/') + series);
        g->setName(name);
        g->setPen(pen);
        if (run.live)
            g->setLayer(plot->liveLayer());
        return g;
    };
    run.lossRaw = graph(m_loss, QStringLiteral("loss_raw"), run.legend + QLatin1Char(' ') + tr("(raw)"), QPen(faint(colour), 1));
    run.lossRaw->removeFromLegend();
    run.lossRaw->setVisible(m_smoothing > 0);
    run.lossSmoothed = graph(m_loss, QStringLiteral("loss"), run.legend, QPen(colour, 1));
    run.validation = graph(m_score, QStringLiteral("validation"), run.legend, QPen(colour, 1.6));
    run.validation->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(colour, 1.5), Qt::white, 6));
    run.test = graph(m_score, QStringLiteral("test"), run.legend + QLatin1Char(' ') + tr("test"), QPen(colour, 1.6));
    run.test->setLineStyle(QCPGraph::lsNone);
    run.test->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(colour.darker(130), 1.2), colour, 10));
    run.test->removeFromLegend();
    run.throughput = graph(m_throughput, QStringLiteral("samples_per_second"), run.legend, QPen(colour, 1));
    run.memory.fill(nullptr);
    if (stackedMemory) {
        const QList<MemoryCategoryStyle> styles = memoryCategoryStyles();
        QCPGraph *below = nullptr;
        for (std::size_t i = 0; i < run.memory.size(); ++i) {
            const MemoryCategoryStyle &style = styles.at(static_cast<qsizetype>(i));
            QColor fill = style.colour;
            fill.setAlpha(170);
            QCPGraph *band = graph(m_memory, style.key, style.label, QPen(style.colour.darker(115), 1));
            band->setBrush(fill);
            band->setChannelFillGraph(below); // the first band fills down to zero
            run.memory[i] = band;
            below = band;
        }
        run.peak = graph(m_memory, QStringLiteral("peak"), tr("peak"), QPen(Qt::black, 1));
        setAnnotation(run.peak); // the window's text colour, so it reads on a dark theme too
    } else {
        run.peak = graph(m_memory, QStringLiteral("peak"), run.legend, QPen(colour, 1));
    }
    for (std::size_t plot = 0; plot < PlotCount; ++plot) {
        run.x[plot] = {};
        run.y[plot] = {};
    }
    run.drawn.fill(0);
    run.ema.emplace(m_smoothing);
}

void RunCurves::drawNewPoints(bool replotImmediately)
{
    std::array<bool, PlotCount> grown{};
    for (Run *run : shownRuns()) {
        const auto fresh = [run](CurveSeries series) {
            const CurvePoints &points = run->data.points(series);
            const qsizetype from = run->drawn[static_cast<std::size_t>(series)];
            run->drawn[static_cast<std::size_t>(series)] = points.size();
            return std::make_pair(points.constBegin() + from, points.constEnd());
        };
        const auto append = [&](CurveSeries series, QCPGraph *graph, PlotIndex plot, double scale) {
            const auto [begin, end] = fresh(series);
            grown[plot] = grown[plot] || begin != end;
            for (auto point = begin; point != end; ++point) {
                const double x = xOf(*point);
                graph->addData(x, point->value / scale);
                run->x[plot].add(x);
                run->y[plot].add(point->value / scale);
            }
        };
        {
            const auto [begin, end] = fresh(CurveSeries::Loss);
            QVector<double> keys;
            QVector<double> raw;
            QVector<double> smoothed;
            for (auto point = begin; point != end; ++point) {
                keys.append(xOf(*point));
                raw.append(point->value);
                smoothed.append(run->ema->add(point->value));
                run->x[LossPlot].add(keys.back());
                run->y[LossPlot].add(point->value);
            }
            grown[LossPlot] = grown[LossPlot] || !keys.isEmpty();
            run->lossRaw->addData(keys, raw, true);
            run->lossSmoothed->addData(keys, smoothed, true);
        }
        append(CurveSeries::Validation, run->validation, ScorePlot, 1.0);
        append(CurveSeries::Test, run->test, ScorePlot, 1.0);
        append(CurveSeries::Throughput, run->throughput, ThroughputPlot, 1.0);
        append(CurveSeries::Peak, run->peak, MemoryPlot, kMiB);
        if (m_stackedMemory) {
            // Each band's top is the sum of its category and those below it, at the same step.
            std::map<qint64, double> top;
            for (std::size_t i = 0; i < run->memory.size(); ++i) {
                const auto [begin, end] = fresh(memoryCategorySeries()[i]);
                grown[MemoryPlot] = grown[MemoryPlot] || begin != end;
                for (auto point = begin; point != end; ++point) {
                    double &sum = top[point->step];
                    sum += point->value / kMiB;
                    const double x = xOf(*point);
                    run->memory[i]->addData(x, sum);
                    run->x[MemoryPlot].add(x);
                    run->y[MemoryPlot].add(sum);
                }
            }
        }
    }
    const std::array<bool, PlotCount> moved = updateRanges();
    // Stored curves sit in cached layers: a tick that only adds live points to axes that stay
    // put redraws the live layer alone; the whole plot is redrawn when its axes move.
    const std::array<CurvePlot *, PlotCount> plots = {m_loss, m_score, m_memory, m_throughput};
    for (std::size_t i = 0; i < PlotCount; ++i) {
        if (m_fullReplotPending || moved[i])
            plots[i]->plot()->replot(replotImmediately ? QCustomPlot::rpImmediateRefresh : QCustomPlot::rpQueuedReplot);
        else if (grown[i])
            plots[i]->redrawLiveLayer(replotImmediately);
    }
    m_fullReplotPending = false;
}

std::array<bool, RunCurves::kPlotCount> RunCurves::updateRanges()
{
    std::array<bool, kPlotCount> moved{};
    std::array<Extent, PlotCount> x;
    std::array<Extent, PlotCount> y;
    for (Run *run : shownRuns()) {
        for (std::size_t plot = 0; plot < PlotCount; ++plot) {
            x[plot].add(run->x[plot]);
            y[plot].add(run->y[plot]);
        }
    }
    // A live run's axis spans its whole length from the start in steps (and in examples, once
    // the first step tells how many a step sees), so curves grow into a fixed frame.
    double liveEnd = 0;
    if (m_live && m_liveTotalSteps > 0) {
        const CurvePoints &loss = m_live->data.points(CurveSeries::Loss);
        if (m_xAxis == XAxis::Steps)
            liveEnd = static_cast<double>(m_liveTotalSteps);
        else if (m_xAxis == XAxis::Examples && !loss.isEmpty() && loss.back().step > 0)
            liveEnd = loss.back().examples / static_cast<double>(loss.back().step) * static_cast<double>(m_liveTotalSteps);
    }
    const CurvePlot *plots[] = {m_loss, m_score, m_memory, m_throughput};
    for (std::size_t plot = 0; plot < PlotCount; ++plot) {
        Extent &xs = x[plot];
        xs.add(liveEnd);
        if (m_xAxis != XAxis::Seconds || !xs.valid())
            xs.add(0.0);
        const double xHigh = xs.valid() && xs.high > xs.low ? xs.high : xs.low + 1;
        // A little room past the last point, so a final evaluation's marker is not cut in half.
        const QCPRange xRange(xs.valid() ? std::min(0.0, xs.low) : 0.0, xHigh + 0.03 * (xHigh - std::min(0.0, xs.low)));
        Extent ys = y[plot];
        QCPRange yRange;
        if (plot == ScorePlot) {
            ys.add(0.0);
            ys.add(100.0);
            yRange = QCPRange(ys.low, ys.high + 0.04 * (ys.high - ys.low));
        } else {
            ys.add(0.0);
            const double high = ys.high > ys.low ? ys.high : ys.low + 1;
            yRange = QCPRange(ys.low, high + 0.06 * (high - ys.low));
        }
        moved[plot] = const_cast<CurvePlot *>(plots[plot])->setDataRanges(xRange, yRange);
    }
    return moved;
}

void RunCurves::updateReadouts()
{
    QList<CurvePlot::ReadoutCurve> loss;
    QList<CurvePlot::ReadoutCurve> score;
    QList<CurvePlot::ReadoutCurve> memory;
    QList<CurvePlot::ReadoutCurve> throughput;
    for (Run *run : shownRuns()) {
        const QColor colour = run->data.colour;
        loss.append({run->lossSmoothed, run->legend, colour, nullptr, m_smoothing > 0 ? run->lossRaw : nullptr});
        score.append({run->validation, run->legend, colour, nullptr, nullptr});
        score.append({run->test, run->legend + QLatin1Char(' ') + tr("test"), colour, nullptr, nullptr});
        throughput.append({run->throughput, run->legend, colour, nullptr, nullptr});
        if (m_stackedMemory) {
            memory.append({run->peak, tr("peak"), palette().color(QPalette::WindowText), nullptr, nullptr});
            const QList<MemoryCategoryStyle> styles = memoryCategoryStyles();
            for (std::size_t i = run->memory.size(); i-- > 0;) {
                memory.append({run->memory[i], styles.at(static_cast<qsizetype>(i)).label,
                    styles.at(static_cast<qsizetype>(i)).colour, i > 0 ? run->memory[i - 1] : nullptr, nullptr});
            }
        } else {
            memory.append({run->peak, run->legend, colour, nullptr, nullptr});
        }
    }
    m_loss->setReadoutCurves(loss);
    m_score->setReadoutCurves(score);
    m_memory->setReadoutCurves(memory);
    m_throughput->setReadoutCurves(throughput);
}

void RunCurves::replotAll(bool immediately)
{
    for (CurvePlot *plot : {m_loss, m_score, m_memory, m_throughput})
        plot->plot()->replot(immediately ? QCustomPlot::rpImmediateRefresh : QCustomPlot::rpQueuedReplot);
}

void RunCurves::replotNow()
{
    m_replotTimer.stop();
    drawNewPoints(true);
}

void RunCurves::scheduleReplot()
{
    // Single-shot and not restarted by later points: a steady stream still replots every 40 ms.
    if (!m_replotTimer.isActive())
        m_replotTimer.start();
}

CurvePoint RunCurves::livePoint(qint64 step, double value) const
{
    CurvePoint point;
    point.step = step;
    point.value = value;
    // Memory and evaluations arrive after their step: its time plus what passed since it came.
    point.seconds = m_liveLastStepSeconds
        + (m_liveSinceLastStep.isValid() ? static_cast<double>(m_liveSinceLastStep.elapsed()) / 1000.0 : 0.0);
    point.examples = m_liveExamples;
    const CurvePoints &loss = m_live->data.points(CurveSeries::Loss);
    const auto atStep = std::lower_bound(
        loss.begin(), loss.end(), step, [](const CurvePoint &p, qint64 s) { return p.step < s; });
    if (atStep != loss.end() && atStep->step == step)
        point.examples = atStep->examples;
    return point;
}

void RunCurves::addStep(const StepMetrics &metrics)
{
    if (!m_live)
        return;
    CurvePoints &loss = m_live->data.points(CurveSeries::Loss);
    // Seconds count from the first step, as a stored run's do from its first point.
    if (loss.isEmpty())
        m_liveFirstStepElapsed = metrics.elapsedSeconds;
    m_liveExamples += static_cast<double>(metrics.examples);
    m_liveLastStepSeconds = metrics.elapsedSeconds - m_liveFirstStepElapsed;
    m_liveSinceLastStep.start();
    CurvePoint point{metrics.step, m_liveLastStepSeconds, m_liveExamples, metrics.loss};
    loss.append(point);
    point.value = metrics.samplesPerSecond;
    m_live->data.points(CurveSeries::Throughput).append(point);
    scheduleReplot();
}

void RunCurves::updateMemoryDeviceLabel()
{
    // Tensor memory of a GPU run is the GPU's: the axis says whose memory each shown run's is.
    QStringList devices;
    for (const Run *run : shownRuns()) {
        if (!devices.contains(run->data.device))
            devices.append(run->data.device);
    }
    m_memory->setYLabel(devices.isEmpty() ? tr("MiB") : tr("MiB on %1").arg(devices.join(QStringLiteral(", "))));
}

void RunCurves::addMemory(qint64 step, const MemoryBreakdown &memory)
{
    if (!m_live)
        return;
    const QString device = QString::fromStdString(memory.device);
    if (m_live->data.device != device) {
        m_live->data.device = device;
        updateMemoryDeviceLabel();
    }
    const std::pair<CurveSeries, int64_t> values[] = {{CurveSeries::FrozenWeights, memory.frozenWeights},
        {CurveSeries::TrainableWeights, memory.trainableWeights}, {CurveSeries::Gradients, memory.gradients},
        {CurveSeries::OptimizerState, memory.optimizerState}, {CurveSeries::Activations, memory.activations},
        {CurveSeries::Peak, memory.peak}};
    for (const auto &[series, bytes] : values)
        m_live->data.points(series).append(livePoint(step, static_cast<double>(bytes)));
    scheduleReplot();
}

void RunCurves::addEvaluation(const EvaluationResult &result)
{
    if (!m_live)
        return;
    const CurveSeries series = result.split == "test" ? CurveSeries::Test : CurveSeries::Validation;
    m_live->data.points(series).append(livePoint(result.step, result.evaluation.score));
    scheduleReplot();
}

} // namespace ladder
