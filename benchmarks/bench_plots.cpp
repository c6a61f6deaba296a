// SPDX-License-Identifier: GPL-3.0-or-later
// Measures RunCurves the way the workbench uses it, under Qt's offscreen platform:
//  1. replot time of all four plots with RUNS stored runs × POINTS points per curve;
//  2. one live tick: a step and its memory appended to a live run beside RUNS−1 stored runs,
//     then the replot that tick triggers;
//  3. what a user's actions cost on the same data: switching the x axis, moving the smoothing
//     slider, moving the cursor over a plot.
// Prints a Markdown table. The runs are synthetic (in memory; reading them from the store is
// bench_store's subject), shaped like training curves: a decaying noisy loss, a rising score, a
// steady memory split and a noisy throughput.
// With --shots DIR it instead writes three demo-like runs (lst, lora, adapter) to a temporary
// store and saves the widget as PNGs: three runs overlaid, one run (stacked memory), the cursor.
//
// Usage: bench_plots [--runs 8] [--points 100000] [--replots 30] [--shots DIR]

#include "plots/CurvePlot.h"
#include "plots/RunCurveData.h"
#include "plots/RunCurves.h"
#include "plots/RunPalette.h"
#include "store/Downsample.h"
#include "store/RunStore.h"
#include "store/RunWriter.h"

#include <CLI/CLI.hpp>
#include <qcustomplot.h>

#include <QApplication>
#include <QDir>
#include <QMouseEvent>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

namespace {

using namespace ladder;
using Clock = std::chrono::steady_clock;

struct MethodShape
{
    const char *methodJson;
    double finalLoss;
    double finalScore;
    double samplesPerSecond;
    double trainableMiB;
    double activationsMiB;
};

// Relations as the paper and docs/memory-benchmark.md describe them on a tiny backbone: LST
// trains few parameters and keeps few activations, so it is fastest and lightest; values are
// illustrative shapes for the pictures and the benchmark, not measurements.
const MethodShape kShapes[] = {
    {R"({"kind": "lst", "reduction": 8})", 0.78, 72.0, 2200, 2.4, 11.0},
    {R"({"kind": "lora", "rank": 32})", 0.86, 70.0, 1500, 1.2, 37.0},
    {R"({"kind": "adapter", "reduction": 16})", 0.91, 68.5, 1600, 1.5, 35.0},
};
constexpr double kFrozenMiB = 42.0;
constexpr double kBatch = 32;
constexpr double kMiB = 1024.0 * 1024.0;

/// One synthetic run of `steps` steps, curve point for curve point as a stored run has them.
RunCurveData syntheticRun(qint64 id, const MethodShape &shape, qint64 steps, std::mt19937 &random)
{
    std::normal_distribution<double> noise(0.0, 1.0);
    RunCurveData data;
    data.runId = id;
    data.label = QStringLiteral("run %1").arg(id);
    data.colour = runColour(id);
    double seconds = 0;
    const qint64 evalEvery = std::max<qint64>(1, steps / 12);
    for (qint64 step = 1; step <= steps; ++step) {
        const double t = static_cast<double>(step) / static_cast<double>(steps);
        const double throughput = shape.samplesPerSecond * (1.0 + 0.06 * noise(random));
        seconds += kBatch / throughput;
        const double examples = kBatch * static_cast<double>(step);
        const auto point = [&](double value) { return CurvePoint{step, seconds, examples, value}; };
        const double loss = shape.finalLoss + 3.2 * std::exp(-6.0 * t);
        data.points(CurveSeries::Loss).append(point(loss * (1.0 + 0.12 * noise(random))));
        data.points(CurveSeries::Throughput).append(point(throughput));
        const double activations = shape.activationsMiB * (1.0 + 0.03 * noise(random)) * kMiB;
        const double bytes[] = {kFrozenMiB * kMiB, shape.trainableMiB * kMiB, shape.trainableMiB * kMiB,
            2 * shape.trainableMiB * kMiB, activations};
        double peak = 0;
        for (std::size_t c = 0; c < memoryCategorySeries().size(); ++c) {
            data.points(memoryCategorySeries()[c]).append(point(bytes[c]));
            peak += bytes[c];
        }
        data.points(CurveSeries::Peak).append(point(peak));
        if (step % evalEvery == 0 || step == steps) {
            const double score = 16.5 + (shape.finalScore - 16.5) * (1.0 - std::exp(-4.0 * t)) + 1.2 * noise(random);
            data.points(CurveSeries::Validation).append(point(score));
        }
    }
    data.points(CurveSeries::Test).append(data.points(CurveSeries::Validation).back());
    data.points(CurveSeries::Test).back().value -= 1.5;
    return data;
}

/// The same run written through the store, as `ladder train` would have, for the pictures.
RunId storeRun(RunStore &store, const MethodShape &shape, qint64 steps, std::mt19937 &random)
{
    RunRecord record;
    record.status = RunStatus::Running;
    record.method = "lst";
    record.configJson = std::string(R"({"method": )") + shape.methodJson + R"(, "train": {"batch_size": 32}})";
    const RunId id = store.createRun(record);
    const RunCurveData data = syntheticRun(id, shape, steps, random);
    RunWriter writer(store.path(), id);
    const double start = 1.7e9;
    for (const CurvePoint &p : data.points(CurveSeries::Loss)) {
        writer.addMetric("loss", p.step, p.value, start + p.seconds);
        writer.addMetric(kExamplesSeries, p.step, kBatch, start + p.seconds);
    }
    for (const CurvePoint &p : data.points(CurveSeries::Throughput))
        writer.addMetric(kThroughputSeries, p.step, p.value, start + p.seconds);
    const char *const categories[] = {"frozen_weights", "trainable_weights", "gradients", "optimizer_state", "activations"};
    for (std::size_t c = 0; c < 5; ++c) {
        for (const CurvePoint &p : data.points(memoryCategorySeries()[c]))
            writer.addMemory({categories[c], p.step, start + p.seconds, static_cast<std::int64_t>(p.value)});
    }
    for (const CurvePoint &p : data.points(CurveSeries::Peak))
        writer.addMemory({"tensor_peak", p.step, start + p.seconds, static_cast<std::int64_t>(p.value)});
    for (const CurvePoint &p : data.points(CurveSeries::Validation))
        writer.addEvaluation({"validation", "score", p.step, start + p.seconds + 0.5, p.value});
    for (const CurvePoint &p : data.points(CurveSeries::Test))
        writer.addEvaluation({"test", "score", p.step, start + p.seconds + 1.0, p.value});
    writer.finish(RunStatus::Finished);
    return id;
}

/// The run as loadStoredCurves() hands it over for `maxPoints`: every long series through the
/// store's own min/max downsampling.
RunCurveData downsampled(const RunCurveData &run, std::size_t maxPoints)
{
    RunCurveData reduced = run;
    for (CurvePoints &points : reduced.series) {
        std::vector<SeriesPoint> series;
        for (const CurvePoint &p : points)
            series.push_back({p.step, p.seconds, p.value});
        points.clear();
        for (const SeriesPoint &p : downsampleMinMax(series, maxPoints))
            points.append({p.step, p.wallTime, kBatch * static_cast<double>(p.step), p.value});
    }
    return reduced;
}

void settle(QWidget &widget)
{
    widget.show();
    for (int i = 0; i < 20; ++i)
        QApplication::processEvents();
}

void hover(QCustomPlot *plot, double x)
{
    const QPointF position(plot->xAxis->coordToPixel(x), plot->axisRect()->center().y());
    QMouseEvent move(QEvent::MouseMove, position, plot->mapToGlobal(position), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(plot, &move);
}

int saveShots(const QString &folder)
{
    QTemporaryDir dir;
    RunStore store(dir.filePath(QStringLiteral("runs.db")).toStdString());
    std::mt19937 random(7);
    QList<RunCurveData> runs;
    for (const MethodShape &shape : kShapes)
        runs.append(loadStoredCurves(store, storeRun(store, shape, 600, random), 2000));
    QDir().mkpath(folder);
    RunCurves curves;
    curves.resize(1400, 900);
    curves.setStoredRuns(runs);
    settle(curves);
    const auto save = [&](const char *name) {
        const QString file = QDir(folder).filePath(QString::fromLatin1(name));
        std::printf("%s: %s\n", qPrintable(file), curves.grab().save(file) ? "saved" : "NOT SAVED");
    };
    save("run-curves-three-runs.png");
    hover(curves.lossPlot(), 300);
    hover(curves.memoryPlot(), 300);
    save("run-curves-cursor.png");
    curves.setXAxis(RunCurves::XAxis::Seconds);
    settle(curves);
    save("run-curves-seconds.png");
    curves.setXAxis(RunCurves::XAxis::Steps);
    curves.setStoredRuns({runs.front()});
    settle(curves);
    hover(curves.memoryPlot(), 420);
    save("run-curves-one-run.png");
    return 0;
}

struct Timing
{
    double median = 0;
    double p95 = 0;
};

template<typename F> Timing measure(int repeats, F &&work)
{
    std::vector<double> ms;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    const auto p95 = static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(ms.size()))) - 1;
    return {ms[ms.size() / 2], ms[std::min(p95, ms.size() - 1)]};
}

void row(const char *what, const Timing &timing, const char *target = "")
{
    std::printf("| %s | %.2f | %.2f | %s |\n", what, timing.median, timing.p95, target);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    CLI::App app("RunCurves replot benchmark");
    int runs = 8;
    qint64 points = 100000;
    int replots = 30;
    std::string shots;
    app.add_option("--runs", runs, "runs overlaid")->check(CLI::Range(2, 64));
    app.add_option("--points", points, "points per curve")->check(CLI::Range(10, 10000000));
    app.add_option("--replots", replots, "measurements per figure")->check(CLI::Range(5, 100000));
    app.add_option("--shots", shots, "save screenshots of demo-like runs to this folder instead");
    CLI11_PARSE(app, argc, argv);

    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    if (!shots.empty())
        return saveShots(QString::fromStdString(shots));

    std::mt19937 random(1);
    QList<RunCurveData> data;
    for (int r = 0; r < runs; ++r)
        data.append(syntheticRun(r + 1, kShapes[r % 3], points, random));

    RunCurves curves;
    curves.resize(1400, 900);
    settle(curves);
    std::printf("RunCurves, %s platform, %d runs × %lld points per curve, widget 1400×900, %d measurements\n\n",
        qPrintable(QGuiApplication::platformName()), runs, static_cast<long long>(points), replots);
    std::printf("| what | median ms | p95 ms | target |\n|---|---:|---:|---|\n");

    row("show the runs (setStoredRuns: build graphs, first replot)", measure(3, [&] {
        curves.setStoredRuns(data);
        curves.replotNow();
    }));
    row("replot all four plots", measure(replots, [&] { curves.replotAll(); }), "median ≤ 16 ms");
    const char *const names[] = {"  of which the loss plot (raw and smoothed)", "  of which the score plot",
        "  of which the memory plot", "  of which the throughput plot"};
    for (int i = 0; i < 4; ++i)
        row(names[i], measure(replots, [&] { curves.plots().at(i)->replot(QCustomPlot::rpImmediateRefresh); }));

    // What the workbench shows: the same runs read through the store's downsampling.
    QList<RunCurveData> reduced;
    for (const RunCurveData &run : data)
        reduced.append(downsampled(run, kPlotPointsPerCurve));
    curves.setStoredRuns(reduced);
    row("replot all four plots, runs as loadStoredCurves(…, kPlotPointsPerCurve) reads them",
        measure(replots, [&] { curves.replotAll(); }), "median ≤ 16 ms");

    // A live run beside runs−1 stored ones, already as long as they are (all points kept).
    curves.setStoredRuns(data.mid(0, runs - 1));
    const RunCurveData &template_ = data.back();
    curves.beginLiveRun(runs, QStringLiteral("live"), points + replots + 1);
    const auto feed = [&](qint64 step) {
        StepMetrics metrics;
        metrics.step = step;
        metrics.totalSteps = points + replots + 1;
        const qsizetype i = std::min<qsizetype>(step - 1, template_.points(CurveSeries::Loss).size() - 1);
        metrics.loss = template_.points(CurveSeries::Loss).at(i).value;
        metrics.samplesPerSecond = template_.points(CurveSeries::Throughput).at(i).value;
        metrics.examples = static_cast<std::int64_t>(kBatch);
        metrics.elapsedSeconds = template_.points(CurveSeries::Loss).at(i).seconds;
        curves.addStep(metrics);
        MemoryBreakdown memory;
        memory.frozenWeights = static_cast<std::int64_t>(template_.points(CurveSeries::FrozenWeights).at(i).value);
        memory.activations = static_cast<std::int64_t>(template_.points(CurveSeries::Activations).at(i).value);
        memory.peak = memory.frozenWeights + memory.activations;
        curves.addMemory(step, memory);
    };
    for (qint64 step = 1; step <= points; ++step)
        feed(step);
    curves.replotNow();
    qint64 next = points + 1;
    row("live tick: 1 step + memory appended, replot", measure(replots, [&] {
        feed(next++);
        curves.replotNow();
    }));

    curves.clearLiveRun();
    curves.setStoredRuns(data);
    curves.replotNow();
    row("switch x axis (steps ↔ examples), replot", measure(std::max(5, replots / 3), [&] {
        curves.setXAxis(curves.xAxis() == RunCurves::XAxis::Steps ? RunCurves::XAxis::Examples : RunCurves::XAxis::Steps);
        curves.replotNow();
    }));
    int weight = 0;
    row("move the smoothing slider, replot", measure(std::max(5, replots / 3), [&] {
        curves.setSmoothing(0.5 + 0.01 * (weight++ % 40));
        curves.replotNow();
    }));
    double x = 1;
    row("move the cursor over the loss plot (readout, cursor layer)", measure(replots, [&] {
        hover(curves.lossPlot(), x);
        x += static_cast<double>(points) / replots;
    }));
    std::printf("\n(machine: %d hardware threads, shared with other work while measuring)\n",
        static_cast<int>(std::thread::hardware_concurrency()));
    return 0;
}
