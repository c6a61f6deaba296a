// SPDX-License-Identifier: GPL-3.0-or-later
// RunCurves and its parts: a stored run is drawn with exactly the points the store holds, runs
// overlay with their own labels and colours, the x axis switches between steps, seconds and
// examples seen, the loss EMA is debiased, one run's memory stacks by category while several
// show peak lines, the cursor readout reads every curve, and each export writes a valid file.

#include "plots/CurvePlot.h"
#include "plots/CurveSmoothing.h"
#include "plots/PlotExport.h"
#include "plots/RunCurveData.h"
#include "plots/RunCurves.h"
#include "plots/RunPalette.h"
#include "store/RunStore.h"
#include "store/RunWriter.h"

#include <qcustomplot.h>

#include <QFile>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>

using namespace ladder;

namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kStart = 1.7e9; // the run's first wall-clock second (a whole number: exact sums)
constexpr double kStepSeconds = 0.5;

// The recorded values of step s, so every check can recompute what was written.
double lossAt(std::int64_t step) { return 3.0 / static_cast<double>(step); }
double throughputAt(std::int64_t step) { return 100.0 + static_cast<double>(step); }
double examplesIn(std::int64_t step) { return step % 3 == 0 ? 7.0 : 8.0; } // a short batch every third step
std::int64_t categoryBytes(int category, std::int64_t step) { return (category + 1) * 1024 * 1024 + step * 4096; }
std::int64_t peakBytes(std::int64_t step)
{
    std::int64_t sum = 0;
    for (int category = 0; category < 5; ++category)
        sum += categoryBytes(category, step);
    return sum; // the trainer defines the categories to add up to the peak
}
double validationAt(std::int64_t step) { return 20.0 + static_cast<double>(step); }

const char *const kCategories[] = {"frozen_weights", "trainable_weights", "gradients", "optimizer_state", "activations"};

struct RunSpec
{
    std::string methodJson = R"({"kind": "lst", "reduction": 8})";
    std::int64_t steps = 40;
    bool examplesSeries = true;
    std::int64_t evalEvery = 10;
};

/// Writes a finished run through the store's own writer, as `ladder train` does.
RunId writeRun(RunStore &store, const RunSpec &spec)
{
    RunRecord record;
    record.name = "curves";
    record.status = RunStatus::Running;
    record.method = "lst";
    record.configJson = R"({"method": )" + spec.methodJson + R"(, "train": {"batch_size": 4, "grad_accumulation": 2}})";
    const RunId id = store.createRun(record);
    RunWriter writer(store.path(), id);
    for (std::int64_t step = 1; step <= spec.steps; ++step) {
        const double time = kStart + static_cast<double>(step) * kStepSeconds;
        writer.addMetric("loss", step, lossAt(step), time);
        writer.addMetric(kThroughputSeries, step, throughputAt(step), time);
        if (spec.examplesSeries)
            writer.addMetric(kExamplesSeries, step, examplesIn(step), time);
        for (int category = 0; category < 5; ++category)
            writer.addMemory({kCategories[category], step, time + 0.125, categoryBytes(category, step)});
        writer.addMemory({"tensor_peak", step, time + 0.125, peakBytes(step)});
        writer.addMemory({"rss", step, time + 0.125, 4 * peakBytes(step)});
        if (step % spec.evalEvery == 0) {
            writer.addEvaluation({"validation", "accuracy", step, time + 0.25, validationAt(step)});
            writer.addEvaluation({"validation", "score", step, time + 0.25, validationAt(step)});
        }
    }
    writer.addEvaluation({"test", "score", spec.steps, kStart + static_cast<double>(spec.steps) * kStepSeconds + 0.375, 55.0});
    writer.finish(RunStatus::Finished);
    return id;
}

double examplesSeen(std::int64_t step)
{
    double sum = 0;
    for (std::int64_t s = 1; s <= step; ++s)
        sum += examplesIn(s);
    return sum;
}

QCPGraph *graph(QCustomPlot *plot, qint64 runId, const char *series)
{
    return plot->findChild<QCPGraph *>(QStringLiteral("%1/%2").arg(runId).arg(QLatin1String(series)));
}

QStringList legendTexts(QCustomPlot *plot)
{
    QStringList texts;
    for (int i = 0; i < plot->legend->itemCount(); ++i) {
        if (auto *item = qobject_cast<QCPPlottableLegendItem *>(plot->legend->item(i)))
            texts.append(item->plottable()->name());
    }
    return texts;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestRunCurves : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(dbPath());
    }

    void storedRunLoadsExactlyItsStoredPoints()
    {
        RunStore store(dbPath().toStdString());
        const RunId id = writeRun(store, {});
        const RunCurveData data = loadStoredCurves(store, id, 1000);

        QCOMPARE(data.runId, id);
        QCOMPARE(data.label, QStringLiteral("lst r=8"));
        QCOMPARE(data.colour, runColour(id));
        QCOMPARE(data.points(CurveSeries::Loss).size(), 40);
        QCOMPARE(data.points(CurveSeries::Throughput).size(), 40);
        QCOMPARE(data.points(CurveSeries::Validation).size(), 4); // "score" only, not "accuracy"
        QCOMPARE(data.points(CurveSeries::Test).size(), 1);
        QCOMPARE(data.points(CurveSeries::Peak).size(), 40);
        for (CurveSeries category : memoryCategorySeries())
            QCOMPARE(data.points(category).size(), 40);
        for (std::int64_t step = 1; step <= 40; ++step) {
            const CurvePoint &loss = data.points(CurveSeries::Loss).at(step - 1);
            QCOMPARE(loss.step, step);
            QCOMPARE(loss.value, lossAt(step));
            QCOMPARE(loss.seconds, static_cast<double>(step - 1) * kStepSeconds); // from the first point
            QCOMPARE(loss.examples, examplesSeen(step));
            QCOMPARE(data.points(CurveSeries::Throughput).at(step - 1).value, throughputAt(step));
            QCOMPARE(data.points(CurveSeries::Peak).at(step - 1).value, static_cast<double>(peakBytes(step)));
            QCOMPARE(data.points(CurveSeries::Gradients).at(step - 1).value, static_cast<double>(categoryBytes(2, step)));
        }
        QCOMPARE(data.points(CurveSeries::Validation).at(2).step, 30);
        QCOMPARE(data.points(CurveSeries::Validation).at(2).value, validationAt(30));
        QCOMPARE(data.points(CurveSeries::Test).front().value, 55.0);
    }

    void openedRunDrawsExactlyItsStoredPoints()
    {
        RunStore store(dbPath().toStdString());
        const RunId id = writeRun(store, {});
        RunCurves curves;
        curves.setStoredRuns({loadStoredCurves(store, id, 1000)});

        const std::vector<SeriesPoint> stored = store.series(id, "loss");
        QCPGraph *raw = graph(curves.lossPlot(), id, "loss_raw");
        QVERIFY(raw != nullptr);
        QCOMPARE(raw->dataCount(), static_cast<int>(stored.size()));
        for (int i = 0; i < raw->dataCount(); ++i) {
            QCOMPARE(raw->data()->at(i)->key, static_cast<double>(stored[static_cast<std::size_t>(i)].step));
            QCOMPARE(raw->data()->at(i)->value, stored[static_cast<std::size_t>(i)].value);
        }
        QCOMPARE(graph(curves.throughputPlot(), id, "samples_per_second")->dataCount(), 40);
        QCOMPARE(graph(curves.scorePlot(), id, "validation")->dataCount(), 4);
        QCOMPARE(graph(curves.scorePlot(), id, "test")->dataCount(), 1);
        QCOMPARE(graph(curves.memoryPlot(), id, "peak")->dataCount(), 40);
        QCOMPARE(graph(curves.memoryPlot(), id, "peak")->data()->at(9)->value, static_cast<double>(peakBytes(10)) / kMiB);
        QCOMPARE(curves.pointCount(QStringLiteral("loss")), 0); // no live run
        QCOMPARE(curves.pointCount(QStringLiteral("no such series")), -1);
    }

    void longSeriesAreDownsampledKeepingEnds()
    {
        RunStore store(dbPath().toStdString());
        const RunId id = writeRun(store, {R"({"kind": "lora", "rank": 4})", 3000, true, 1000});
        const RunCurveData data = loadStoredCurves(store, id, 300);
        const CurvePoints &loss = data.points(CurveSeries::Loss);
        QVERIFY2(loss.size() <= 300 && loss.size() >= 100, qPrintable(QString::number(loss.size())));
        QCOMPARE(loss.front().step, 1);
        QCOMPARE(loss.back().step, 3000);
        QCOMPARE(loss.front().value, lossAt(1)); // the highest loss survives
        const CurvePoints &peak = data.points(CurveSeries::Peak);
        QVERIFY(peak.size() <= 300 && peak.size() >= 100);
        QCOMPARE(peak.back().value, static_cast<double>(peakBytes(3000)));
        // Every category keeps the same steps as the peak, so the stacked bands line up.
        for (CurveSeries category : memoryCategorySeries()) {
            const CurvePoints &points = data.points(category);
            QCOMPARE(points.size(), peak.size());
            for (qsizetype i = 0; i < points.size(); ++i)
                QCOMPARE(points.at(i).step, peak.at(i).step);
        }
    }

    void examplesSeenFallBackToBatchTimesAccumulation()
    {
        RunStore store(dbPath().toStdString());
        const RunId id = writeRun(store, {R"({"kind": "lst", "reduction": 8})", 12, false, 6});
        const RunCurveData data = loadStoredCurves(store, id, 1000);
        for (const CurvePoint &point : data.points(CurveSeries::Loss))
            QCOMPARE(point.examples, static_cast<double>(point.step * 4 * 2)); // batch_size 4 × grad_accumulation 2
        QCOMPARE(data.points(CurveSeries::Validation).back().examples, 12.0 * 8);
    }

    void threeOverlaidRunsHaveThreeLabelledColouredEntries()
    {
        RunStore store(dbPath().toStdString());
        const RunId lst = writeRun(store, {R"({"kind": "lst", "reduction": 8})"});
        const RunId lora = writeRun(store, {R"({"kind": "lora", "rank": 32})"});
        const RunId adapter = writeRun(store, {R"({"kind": "adapter", "reduction": 16})"});
        RunCurves curves;
        curves.setStoredRuns({loadStoredCurves(store, lst, 1000), loadStoredCurves(store, lora, 1000),
            loadStoredCurves(store, adapter, 1000)});

        const QStringList labels = {QStringLiteral("lst r=8"), QStringLiteral("lora r=32"), QStringLiteral("adapter r=16")};
        for (QCustomPlot *plot : curves.plots())
            QCOMPARE(legendTexts(plot), labels);
        const QColor colours[] = {graph(curves.lossPlot(), lst, "loss")->pen().color(),
            graph(curves.lossPlot(), lora, "loss")->pen().color(), graph(curves.lossPlot(), adapter, "loss")->pen().color()};
        QVERIFY(colours[0] != colours[1] && colours[1] != colours[2] && colours[0] != colours[2]);
        QCOMPARE(colours[1], runColour(lora));
        // The raw loss is drawn in the run's colour, faint.
        const QColor raw = graph(curves.lossPlot(), lora, "loss_raw")->pen().color();
        QCOMPARE(raw.rgb(), runColour(lora).rgb());
        QVERIFY(raw.alpha() < 128);
    }

    void legendsSitOutsideTheData()
    {
        RunStore store(dbPath().toStdString());
        QList<RunCurveData> runs;
        for (int i = 0; i < 8; ++i)
            runs.append(loadStoredCurves(store, writeRun(store, {}), 1000));
        RunCurves curves;
        curves.resize(1400, 900);
        curves.setStoredRuns(runs);
        curves.show();
        QVERIFY(QTest::qWaitForWindowExposed(&curves));
        for (QCustomPlot *plot : curves.plots()) {
            plot->replot();
            QVERIFY(plot->legend->itemCount() > 0);
            QVERIFY2(!plot->legend->outerRect().intersects(plot->axisRect()->rect()), qPrintable(plot->objectName()));
            QVERIFY(plot->legend->outerRect().top() >= plot->axisRect()->outerRect().bottom());
        }
    }

    void runsSharingALabelAreToldApartById()
    {
        RunStore store(dbPath().toStdString());
        const RunId first = writeRun(store, {R"({"kind": "lora", "rank": 32})"});
        const RunId second = writeRun(store, {R"({"kind": "lora"})"}); // rank 32 by default
        const RunId other = writeRun(store, {R"({"kind": "lst", "reduction": 8})"});
        RunCurves curves;
        curves.setStoredRuns({loadStoredCurves(store, first, 100), loadStoredCurves(store, second, 100),
            loadStoredCurves(store, other, 100)});
        QCOMPARE(curves.legendLabel(first), QStringLiteral("lora r=32 #%1").arg(first));
        QCOMPARE(curves.legendLabel(second), QStringLiteral("lora r=32 #%1").arg(second));
        QCOMPARE(curves.legendLabel(other), QStringLiteral("lst r=8"));
    }

    void xAxisModesGiveTheExpectedX_data()
    {
        QTest::addColumn<RunCurves::XAxis>("axis");
        QTest::addColumn<double>("xOfStep10");
        QTest::addColumn<double>("xOfStep40");
        QTest::newRow("optimizer steps") << RunCurves::XAxis::Steps << 10.0 << 40.0;
        QTest::newRow("wall-clock seconds") << RunCurves::XAxis::Seconds << 9 * kStepSeconds << 39 * kStepSeconds;
        QTest::newRow("examples seen") << RunCurves::XAxis::Examples << examplesSeen(10) << examplesSeen(40);
    }

    void xAxisModesGiveTheExpectedX()
    {
        QFETCH(RunCurves::XAxis, axis);
        QFETCH(double, xOfStep10);
        QFETCH(double, xOfStep40);
        RunStore store(dbPath().toStdString());
        const RunId id = writeRun(store, {});
        RunCurves curves;
        curves.setStoredRuns({loadStoredCurves(store, id, 1000)});
        curves.setXAxis(axis);
        QCOMPARE(curves.xAxis(), axis);
        QCPGraph *loss = graph(curves.lossPlot(), id, "loss");
        QCOMPARE(loss->data()->at(9)->key, xOfStep10);
        QCOMPARE(loss->data()->at(39)->key, xOfStep40);
        QCPGraph *validation = graph(curves.scorePlot(), id, "validation");
        QCOMPARE(validation->data()->at(0)->key, xOfStep10 + (axis == RunCurves::XAxis::Seconds ? 0.25 : 0.0));
        QVERIFY(curves.lossPlot()->xAxis->range().contains(xOfStep40));
    }

    void emaIsDebiasedFromTheStart_data()
    {
        QTest::addColumn<double>("weight");
        QTest::addColumn<QVector<double>>("values");
        QTest::addColumn<QVector<double>>("expected");
        QTest::newRow("no smoothing") << 0.0 << QVector<double>{3, 1, 2} << QVector<double>{3, 1, 2};
        QTest::newRow("half") << 0.5 << QVector<double>{1, 2, 3} << QVector<double>{1, 5.0 / 3.0, 17.0 / 7.0};
        // Debiased, a constant stays constant; a plain EMA from 0 would start at 0.2.
        QTest::newRow("constant") << 0.9 << QVector<double>{2, 2, 2, 2} << QVector<double>{2, 2, 2, 2};
        QTest::newRow("NaN passes through")
            << 0.5 << QVector<double>{1, std::nan(""), 3} << QVector<double>{1, std::nan(""), 7.0 / 3.0};
    }

    void emaIsDebiasedFromTheStart()
    {
        QFETCH(double, weight);
        QFETCH(QVector<double>, values);
        QFETCH(QVector<double>, expected);
        const QVector<double> smoothed = emaSmoothed(values, weight);
        QCOMPARE(smoothed.size(), expected.size());
        for (qsizetype i = 0; i < smoothed.size(); ++i) {
            if (std::isnan(expected[i]))
                QVERIFY(std::isnan(smoothed[i]));
            else
                QVERIFY2(std::abs(smoothed[i] - expected[i]) < 1e-12, qPrintable(QString::number(smoothed[i], 'g', 17)));
        }
    }

    void smoothingSliderSmoothsTheLossAndKeepsRawFaint()
    {
        RunStore store(dbPath().toStdString());
        const RunId id = writeRun(store, {});
        RunCurves curves;
        curves.setStoredRuns({loadStoredCurves(store, id, 1000)});
        curves.setSmoothing(0.8);
        QVector<double> raw;
        for (std::int64_t step = 1; step <= 40; ++step)
            raw.append(lossAt(step));
        const QVector<double> expected = emaSmoothed(raw, 0.8);
        QCPGraph *smoothed = graph(curves.lossPlot(), id, "loss");
        for (int i = 0; i < 40; ++i)
            QCOMPARE(smoothed->data()->at(i)->value, expected[i]);
        QVERIFY(graph(curves.lossPlot(), id, "loss_raw")->visible());
        curves.setSmoothing(0);
        QCOMPARE(smoothed->data()->at(5)->value, lossAt(6));
        QVERIFY(!graph(curves.lossPlot(), id, "loss_raw")->visible()); // identical to the curve: hidden
    }

    void oneRunStacksMemoryByCategoryUpToThePeak()
    {
        RunStore store(dbPath().toStdString());
        const RunId id = writeRun(store, {});
        RunCurves curves;
        curves.setStoredRuns({loadStoredCurves(store, id, 1000)});
        QCustomPlot *memory = curves.memoryPlot();
        QCOMPARE(memory->graphCount(), 6); // five bands and the peak line
        QCPGraph *top = graph(memory, id, "activations");
        QVERIFY(top != nullptr);
        QCOMPARE(top->channelFillGraph(), graph(memory, id, "optimizer_state"));
        QCOMPARE(graph(memory, id, "frozen_weights")->channelFillGraph(), nullptr); // down to zero
        QVERIFY(top->brush().style() != Qt::NoBrush);
        QCOMPARE(top->dataCount(), 40);
        for (int i = 0; i < 40; ++i) {
            const double peak = static_cast<double>(peakBytes(i + 1)) / kMiB;
            QVERIFY(std::abs(top->data()->at(i)->value - peak) < 1e-9);
            QCOMPARE(graph(memory, id, "peak")->data()->at(i)->value, peak);
        }
        QCOMPARE(graph(memory, id, "frozen_weights")->data()->at(0)->value, static_cast<double>(categoryBytes(0, 1)) / kMiB);
        QCOMPARE(legendTexts(memory).size(), 6);
    }

    void severalRunsShowOnePeakLinePerRun()
    {
        RunStore store(dbPath().toStdString());
        const RunId a = writeRun(store, {});
        const RunId b = writeRun(store, {R"({"kind": "lora", "rank": 8})"});
        RunCurves curves;
        curves.setStoredRuns({loadStoredCurves(store, a, 1000), loadStoredCurves(store, b, 1000)});
        QCustomPlot *memory = curves.memoryPlot();
        QCOMPARE(memory->graphCount(), 2);
        for (RunId id : {a, b}) {
            QCPGraph *peak = graph(memory, id, "peak");
            QVERIFY(peak != nullptr);
            QCOMPARE(peak->pen().color(), runColour(id));
            QCOMPARE(peak->brush().style(), Qt::NoBrush);
            QCOMPARE(peak->dataCount(), 40);
        }
    }

    void liveRunGrowsBesideStoredRuns()
    {
        RunStore store(dbPath().toStdString());
        const RunId stored = writeRun(store, {});
        RunCurves curves;
        curves.setStoredRuns({loadStoredCurves(store, stored, 1000)});
        curves.beginLiveRun(stored + 1, QStringLiteral("lora r=32"), 10);
        for (std::int64_t step = 1; step <= 5; ++step) {
            StepMetrics metrics;
            metrics.step = step;
            metrics.totalSteps = 10;
            metrics.loss = 2.0 / static_cast<double>(step);
            metrics.examples = 8;
            metrics.samplesPerSecond = 50;
            metrics.elapsedSeconds = 1.0 + static_cast<double>(step);
            curves.addStep(metrics);
            MemoryBreakdown memory;
            memory.frozenWeights = 10 * 1024 * 1024;
            memory.activations = step * 1024 * 1024;
            memory.peak = memory.frozenWeights + memory.activations;
            curves.addMemory(step, memory);
        }
        EvaluationResult validation;
        validation.step = 5;
        validation.split = "validation";
        validation.evaluation.score = 40;
        curves.addEvaluation(validation);
        EvaluationResult test = validation;
        test.split = "test";
        curves.addEvaluation(test);

        QCOMPARE(curves.pointCount(QStringLiteral("loss")), 5);
        QCOMPARE(curves.pointCount(QStringLiteral("samples_per_second")), 5);
        QCOMPARE(curves.pointCount(QStringLiteral("peak")), 5);
        QCOMPARE(curves.pointCount(QStringLiteral("activations")), 5);
        QCOMPARE(curves.pointCount(QStringLiteral("validation")), 1);
        QCOMPARE(curves.pointCount(QStringLiteral("test")), 1);
        curves.replotNow();
        const qint64 live = stored + 1;
        QCOMPARE(graph(curves.lossPlot(), live, "loss_raw")->dataCount(), 5);
        QCOMPARE(graph(curves.lossPlot(), stored, "loss_raw")->dataCount(), 40);
        QCOMPARE(graph(curves.memoryPlot(), live, "peak")->dataCount(), 5);
        QCOMPARE(curves.memoryPlot()->graphCount(), 2); // two runs: peak lines, no stack
        // Live curves draw on their own cached layer, so a tick need not redraw the stored ones.
        QCOMPARE(graph(curves.lossPlot(), live, "loss")->layer()->name(), QStringLiteral("live"));
        QCOMPARE(graph(curves.lossPlot(), stored, "loss")->layer()->name(), QStringLiteral("main"));
        QCOMPARE(legendTexts(curves.lossPlot()).size(), 2);
        QVERIFY(curves.lossPlot()->xAxis->range().upper >= 40.0);

        // The next points reach the graphs on the next tick, appended to what is there.
        StepMetrics sixth;
        sixth.step = 6;
        sixth.loss = 0.3;
        sixth.examples = 8;
        sixth.elapsedSeconds = 7.0;
        curves.addStep(sixth);
        QTRY_COMPARE(graph(curves.lossPlot(), live, "loss_raw")->dataCount(), 6);
        QCOMPARE(graph(curves.lossPlot(), live, "loss_raw")->data()->at(5)->value, 0.3);

        curves.setXAxis(RunCurves::XAxis::Examples);
        QCOMPARE(graph(curves.lossPlot(), live, "loss")->data()->at(5)->key, 48.0);
        curves.setXAxis(RunCurves::XAxis::Seconds);
        QCOMPARE(graph(curves.lossPlot(), live, "loss")->data()->at(0)->key, 0.0); // from the first step
        QCOMPARE(graph(curves.lossPlot(), live, "loss")->data()->at(5)->key, 5.0);
    }

    void oneLiveRunAloneStacksItsMemory()
    {
        RunCurves curves;
        curves.beginLiveRun(7, QStringLiteral("lst r=8"), 4);
        MemoryBreakdown memory;
        memory.frozenWeights = 4 * 1024 * 1024;
        memory.gradients = 1024 * 1024;
        memory.activations = 3 * 1024 * 1024;
        memory.peak = 8 * 1024 * 1024;
        StepMetrics metrics;
        metrics.step = 1;
        curves.addStep(metrics);
        curves.addMemory(1, memory);
        curves.replotNow();
        QCOMPARE(curves.memoryPlot()->graphCount(), 6);
        QCOMPARE(graph(curves.memoryPlot(), 7, "activations")->data()->at(0)->value, 8.0);
        QCOMPARE(graph(curves.memoryPlot(), 7, "gradients")->data()->at(0)->value, 5.0);
    }

    void theMemoryAxisNamesEachShownRunsDevice()
    {
        RunStore store(dbPath().toStdString());
        const RunId stored = writeRun(store, {});
        RunCurves curves;
        curves.setStoredRuns({loadStoredCurves(store, stored, 1000)});
        QCOMPARE(curves.memoryPlot()->yAxis->label(), QStringLiteral("MiB on cpu"));
        // A GPU run's tensors are the GPU's: its first measurement names the device.
        curves.beginLiveRun(stored + 1, QStringLiteral("lst r=8"), 4);
        MemoryBreakdown memory;
        memory.device = "cuda:0";
        memory.frozenWeights = 4 * 1024 * 1024;
        memory.peak = memory.frozenWeights;
        curves.addMemory(1, memory);
        QCOMPARE(curves.memoryPlot()->yAxis->label(), QStringLiteral("MiB on cpu, cuda:0"));
        curves.setStoredRuns({});
        QCOMPARE(curves.memoryPlot()->yAxis->label(), QStringLiteral("MiB on cuda:0"));
    }

    void cursorReadoutListsEveryCurveAtOrBeforeX()
    {
        RunStore store(dbPath().toStdString());
        const RunId a = writeRun(store, {});
        const RunId b = writeRun(store, {R"({"kind": "lora", "rank": 32})", 20});
        RunCurves curves;
        curves.resize(1400, 900);
        curves.setStoredRuns({loadStoredCurves(store, a, 1000), loadStoredCurves(store, b, 1000)});
        curves.show();
        QVERIFY(QTest::qWaitForWindowExposed(&curves));
        QCustomPlot *plot = curves.throughputPlot();
        plot->replot();
        // Hover at x = 30.4: run a's point of step 30; run b ends at step 20, its last point.
        const QPointF position(plot->xAxis->coordToPixel(30.4), plot->axisRect()->center().y());
        QMouseEvent move(QEvent::MouseMove, position, plot->mapToGlobal(position), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(plot, &move);
        const QString text = curves.curvePlot(3)->readoutText();
        QVERIFY2(text.contains(QStringLiteral("lst r=8 %1").arg(throughputAt(30), 0, 'f', 1)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("lora r=32 %1").arg(throughputAt(20), 0, 'f', 1)), qPrintable(text));
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(plot, &leave);
        QVERIFY(curves.curvePlot(3)->readoutText().isEmpty());
    }

    void imageExportsAreValidFiles_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("png") << QStringLiteral("png");
        QTest::newRow("svg") << QStringLiteral("svg");
        QTest::newRow("pdf") << QStringLiteral("pdf");
    }

    void imageExportsAreValidFiles()
    {
        QFETCH(QString, suffix);
        RunStore store(dbPath().toStdString());
        const RunId id = writeRun(store, {});
        RunCurves curves;
        curves.resize(1400, 900);
        curves.setStoredRuns({loadStoredCurves(store, id, 1000)});
        curves.show();
        QVERIFY(QTest::qWaitForWindowExposed(&curves));
        const QString file = m_dir.filePath(QStringLiteral("loss.") + suffix);
        QString error;
        QVERIFY2(savePlotImage(curves.lossPlot(), file, &error), qPrintable(error));
        const QByteArray bytes = fileBytes(file);
        if (suffix == QLatin1String("png")) {
            QVERIFY(bytes.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)));
            QVERIFY(!QImage(file).isNull());
        } else if (suffix == QLatin1String("pdf")) {
            QVERIFY(bytes.startsWith("%PDF"));
        } else {
            QXmlStreamReader xml(bytes);
            QString root;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && root.isEmpty())
                    root = xml.name().toString();
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QCOMPARE(root, QStringLiteral("svg"));
            QVERIFY(bytes.contains("<path") || bytes.contains("<polyline"));
        }
    }

    void unknownImageTypeIsRefusedWithAHint()
    {
        RunCurves curves;
        QString error;
        QVERIFY(!savePlotImage(curves.lossPlot(), m_dir.filePath(QStringLiteral("loss.bmpx")), &error));
        QVERIFY2(error.contains(QStringLiteral(".png")) && error.contains(QStringLiteral("loss.bmpx")), qPrintable(error));
    }

    void dataExportWritesThePlottedRows()
    {
        RunStore store(dbPath().toStdString());
        const RunId a = writeRun(store, {});
        const RunId b = writeRun(store, {R"({"kind": "lora", "rank": 32})", 20});
        RunCurves curves;
        curves.setStoredRuns({loadStoredCurves(store, a, 1000), loadStoredCurves(store, b, 1000)});
        const QString file = m_dir.filePath(QStringLiteral("throughput.csv"));
        QString error;
        QVERIFY2(savePlotData(curves.throughputPlot(), file, &error), qPrintable(error));
        const QStringList lines = QString::fromUtf8(fileBytes(file)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.front(), QStringLiteral("plot,curve,x,y"));
        QCOMPARE(lines.size(), 1 + 40 + 20);
        QCOMPARE(lines.at(1), QStringLiteral("Throughput,lst r=8,1,101"));
        QCOMPARE(lines.at(41), QStringLiteral("Throughput,lora r=32,1,101"));
        QCOMPARE(lines.last(), QStringLiteral("Throughput,lora r=32,20,120"));

        // The loss plot exports its raw and smoothed curves.
        const QString lossFile = m_dir.filePath(QStringLiteral("loss.csv"));
        QVERIFY(savePlotData(curves.lossPlot(), lossFile, &error));
        const QString loss = QString::fromUtf8(fileBytes(lossFile));
        QVERIFY(loss.contains(QStringLiteral("Training loss,lst r=8 (raw),1,3\n")));
        QCOMPARE(loss.count(QLatin1Char('\n')), 1 + 2 * (40 + 20));
    }

private:
    QString dbPath() const { return m_dir.filePath(QStringLiteral("runs.db")); }

    QTemporaryDir m_dir;
};

QTEST_MAIN(TestRunCurves)
#include "test_run_curves.moc"
