// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison of stored runs that `ladder compare` prints and the compare view shows: labels,
// every figure against the points written to a real store, the paper table's rows, the
// configuration differences, the four renderings and the errors a user meets.

#include "experiments/RunComparison.h"
#include "experiments/RunLabels.h"
#include "store/RunStore.h"
#include "store/RunWriter.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <sstream>

using namespace ladder;

namespace {

/// The categories of one memory measurement; they add up to tensor_peak as the trainer's do.
struct MemoryStep
{
    std::int64_t step;
    std::int64_t frozen, trainable, gradients, optimizer, activations;
    std::int64_t peak() const { return frozen + trainable + gradients + optimizer + activations; }
};

/// What one synthetic run records; every figure the comparison shows is derived from these.
struct RunPoints
{
    std::string method; ///< the "method" object of the configuration
    std::string kind;
    std::string task = "polarity";
    std::uint64_t seed = 0;
    std::int64_t trainable = 0;
    std::int64_t total = 0;
    std::vector<MemoryStep> memory;
    std::vector<std::pair<std::int64_t, double>> validation; ///< (step, score)
    std::vector<std::pair<std::int64_t, double>> test;
    std::vector<double> throughput; ///< one per step from 1
};

RunPoints pointsOf(const std::string &method, const std::string &kind)
{
    RunPoints p;
    p.method = method;
    p.kind = kind;
    return p;
}

std::string configFor(const RunPoints &p)
{
    return R"({"name": "", "backbone": {"preset": "wordnet-t5-tiny", "path": ""}, "method": )" + p.method
        + R"(, "task": {"kind": "demo", "name": ")" + p.task + R"("}, "train": {"seed": )" + std::to_string(p.seed)
        + R"(, "batch_size": 8}})";
}

RunId writeRun(RunStore &store, const RunPoints &p, RunStatus end = RunStatus::Finished)
{
    RunRecord record;
    record.name = defaultRunName(configFor(p));
    record.method = p.kind;
    record.backbone = "wordnet-t5-tiny";
    record.task = "demo/" + p.task;
    record.configJson = configFor(p);
    record.seed = static_cast<std::int64_t>(p.seed);
    const RunId id = store.createRun(record);
    if (p.total > 0)
        store.setParameterCounts(id, p.trainable, p.total);
    RunWriter writer(store.path(), id);
    for (std::size_t i = 0; i < p.throughput.size(); ++i)
        writer.addMetric(kThroughputSeries, static_cast<std::int64_t>(i) + 1, p.throughput[i]);
    for (const MemoryStep &m : p.memory) {
        for (const auto &[category, bytes] : { std::pair<const char *, std::int64_t> { "frozen_weights", m.frozen },
                 { "trainable_weights", m.trainable }, { "gradients", m.gradients }, { "optimizer_state", m.optimizer },
                 { "activations", m.activations }, { "tensor_peak", m.peak() }, { "rss", 10 * m.peak() } })
            writer.addMemory({ category, m.step, 0, bytes });
    }
    for (const auto &[step, score] : p.validation) {
        writer.addEvaluation({ "validation", "accuracy", step, 0, score + 1 });
        writer.addEvaluation({ "validation", "score", step, 0, score });
    }
    for (const auto &[step, score] : p.test)
        writer.addEvaluation({ "test", "score", step, 0, score });
    writer.finish(end);
    return id;
}

RunPoints fullRun()
{
    RunPoints p = pointsOf(R"({"kind": "full"})", "full");
    p.trainable = 1000;
    p.total = 1000;
    p.memory = { { 1, 4000, 0, 4000, 0, 900 }, { 2, 4000, 0, 4000, 8000, 700 } };
    p.validation = { { 1, 60.0 }, { 2, 75.0 } };
    p.test = { { 2, 72.5 } };
    p.throughput = { 100.0, 120.0 };
    return p;
}

RunPoints loraRun()
{
    RunPoints p = pointsOf(R"({"kind": "lora", "rank": 8, "alpha": 16})", "lora");
    p.trainable = 40;
    p.total = 1040;
    p.memory = { { 1, 4000, 160, 160, 0, 800 }, { 2, 4000, 160, 160, 320, 500 } };
    p.validation = { { 1, 55.0 }, { 2, 70.0 } };
    p.test = { { 2, 68.0 } };
    p.throughput = { 150.0, 170.0 };
    return p;
}

/// The peak is at step 2, but activations are highest at step 1 and gradients at step 3: each
/// category's own maximum would not add up to the peak.
RunPoints lstRun(std::uint64_t seed, const std::string &task = "polarity")
{
    RunPoints p = pointsOf(R"({"kind": "lst", "reduction": 8})", "lst");
    p.task = task;
    p.seed = seed;
    p.trainable = 25;
    p.total = 1025;
    p.memory = { { 1, 4000, 100, 100, 0, 500 }, { 2, 4000, 100, 100, 200, 450 }, { 3, 4000, 100, 150, 200, 300 } };
    // The best validation score is at step 2, and the last test score (step 4) is not the highest.
    p.validation = { { 1, 50.0 + seed }, { 2, 70.0 + seed }, { 3, 60.0 + seed } };
    p.test = { { 3, 69.0 + seed }, { 4, 65.0 + seed } };
    p.throughput = { 300.0, 100.0, 200.0 + seed };
    return p;
}

template<typename F> std::string errorOf(F &&action)
{
    try {
        action();
    } catch (const Error &e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

class TestRunComparison : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void methodLabelNamesTheMainKnob_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("fallback");
        QTest::addColumn<QString>("label");
        QTest::newRow("lst reduction") << R"({"method": {"kind": "lst", "reduction": 16}})"
                                       << ""
                                       << "lst r=16";
        QTest::newRow("lst default") << R"({"method": {"kind": "lst"}})"
                                     << ""
                                     << "lst r=8";
        QTest::newRow("lora rank") << R"({"method": {"kind": "lora", "rank": 32, "alpha": 8}})"
                                   << ""
                                   << "lora r=32";
        QTest::newRow("lora default") << R"({"method": {"kind": "lora"}})"
                                      << ""
                                      << "lora r=32";
        QTest::newRow("adapter") << R"({"method": {"kind": "adapter", "reduction": 4}})"
                                 << ""
                                 << "adapter r=4";
        QTest::newRow("adapter default") << R"({"method": {"kind": "adapter"}})"
                                         << ""
                                         << "adapter r=16";
        QTest::newRow("prompt") << R"({"method": {"kind": "prompt", "length": 20}})"
                                << ""
                                << "prompt n=20";
        QTest::newRow("prompt default") << R"({"method": {"kind": "prompt"}})"
                                        << ""
                                        << "prompt n=100";
        QTest::newRow("bitfit") << R"({"method": {"kind": "bitfit"}})"
                                << ""
                                << "bitfit";
        QTest::newRow("full") << R"({"method": {"kind": "full"}})"
                              << ""
                              << "full";
        QTest::newRow("method block alone") << R"({"kind": "lora", "rank": 4})"
                                            << ""
                                            << "lora r=4";
        QTest::newRow("no method block") << R"({"name": "x"})"
                                         << "lst"
                                         << "lst";
        QTest::newRow("not JSON") << "{oops"
                                  << "adapter"
                                  << "adapter";
    }

    void methodLabelNamesTheMainKnob()
    {
        QFETCH(QString, config);
        QFETCH(QString, fallback);
        QFETCH(QString, label);
        QCOMPARE(QString::fromStdString(methodLabel(config.toStdString(), fallback.toStdString())), label);
    }

    void defaultRunNameIsMethodBackboneAndTask_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("name");
        QTest::newRow("preset and demo task")
            << R"({"name": "", "backbone": {"preset": "wordnet-t5-tiny", "path": ""}, "method": {"kind": "lora", "rank": 32},
                  "task": {"kind": "demo", "name": "wordnet-lexname"}})"
            << "lora r=32 · wordnet-t5-tiny · wordnet-lexname";
        QTest::newRow("model folder and GLUE task")
            << R"({"backbone": {"preset": "t5-tiny", "path": "/models/t5-base/"}, "method": {"kind": "lst"},
                  "task": {"kind": "glue", "name": "sst2", "dir": "/data/SST-2"}})"
            << "lst r=8 · t5-base · sst2";
        QTest::newRow("file task") << R"({"backbone": {"preset": "t5-small"}, "method": {"kind": "bitfit"},
                  "task": {"kind": "file", "name": "polarity", "train": "/data/reviews/train-2024.tsv"}})"
                                   << "bitfit · t5-small · train-2024.tsv";
        QTest::newRow("nothing known") << "[]"
                                       << "run";
    }

    void defaultRunNameIsMethodBackboneAndTask()
    {
        QFETCH(QString, config);
        QFETCH(QString, name);
        QCOMPARE(QString::fromStdString(defaultRunName(config.toStdString())), name);
    }

    void eachRunsFiguresEqualTheStoredPoints()
    {
        RunStore store(path("figures.sqlite"));
        const RunId id = writeRun(store, lstRun(0));
        const RunComparison comparison = compareRuns(store, { id });
        QCOMPARE(comparison.runs.size(), std::size_t(1));
        const ComparedRun &run = comparison.runs.front();
        QCOMPARE(run.run.id, id);
        QCOMPARE(run.label, std::string("lst r=8"));
        QCOMPARE(run.backbone, std::string("wordnet-t5-tiny"));
        QCOMPARE(run.task, std::string("polarity"));
        QCOMPARE(run.run.name, std::string("lst r=8 · wordnet-t5-tiny · polarity"));
        QVERIFY(run.trainablePercent);
        QCOMPARE(*run.trainablePercent, 100.0 * 25 / 1025);
        QCOMPARE(run.bestValidationScore, std::optional<double>(70.0));
        QCOMPARE(run.bestValidationStep, std::int64_t(2));
        QCOMPARE(run.testScore, std::optional<double>(65.0)); // the last test, not the best
        QCOMPARE(run.score(), std::optional<double>(65.0));
        QCOMPARE(run.scoreSource(), ScoreSource::Test);
        QCOMPARE(run.samplesPerSecond, std::optional<double>(200.0));
        QCOMPARE(run.steps, std::int64_t(3));
        QCOMPARE(store.summary(id).meanThroughput, run.samplesPerSecond);
    }

    void memoryAtPeakIsTheCategoriesAtThePeakStep()
    {
        RunStore store(path("memory.sqlite"));
        const RunId id = writeRun(store, lstRun(0));
        const ComparedRun run = compareRun(store, id);
        QCOMPARE(run.peakBytes, std::optional<std::int64_t>(4850));
        QCOMPARE(run.peakStep, std::int64_t(2));
        const std::map<std::string, std::int64_t> expected { { "frozen_weights", 4000 }, { "trainable_weights", 100 },
            { "gradients", 100 }, { "optimizer_state", 200 }, { "activations", 450 } };
        QCOMPARE(run.memoryAtPeak, expected);
        std::int64_t sum = 0;
        for (const std::string &category : peakMemoryCategories())
            sum += run.memoryAtPeak.at(category);
        QCOMPARE(sum, *run.peakBytes);
        // Each category's own maximum (activations 500 at step 1, gradients 150 at step 3) would
        // not add up: this is why the comparison reads one step.
        QVERIFY(store.summary(id).peakMemoryBytes.at("activations") != run.memoryAtPeak.at("activations"));
    }

    void aRunWithoutMeasurementsHasNoFigures()
    {
        RunStore store(path("bare.sqlite"));
        const RunPoints bare = pointsOf(R"({"kind": "bitfit"})", "bitfit");
        const RunId id = writeRun(store, bare);
        const ComparedRun run = compareRun(store, id);
        QVERIFY(!run.trainablePercent);
        QVERIFY(!run.peakBytes);
        QVERIFY(run.memoryAtPeak.empty());
        QVERIFY(!run.bestValidationScore);
        QVERIFY(!run.testScore);
        QVERIFY(!run.score());
        QVERIFY(!run.samplesPerSecond);
        QCOMPARE(run.steps, std::int64_t(0));
    }

    void tableHasOneRowPerMethodAndBackboneInThePapersOrder()
    {
        RunStore store(path("table.sqlite"));
        const RunId lst0 = writeRun(store, lstRun(0));
        const RunId lora = writeRun(store, loraRun());
        const RunId lst2 = writeRun(store, lstRun(2));
        const RunId full = writeRun(store, fullRun());
        const RunComparison comparison = compareRuns(store, { lst0, lora, lst2, full });
        QCOMPARE(comparison.tasks, std::vector<std::string> { "polarity" });
        QCOMPARE(comparison.rows.size(), std::size_t(3));
        QCOMPARE(comparison.rows[0].method, std::string("full"));
        QCOMPARE(comparison.rows[1].method, std::string("lora r=8"));
        QCOMPARE(comparison.rows[2].method, std::string("lst r=8"));

        const ComparisonRow &lst = comparison.rows[2];
        QCOMPARE(lst.runs, (std::vector<RunId> { lst0, lst2 }));
        const TaskScore &cell = lst.scores.at("polarity");
        QCOMPARE(cell.value, (65.0 + 67.0) / 2); // the seeds' test scores, averaged
        QCOMPARE(cell.source, ScoreSource::Test);
        QCOMPARE(cell.runs, (std::vector<RunId> { lst0, lst2 }));
        QCOMPARE(lst.meanScore, std::optional<double>(cell.value));
        QVERIFY(lst.samplesPerSecond);
        QVERIFY(std::abs(*lst.samplesPerSecond - (600.0 / 3 + 602.0 / 3) / 2) < 1e-9); // each run's mean, averaged
        QCOMPARE(lst.peakBytes, std::optional<std::int64_t>(4850));
        QCOMPARE(*lst.trainablePercent, 100.0 * 25 / 1025);

        const ComparisonRow &fullRow = comparison.rows[0];
        QCOMPARE(fullRow.peakBytes, std::optional<std::int64_t>(16700));
        QCOMPARE(*fullRow.trainablePercent, 100.0);
        QCOMPARE(fullRow.scores.at("polarity").value, 72.5);
        QCOMPARE(fullRow.samplesPerSecond, std::optional<double>(110.0));
    }

    void aRowWithoutEveryTaskHasNoMean()
    {
        RunStore store(path("tasks.sqlite"));
        RunPoints validationOnly = lstRun(0, "wordnet-lexname");
        validationOnly.test.clear();
        const RunId a = writeRun(store, lstRun(0));
        const RunId b = writeRun(store, validationOnly);
        const RunId c = writeRun(store, loraRun());
        const RunComparison comparison = compareRuns(store, { a, b, c });
        QCOMPARE(comparison.tasks, (std::vector<std::string> { "polarity", "wordnet-lexname" }));
        const ComparisonRow &lora = comparison.rows[0];
        const ComparisonRow &lst = comparison.rows[1];
        QCOMPARE(lst.scores.at("wordnet-lexname").source, ScoreSource::Validation);
        QCOMPARE(lst.scores.at("wordnet-lexname").value, 70.0);
        QCOMPARE(lst.meanScore, std::optional<double>((65.0 + 70.0) / 2));
        QVERIFY(!lora.scores.count("wordnet-lexname"));
        QVERIFY(!lora.meanScore);
    }

    void differencesListOnlyPathsWhereRunsDiffer()
    {
        RunStore store(path("differences.sqlite"));
        const RunId lst = writeRun(store, lstRun(0));
        const RunId lora = writeRun(store, loraRun());
        const RunId lst3 = writeRun(store, lstRun(3));
        const RunComparison comparison = compareRuns(store, { lst, lora, lst3 });
        std::map<std::string, std::vector<std::optional<std::string>>> byPath;
        for (const ConfigDifference &difference : comparison.differences)
            byPath[difference.path] = difference.values;
        using V = std::vector<std::optional<std::string>>;
        const std::map<std::string, V> expected {
            { "/method/kind", V { "\"lst\"", "\"lora\"", "\"lst\"" } },
            { "/method/reduction", V { "8", std::nullopt, "8" } },
            { "/method/rank", V { std::nullopt, "8", std::nullopt } },
            { "/method/alpha", V { std::nullopt, "16", std::nullopt } },
            { "/train/seed", V { "0", "0", "3" } },
        };
        QCOMPARE(byPath, expected);
        for (std::size_t i = 1; i < comparison.differences.size(); ++i)
            QVERIFY(comparison.differences[i - 1].path < comparison.differences[i].path);
    }

    void errorsAreOneLineAUserCanActOn()
    {
        RunStore store(path("errors.sqlite"));
        const RunId finished = writeRun(store, lstRun(0));
        QVERIFY(errorOf([&] { compareRuns(store, {}); }).find("no runs to compare") != std::string::npos);
        const std::string unknown = errorOf([&] { compareRuns(store, { finished, 42 }); });
        QCOMPARE(unknown, "run 42 is not in " + store.path());
        QVERIFY(errorOf([&] { compareRuns(store, { finished, finished }); }).find("listed twice") != std::string::npos);

        RunRecord queued;
        queued.configJson = configFor(loraRun());
        const RunId queuedId = store.createRun(queued);
        const std::string notStarted = errorOf([&] { compareRuns(store, { finished, queuedId }); });
        QVERIFY2(notStarted.rfind("run " + std::to_string(queuedId) + " is queued and has not started", 0) == 0,
            notStarted.c_str());

        const RunId running = store.createRun(queued);
        RunWriter writer(store.path(), running); // marks it running, owned by this live process
        writer.addMetric(kThroughputSeries, 1, 50.0);
        writer.flush();
        const std::string message = errorOf([&] { compareRuns(store, { running }); });
        QVERIFY2(message.rfind("run " + std::to_string(running) + " is still running; compare it when it ends", 0) == 0,
            message.c_str());
        QVERIFY(message.find('\n') == std::string::npos);

        // The GUI's live view compares it.
        const RunComparison live = compareRuns(store, { finished, running }, CompareOptions { true });
        QCOMPARE(live.runs[1].run.status, RunStatus::Running);
        QCOMPARE(live.runs[1].samplesPerSecond, std::optional<double>(50.0));
        writer.finish(RunStatus::Stopped);
        // A stopped run has ended: it compares without the option.
        QCOMPARE(compareRuns(store, { running }).runs.front().run.status, RunStatus::Stopped);
    }

    void jsonCarriesEveryNumber()
    {
        RunStore store(path("json.sqlite"));
        const RunId lst = writeRun(store, lstRun(0));
        const RunId full = writeRun(store, fullRun());
        const RunComparison comparison = compareRuns(store, { lst, full });
        const nlohmann::json json = nlohmann::json::parse(comparisonJson(comparison));
        QCOMPARE(json["runs"].size(), std::size_t(2));
        const nlohmann::json &run = json["runs"][0];
        QCOMPARE(run["id"].get<RunId>(), lst);
        QCOMPARE(run["label"].get<std::string>(), std::string("lst r=8"));
        QCOMPARE(run["peak_memory_bytes"].get<std::int64_t>(), std::int64_t(4850));
        QCOMPARE(run["peak_step"].get<std::int64_t>(), std::int64_t(2));
        QCOMPARE(run["memory_at_peak_bytes"]["activations"].get<std::int64_t>(), std::int64_t(450));
        QCOMPARE(run["trainable_percent"].get<double>(), *comparison.runs[0].trainablePercent);
        QCOMPARE(run["best_validation_score"].get<double>(), 70.0);
        QCOMPARE(run["test_score"].get<double>(), 65.0);
        QCOMPARE(run["samples_per_second"].get<double>(), 200.0);
        QCOMPARE(json["tasks"], nlohmann::json::array({ "polarity" }));
        QCOMPARE(json["rows"][0]["method"].get<std::string>(), std::string("full"));
        QCOMPARE(json["rows"][1]["scores"]["polarity"]["value"].get<double>(), 65.0);
        QCOMPARE(json["rows"][1]["scores"]["polarity"]["source"].get<std::string>(), std::string("test"));
        bool kindDiffers = false;
        for (const nlohmann::json &difference : json["differences"]) {
            if (difference["path"] == "/method/kind") {
                QCOMPARE(difference["values"], nlohmann::json::array({ "lst", "full" }));
                kindDiffers = true;
            }
        }
        QVERIFY(kindDiffers);
    }

    void csvIsThePaperTable()
    {
        RunStore store(path("csv.sqlite"));
        RunPoints validationOnly = loraRun();
        validationOnly.test.clear();
        const RunComparison comparison
            = compareRuns(store, { writeRun(store, lstRun(0)), writeRun(store, validationOnly) });
        std::istringstream csv(comparisonCsv(comparison));
        std::vector<std::string> lines;
        for (std::string line; std::getline(csv, line);)
            lines.push_back(line);
        QCOMPARE(lines.size(), std::size_t(3));
        QCOMPARE(lines[0],
            std::string("method,backbone,trainable_percent,peak_memory_bytes,polarity,polarity_source,mean_score,"
                        "samples_per_second,runs"));
        QCOMPARE(lines[1],
            std::string("lora r=8,wordnet-t5-tiny,") + nlohmann::json(100.0 * 40 / 1040).dump()
                + ",5140,70.0,validation,70.0,160.0,2");
        QCOMPARE(lines[2],
            std::string("lst r=8,wordnet-t5-tiny,") + nlohmann::json(100.0 * 25 / 1025).dump()
                + ",4850,65.0,test,65.0,200.0,1");
    }

    void markdownAndTextShowTheTable()
    {
        RunStore store(path("markdown.sqlite"));
        RunPoints validationOnly = loraRun();
        validationOnly.test.clear();
        const RunComparison comparison
            = compareRuns(store, { writeRun(store, lstRun(0)), writeRun(store, validationOnly) });
        const std::string markdown = comparisonMarkdown(comparison);
        QVERIFY2(markdown.rfind("| Method | Backbone | Trainable | Peak memory | polarity | Mean | Samples/s |\n"
                                "|---|---|---:|---:|---:|---:|---:|\n"
                                "| lora r=8 | wordnet-t5-tiny | 3.85% | 5.0 KiB | 70.00 (val) | 70.00 | 160.0 |\n"
                                "| lst r=8 | wordnet-t5-tiny | 2.44% | 4.7 KiB | 65.00 | 65.00 | 200.0 |\n",
                     0)
                == 0,
            markdown.c_str());
        QVERIFY(markdown.find("else the best validation score, marked \"(val)\"") != std::string::npos);

        const std::string text = comparisonText(comparison);
        for (const char *expected :
            { "lst r=8 · wordnet-t5-tiny · polarity", "70.00 (val)", "/method/kind", "\"lora\"", "samples/s" })
            QVERIFY2(text.find(expected) != std::string::npos, (std::string(expected) + " in\n" + text).c_str());
    }

private:
    std::string path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestRunComparison)
#include "test_run_comparison.moc"
