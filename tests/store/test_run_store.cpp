// SPDX-License-Identifier: GPL-3.0-or-later
// The run database: schema and migrations, every record type written and read back, statuses and
// their owners, summaries, resume, and the failures a user can meet (newer schema, foreign file,
// full disk, read-only file).

#include "StoreTestSupport.h"

#include "store/ProcessOwner.h"
#include "store/RunStore.h"
#include "store/RunWriter.h"
#include "store/Schema.h"
#include "store/Sha256.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <thread>

using namespace ladder;
using ladder::test::queryInt;
using ladder::test::queryText;
using ladder::test::sampleRun;

Q_DECLARE_METATYPE(ladder::RunFilter)

namespace {

/// Rewrites a run's owner columns, to stand in for another process.
void setOwner(const std::string &path, RunId id, std::int64_t pid, const std::string &host, const std::string &start)
{
    sqlite::Database db(path, true);
    sqlite::Statement update(db, "UPDATE runs SET owner_pid = ?, owner_host = ?, owner_start = ? WHERE id = ?");
    update.bind(1, pid).bind(2, host).bind(3, start).bind(4, id).run();
}

/// The pid of a process that has exited and been reaped.
std::int64_t deadPid()
{
    QProcess process;
    process.start(QStringLiteral("/bin/true"), {});
    process.waitForFinished();
    return process.processId() ? process.processId() : 999999;
}

template<typename F> QString errorOf(F &&action)
{
    try {
        action();
    } catch (const ladder::Error &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestRunStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_path;

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        static int counter = 0;
        m_path = m_dir.filePath(QStringLiteral("runs-%1.sqlite").arg(++counter)).toStdString();
    }

    // --- schema ---------------------------------------------------------------------------

    void firstOpenCreatesTheSchema()
    {
        {
            RunStore store(m_path);
        }
        QCOMPARE(queryInt(m_path, "PRAGMA user_version"), std::int64_t(runStoreSchemaVersion()));
        QCOMPARE(queryInt(m_path, "PRAGMA application_id"), std::int64_t(schema::kApplicationId));
        QCOMPARE(queryText(m_path, "PRAGMA journal_mode"), std::string("wal"));
        for (const char *table : { "runs", "run_tags", "series", "metric_points", "memory_samples", "evaluations",
                 "gate_values", "checkpoints" })
            QVERIFY2(
                queryInt(m_path,
                    std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '") + table + "'")
                    == 1,
                table);
    }

    void firstOpenCreatesTheFolder()
    {
        const std::string nested = m_dir.filePath(QStringLiteral("a/b/c/runs.sqlite")).toStdString();
        RunStore store(nested);
        QVERIFY(QFile::exists(QString::fromStdString(nested)));
    }

    void databaseErrorsSayWhatFailedWithoutSql()
    {
        RunStore store(m_path);
        const QString write = errorOf([&] { store.database().exec("INSERT INTO nosuch (x) VALUES (1)"); });
        QVERIFY2(write.startsWith(QString::fromStdString(m_path) + QStringLiteral(": cannot write to the run database: ")),
            qPrintable(write));
        QVERIFY2(write.contains(QStringLiteral("no such table")), qPrintable(write));
        const QString read = errorOf([&] { store.database().queryInt("SELECT nothing FROM runs"); });
        QVERIFY2(read.contains(QStringLiteral("cannot read the run database")), qPrintable(read));
        for (const QString &message : {write, read}) {
            for (const char *sql : {"INSERT", "SELECT", "VALUES"})
                QVERIFY2(!message.contains(QLatin1String(sql)), qPrintable(message));
        }
    }

    void foreignKeysAreEnforced()
    {
        RunStore store(m_path);
        QVERIFY(!errorOf([&] {
            store.database().exec("INSERT INTO run_tags (run_id, tag) VALUES (12345, 'x')");
        }).isEmpty());
    }

    void aVersion1DatabaseOpensWithItsData()
    {
        {
            // A database exactly as version 1 left it, written without RunStore.
            sqlite::Database db(m_path);
            db.exec(schema::migrations().front().sql);
            db.exec("PRAGMA user_version = 1");
            db.exec("INSERT INTO runs (name, status, created_at, method) VALUES ('old run', 'finished', 1600000000, "
                    "'lora')");
        }
        RunStore store(m_path);
        QCOMPARE(queryInt(m_path, "PRAGMA user_version"), std::int64_t(runStoreSchemaVersion()));
        const std::vector<RunRecord> runs = store.listRuns();
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(runs[0].name, std::string("old run"));
        QCOMPARE(runs[0].method, std::string("lora"));
        QCOMPARE(runs[0].status, RunStatus::Finished);
        // Version 2's device: every run recorded before it trained on the CPU.
        QCOMPARE(runs[0].host.device, std::string("cpu"));
    }

    void theDeviceIsStoredWithTheRun()
    {
        RunStore store(m_path);
        RunRecord record;
        record.name = "gpu run";
        record.host.device = "cuda";
        const RunId id = store.createRun(record);
        QCOMPARE(store.run(id).host.device, std::string("cuda"));
        // Training names the device precisely once it has chosen it.
        store.setDevice(id, "cuda:1");
        QCOMPARE(store.run(id).host.device, std::string("cuda:1"));
        QVERIFY(errorOf([&] { store.setDevice(id + 100, "cpu"); }).contains(QStringLiteral("run")));
    }

    void migrationsApplyInOrderFromTheStoredVersion()
    {
        const std::vector<schema::Migration> steps {
            schema::migrations().front(), { 2, "ALTER TABLE runs ADD COLUMN extra TEXT NOT NULL DEFAULT 'two'" },
            { 3, "CREATE TABLE version3 AS SELECT extra FROM runs" }, // needs version 2's column
        };
        {
            sqlite::Database db(m_path);
            schema::migrate(db, { steps[0] });
            db.exec("INSERT INTO runs (status, created_at) VALUES ('queued', 1)");
            // Version 1 again would fail ("table runs already exists"): passing proves it is skipped.
            schema::migrate(db, steps);
        }
        QCOMPARE(queryInt(m_path, "PRAGMA user_version"), std::int64_t(3));
        QCOMPARE(queryText(m_path, "SELECT extra FROM version3"), std::string("two"));
    }

    void aNewerSchemaIsRefusedNamingBothVersions()
    {
        {
            RunStore store(m_path);
        }
        {
            sqlite::Database(m_path, true).exec("PRAGMA user_version = 99");
        }
        const QString message = errorOf([&] { RunStore store(m_path); });
        QVERIFY2(message.contains(QString::fromStdString(m_path)), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("version 99")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("version %1").arg(runStoreSchemaVersion())), qPrintable(message));
        QCOMPARE(queryInt(m_path, "PRAGMA user_version"), std::int64_t(99)); // left untouched
    }

    void anotherProgramsDatabaseIsRefused()
    {
        {
            sqlite::Database(m_path).exec("CREATE TABLE contacts (name TEXT)");
        }
        const QString message = errorOf([&] { RunStore store(m_path); });
        QVERIFY2(message.contains(QStringLiteral("another program")), qPrintable(message));
    }

    void aFileThatIsNoDatabaseIsRefused()
    {
        std::ofstream(m_path) << "step,loss\n1,0.5\n2,0.4\n" << std::string(4096, 'x');
        const QString message = errorOf([&] { RunStore store(m_path); });
        QVERIFY2(message.contains(QString::fromStdString(m_path)), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("not an SQLite database")), qPrintable(message));
    }

    // --- runs -----------------------------------------------------------------------------

    void aRunRoundTripsFieldForField()
    {
        RunStore store(m_path);
        RunRecord run = sampleRun();
        run.tags = { "paper", "baseline" }; // stored sorted
        const RunId id = store.createRun(run);
        QVERIFY(id > 0);
        RunRecord expected = sampleRun();
        expected.id = id;
        expected.configHash = sha256Hex(nlohmann::json::parse(run.configJson).dump());
        expected.tags = { "baseline", "paper" };
        QCOMPARE(store.run(id), expected);
        QVERIFY(!store.findRun(id + 1));
        QVERIFY(errorOf([&] { store.run(id + 1); }).contains(QStringLiteral("no run")));
    }

    void createdAtDefaultsToNow()
    {
        RunStore store(m_path);
        RunRecord run = sampleRun();
        run.createdAt = 0;
        const double before = nowSeconds();
        const RunId id = store.createRun(run);
        QVERIFY(store.run(id).createdAt >= before && store.run(id).createdAt <= nowSeconds());
    }

    void theConfigHashIgnoresFormattingAndKeyOrder()
    {
        RunStore store(m_path);
        RunRecord a = sampleRun(), b = sampleRun(), c = sampleRun();
        a.configJson = R"({"lr": 0.001, "method": "lst"})";
        b.configJson = "{\n  \"method\" : \"lst\",\n  \"lr\" : 0.001\n}";
        c.configJson = R"({"lr": 0.002, "method": "lst"})";
        const std::string hashA = store.run(store.createRun(a)).configHash;
        QCOMPARE(hashA.size(), std::size_t(64));
        QCOMPARE(store.run(store.createRun(b)).configHash, hashA);
        QVERIFY(store.run(store.createRun(c)).configHash != hashA);
    }

    void anInvalidConfigurationIsRefused()
    {
        RunStore store(m_path);
        RunRecord run = sampleRun();
        run.configJson = "{\"lr\": ";
        QVERIFY(errorOf([&] { store.createRun(run); }).contains(QStringLiteral("not valid JSON")));
        QVERIFY(store.listRuns().empty());
    }

    void listRunsFilters_data()
    {
        QTest::addColumn<RunFilter>("filter");
        QTest::addColumn<QString>("names"); // comma-separated
        RunFilter none;
        QTest::newRow("no filter") << none << QStringLiteral("a,b,c,d");
        RunFilter method;
        method.method = "lora";
        QTest::newRow("method") << method << QStringLiteral("b,d");
        RunFilter task;
        task.task = "glue/rte";
        QTest::newRow("task") << task << QStringLiteral("c,d");
        RunFilter backbone;
        backbone.backbone = "t5-large";
        QTest::newRow("backbone") << backbone << QStringLiteral("d");
        RunFilter tag;
        tag.tag = "sweep";
        QTest::newRow("tag") << tag << QStringLiteral("a,c");
        RunFilter status;
        status.status = RunStatus::Failed;
        QTest::newRow("status") << status << QStringLiteral("c");
        RunFilter combined;
        combined.method = "lst";
        combined.tag = "sweep";
        combined.task = "glue/rte";
        QTest::newRow("method, tag and task") << combined << QStringLiteral("c");
        RunFilter nothing;
        nothing.method = "prompt";
        QTest::newRow("no match") << nothing << QStringLiteral("");
    }

    void listRunsFilters()
    {
        QFETCH(RunFilter, filter);
        QFETCH(QString, names);
        RunStore store(m_path);
        struct Row
        {
            const char *name, *method, *task, *backbone;
            RunStatus status;
            std::vector<std::string> tags;
        };
        const std::vector<Row> rows {
            { "a", "lst", "glue/sst2", "t5-base", RunStatus::Finished, { "sweep" } },
            { "b", "lora", "glue/sst2", "t5-base", RunStatus::Stopped, { "paper" } },
            { "c", "lst", "glue/rte", "t5-base", RunStatus::Failed, { "sweep", "paper" } },
            { "d", "lora", "glue/rte", "t5-large", RunStatus::Queued, {} },
        };
        for (const Row &row : rows) {
            RunRecord run = sampleRun(row.name);
            run.method = row.method;
            run.task = row.task;
            run.backbone = row.backbone;
            run.status = row.status;
            run.tags = row.tags;
            store.createRun(run);
        }
        QStringList got;
        for (const RunRecord &run : store.listRuns(filter))
            got << QString::fromStdString(run.name);
        QCOMPARE(got.join(QLatin1Char(',')), names);
    }

    void tagsAndNotesCanBeEdited()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        store.addTag(id, "keep");
        store.addTag(id, "keep"); // idempotent
        store.removeTag(id, "paper");
        store.setNotes(id, "diverged after warmup");
        store.setParameterCounts(id, 10, 20);
        const RunRecord run = store.run(id);
        QCOMPARE(run.tags, (std::vector<std::string> { "baseline", "keep" }));
        QCOMPARE(run.notes, std::string("diverged after warmup"));
        QCOMPARE(run.trainableParameters, std::int64_t(10));
        QCOMPARE(run.totalParameters, std::int64_t(20));
        QVERIFY(!errorOf([&] { store.addTag(id + 7, "x"); }).isEmpty());
    }

    // --- curves through the writer --------------------------------------------------------

    void everyRecordTypeRoundTripsThroughTheWriter()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        const double inf = std::numeric_limits<double>::infinity();
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<SeriesPoint> loss { { 1, 10.5, 2.5 }, { 2, 11.5, nan }, { 3, 12.5, inf }, { 4, 13.5, -inf },
            { 5, 14.5, 0.125 } };
        const std::vector<MemorySample> memory { { "rss", 1, 10.5, 900000000 }, { "tensor", 1, 10.5, 12345678 },
            { "tensor", 2, 11.5, 23456789 } };
        const std::vector<EvaluationRecord> evaluations { { "validation", "accuracy", 2, 11.6, 0.875 },
            { "validation", "loss", 2, 11.6, 0.33 } };
        const std::vector<GateValue> gates { { 0, 1, 0.5 }, { 0, 2, 0.49 }, { 3, 1, 0.51 } };
        const std::vector<CheckpointRecord> checkpoints { { 2, 11.7, "/tmp/run/step-2.safetensors" } };
        {
            RunWriter writer(m_path, id);
            for (const SeriesPoint &p : loss)
                writer.addMetric("loss", p.step, p.value, p.wallTime);
            writer.addMetric(MetricPoint { "lr", 1, 10.5, 0.003 });
            for (const MemorySample &s : memory)
                writer.addMemory(s);
            for (const EvaluationRecord &e : evaluations)
                writer.addEvaluation(e);
            for (const GateValue &g : gates)
                writer.addGate(g);
            for (const CheckpointRecord &c : checkpoints)
                writer.addCheckpoint(c);
            writer.finish(RunStatus::Finished);
            QCOMPARE(writer.committedRecords(), std::size_t(15));
        }
        QCOMPARE(store.seriesNames(id), (std::vector<std::string> { "loss", "lr" }));
        QCOMPARE(store.series(id, "loss"), loss);
        QCOMPARE(store.series(id, "loss", 2, 4), (std::vector<SeriesPoint>(loss.begin() + 1, loss.begin() + 4)));
        QCOMPARE(store.seriesPointCount(id, "loss"), std::size_t(5));
        QCOMPARE(store.memorySamples(id), memory);
        QCOMPARE(store.memorySamples(id, "tensor"), (std::vector<MemorySample>(memory.begin() + 1, memory.end())));
        QCOMPARE(store.evaluations(id), evaluations);
        QCOMPARE(store.gateValues(id), gates);
        QCOMPARE(store.checkpoints(id), checkpoints);
        QVERIFY(store.series(id, "no such series").empty());
    }

    void aFailuresReasonLastsUntilTheNextStatus()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        {
            RunWriter writer(m_path, id);
            writer.finish(RunStatus::Failed, "the loss became NaN at step 3");
        }
        QCOMPARE(store.run(id).statusMessage, std::string("the loss became NaN at step 3"));
        // Resumed (live again) or ended otherwise, the old reason no longer describes the run.
        store.setStatus(id, RunStatus::Stopped);
        QCOMPARE(store.run(id).statusMessage, std::string());
    }

    void aRerecordedStepReplacesItsValue()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        RunWriter writer(m_path, id);
        writer.addMetric("loss", 7, 1.0, 100);
        writer.flush();
        writer.addMetric("loss", 7, 0.5, 101);
        writer.flush();
        QCOMPARE(store.series(id, "loss"), (std::vector<SeriesPoint> { { 7, 101, 0.5 } }));
    }

    void theWriterCommitsAfterBatchRecords()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        RunWriterOptions options;
        options.batchRecords = 10;
        options.batchInterval = std::chrono::hours(1);
        RunWriter writer(m_path, id, options);
        for (int step = 0; step < 9; ++step)
            writer.addMetric("loss", step, 1.0);
        QCOMPARE(writer.pendingRecords(), std::size_t(9));
        QCOMPARE(store.seriesPointCount(id, "loss"), std::size_t(0)); // the reader sees nothing yet
        writer.addMetric("loss", 9, 1.0);
        QCOMPARE(writer.pendingRecords(), std::size_t(0));
        QCOMPARE(writer.committedRecords(), std::size_t(10));
        QCOMPARE(store.seriesPointCount(id, "loss"), std::size_t(10));
    }

    void theWriterCommitsAfterBatchInterval()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        RunWriterOptions options;
        options.batchRecords = 1000000;
        options.batchInterval = std::chrono::milliseconds(50);
        RunWriter writer(m_path, id, options);
        writer.addMetric("loss", 0, 1.0);
        QCOMPARE(writer.committedRecords(), std::size_t(0));
        std::this_thread::sleep_for(std::chrono::milliseconds(80));
        writer.addMetric("loss", 1, 1.0);
        QCOMPARE(writer.committedRecords(), std::size_t(2));
    }

    void aCheckpointCommitsEverythingBeforeIt()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        RunWriter writer(m_path, id);
        writer.addMetric("loss", 1, 1.0);
        writer.addCheckpoint({ 1, 0, "/ckpt/1" });
        QCOMPARE(writer.pendingRecords(), std::size_t(0));
        QCOMPARE(store.seriesPointCount(id, "loss"), std::size_t(1));
        QCOMPARE(store.lastCheckpoint(id)->path, std::string("/ckpt/1"));
    }

    // --- statuses and owners --------------------------------------------------------------

    void theWriterDrivesStatusAndTimes()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        QCOMPARE(store.run(id).status, RunStatus::Queued);
        QCOMPARE(store.run(id).startedAt, 0.0);
        const double before = nowSeconds();
        RunWriter writer(m_path, id);
        const RunRecord running = store.run(id);
        QCOMPARE(running.status, RunStatus::Running);
        QVERIFY(running.startedAt >= before);
        QCOMPARE(running.finishedAt, 0.0);
        writer.setPaused(true);
        QCOMPARE(store.run(id).status, RunStatus::Paused);
        writer.setPaused(false);
        QCOMPARE(store.run(id).status, RunStatus::Running);
        QCOMPARE(store.run(id).startedAt, running.startedAt); // a resume from pause keeps the start
        writer.finish(RunStatus::Stopped);
        QCOMPARE(store.run(id).status, RunStatus::Stopped);
        QVERIFY(store.run(id).finishedAt >= running.startedAt);
        QVERIFY(!errorOf([&] { writer.addMetric("loss", 1, 1.0); }).isEmpty());
    }

    void aWriterDroppedWithoutFinishLeavesTheRunInterrupted()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        {
            RunWriter writer(m_path, id);
            writer.addMetric("loss", 1, 1.0);
        }
        QCOMPARE(store.run(id).status, RunStatus::Interrupted);
        QCOMPARE(store.seriesPointCount(id, "loss"), std::size_t(1)); // its buffer was committed
    }

    void aRunOwnedByAnotherLiveProcessGetsNoSecondWriter()
    {
        RunStore store(m_path);
        RunRecord run = sampleRun();
        run.status = RunStatus::Running;
        const RunId id = store.createRun(run);
        setOwner(m_path, id, getppid(), currentProcess().host, "");
        QVERIFY(errorOf([&] { RunWriter writer(m_path, id); }).contains(QStringLiteral("already being written")));
        QVERIFY(errorOf([&] { store.removeRun(id); }).contains(QStringLiteral("being written")));
        QVERIFY(errorOf([&] { store.prepareResume(id); }).contains(QStringLiteral("being written")));
    }

    void openingMarksOrphanedRunsInterrupted_data()
    {
        QTest::addColumn<QString>("owner");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("interrupted");
        QTest::newRow("running, owner exited") << QStringLiteral("dead") << int(RunStatus::Running) << true;
        QTest::newRow("paused, owner exited") << QStringLiteral("dead") << int(RunStatus::Paused) << true;
        QTest::newRow("running, pid reused by another process")
            << QStringLiteral("reused") << int(RunStatus::Running) << true;
        QTest::newRow("running, owner alive (this process)")
            << QStringLiteral("self") << int(RunStatus::Running) << false;
        QTest::newRow("running, owner on another host") << QStringLiteral("remote") << int(RunStatus::Running) << false;
        QTest::newRow("running, no owner recorded") << QStringLiteral("none") << int(RunStatus::Running) << true;
        QTest::newRow("finished, owner exited") << QStringLiteral("dead") << int(RunStatus::Finished) << false;
    }

    void openingMarksOrphanedRunsInterrupted()
    {
        QFETCH(QString, owner);
        QFETCH(int, status);
        QFETCH(bool, interrupted);
        RunId id = 0;
        {
            RunStore store(m_path);
            RunRecord run = sampleRun();
            run.status = RunStatus(status);
            id = store.createRun(run);
        }
        const ProcessIdentity self = currentProcess();
        if (owner == QStringLiteral("dead"))
            setOwner(m_path, id, deadPid(), self.host, "");
        else if (owner == QStringLiteral("reused"))
            setOwner(m_path, id, self.pid, self.host, "not-" + self.startToken);
        else if (owner == QStringLiteral("remote"))
            setOwner(m_path, id, deadPid(), "some-other-host.example", "");
        else if (owner == QStringLiteral("none"))
            sqlite::Database(m_path, true).exec("UPDATE runs SET owner_pid = NULL");

        RunStore store(m_path);
        QCOMPARE(store.run(id).status, interrupted ? RunStatus::Interrupted : RunStatus(status));
        QCOMPARE(store.recoveredRuns(), interrupted ? std::vector<RunId> { id } : std::vector<RunId> {});
        if (interrupted)
            QVERIFY(store.run(id).finishedAt > 0);
    }

    // --- summaries, comparison, resume, removal -------------------------------------------

    void aSummaryReportsBestEvaluationPeakMemoryThroughputAndLastStep()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        {
            RunWriter writer(m_path, id);
            for (int step = 1; step <= 100; ++step) {
                writer.addMetric("loss", step, 1.0 / step);
                writer.addMetric(kThroughputSeries, step, step % 2 ? 100.0 : 200.0);
            }
            writer.addMetric("lr", 120, 0.001);
            writer.addEvaluation({ "validation", "accuracy", 50, 0, 0.80 });
            writer.addEvaluation({ "validation", "accuracy", 100, 0, 0.90 });
            writer.addEvaluation({ "validation", "accuracy", 150, 0, 0.85 });
            writer.addEvaluation({ "validation", "loss", 50, 0, 0.40 });
            writer.addEvaluation({ "validation", "loss", 100, 0, 0.35 });
            writer.addEvaluation({ "validation", "loss", 150, 0, 0.37 });
            writer.addMemory({ "tensor_peak", 1, 0, 1000 });
            writer.addMemory({ "tensor_peak", 2, 0, 3000 });
            writer.addMemory({ "tensor_peak", 3, 0, 2000 });
            writer.addMemory({ "rss", 1, 0, 50000 });
            writer.finish(RunStatus::Finished);
        }
        const RunSummary summary = store.summary(id);
        QCOMPARE(summary.run.id, id);
        QCOMPARE(summary.bestEvaluations.size(), std::size_t(2));
        const BestEvaluation &accuracy = summary.bestEvaluations[0];
        QCOMPARE(accuracy.metric, std::string("accuracy"));
        QCOMPARE(accuracy.value, 0.90);
        QCOMPARE(accuracy.step, std::int64_t(100));
        QVERIFY(!accuracy.lowerIsBetter);
        const BestEvaluation &loss = summary.bestEvaluations[1];
        QCOMPARE(loss.metric, std::string("loss"));
        QCOMPARE(loss.value, 0.35);
        QVERIFY(loss.lowerIsBetter);
        QCOMPARE(summary.peakMemoryBytes.at("tensor_peak"), std::int64_t(3000));
        QCOMPARE(summary.peakMemoryBytes.at("rss"), std::int64_t(50000));
        QCOMPARE(*summary.meanThroughput, 150.0);
        QCOMPARE(*summary.lastStep, std::int64_t(120));
        QCOMPARE(summary.run.trainableParameters, sampleRun().trainableParameters);

        const RunSummary empty = store.summary(store.createRun(sampleRun()));
        QVERIFY(empty.bestEvaluations.empty());
        QVERIFY(!empty.meanThroughput);
        QVERIFY(!empty.lastStep);
        QCOMPARE(store.summaries().size(), std::size_t(2));
    }

    void configDifferenceListsChangedPaths()
    {
        RunStore store(m_path);
        RunRecord a = sampleRun(), b = sampleRun();
        a.configJson = R"({"method": "lst", "optimizer": {"lr": 0.003, "name": "adamw"}, "seed": 1})";
        b.configJson = R"({"method": "lst", "optimizer": {"lr": 0.001, "name": "adamw"}, "epochs": 3})";
        const std::vector<ConfigChange> changes = store.configDifference(store.createRun(a), store.createRun(b));
        QCOMPARE(changes.size(), std::size_t(3));
        QCOMPARE(changes[0].path, std::string("/epochs"));
        QVERIFY(!changes[0].before);
        QCOMPARE(*changes[0].after, std::string("3"));
        QCOMPARE(changes[1].path, std::string("/optimizer/lr"));
        QCOMPARE(*changes[1].before, std::string("0.003"));
        QCOMPARE(*changes[1].after, std::string("0.001"));
        QCOMPARE(changes[2].path, std::string("/seed"));
        QVERIFY(!changes[2].after);
    }

    void resumeDropsPointsAfterTheLastCheckpoint()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        {
            RunWriter writer(m_path, id);
            for (int step = 1; step <= 30; ++step) {
                writer.addMetric("loss", step, 1.0);
                writer.addMemory({ "tensor", step, 0, step });
                writer.addGate({ 0, step, 0.5 });
                if (step % 10 == 0)
                    writer.addEvaluation({ "validation", "accuracy", step, 0, 0.5 });
                if (step == 10 || step == 20)
                    writer.addCheckpoint({ step, 0, "/ckpt/" + std::to_string(step) });
            }
        } // dropped without finish(): interrupted
        QCOMPARE(store.run(id).status, RunStatus::Interrupted);
        const ResumePoint resume = store.prepareResume(id);
        QCOMPARE(resume.run.id, id);
        QVERIFY(resume.checkpoint);
        QCOMPARE(resume.checkpoint->step, std::int64_t(20));
        QCOMPARE(resume.checkpoint->path, std::string("/ckpt/20"));
        QCOMPARE(store.series(id, "loss").back().step, std::int64_t(20));
        QCOMPARE(store.seriesPointCount(id, "loss"), std::size_t(20));
        QCOMPARE(store.memorySamples(id).back().step, std::int64_t(20));
        QCOMPARE(store.gateValues(id).back().step, std::int64_t(20));
        QCOMPARE(store.evaluations(id).size(), std::size_t(2));

        RunWriter writer(m_path, id); // continues the same id
        QCOMPARE(store.run(id).status, RunStatus::Running);
        writer.addMetric("loss", 21, 0.5);
        writer.finish(RunStatus::Finished);
        QCOMPARE(store.seriesPointCount(id, "loss"), std::size_t(21));
        QVERIFY(errorOf([&] { store.prepareResume(id); }).contains(QStringLiteral("finished")));
    }

    void removingARunDeletesAllItsData()
    {
        RunStore store(m_path);
        const RunId keep = store.createRun(sampleRun("keep"));
        const RunId drop = store.createRun(sampleRun("drop"));
        for (RunId id : { keep, drop }) {
            RunWriter writer(m_path, id);
            writer.addMetric("loss", 1, 1.0);
            writer.addMemory({ "tensor", 1, 0, 1 });
            writer.addEvaluation({ "validation", "accuracy", 1, 0, 0.5 });
            writer.addGate({ 0, 1, 0.5 });
            writer.addCheckpoint({ 1, 0, "/c" });
            writer.finish(RunStatus::Finished);
        }
        store.removeRun(drop);
        QVERIFY(!store.findRun(drop));
        for (const char *table :
            { "series", "run_tags", "memory_samples", "evaluations", "gate_values", "checkpoints" })
            QCOMPARE(queryInt(m_path,
                         std::string("SELECT count(*) FROM ") + table + " WHERE run_id = " + std::to_string(drop)),
                std::int64_t(0));
        QCOMPARE(queryInt(m_path, "SELECT count(*) FROM metric_points"), std::int64_t(1));
        QCOMPARE(store.seriesPointCount(keep, "loss"), std::size_t(1));
    }

    // --- failures -------------------------------------------------------------------------

    void aFullDiskStopsTheWriterAndKeepsWhatWasCommitted()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        RunWriterOptions options;
        options.batchRecords = 1000;
        options.maxPageCount = queryInt(m_path, "PRAGMA page_count") + 40; // ~160 KiB more
        QString message;
        std::size_t committed = 0;
        {
            RunWriter writer(m_path, id, options);
            try {
                for (int step = 0; step < 1000000; ++step)
                    writer.addMetric("loss", step, 1.0 / (step + 1));
            } catch (const ladder::Error &e) {
                message = QString::fromStdString(e.what());
            }
            committed = writer.committedRecords();
            QVERIFY(writer.pendingRecords() > 0); // kept for a retry
            QVERIFY(!errorOf([&] { writer.flush(); }).isEmpty());
        }
        QVERIFY2(message.contains(QStringLiteral("full")), qPrintable(message));
        QVERIFY2(message.contains(QString::fromStdString(m_path)), qPrintable(message));
        QVERIFY(committed > 0);
        QCOMPARE(queryText(m_path, "PRAGMA integrity_check"), std::string("ok"));
        QCOMPARE(store.seriesPointCount(id, "loss"), committed);
        const std::vector<SeriesPoint> points = store.series(id, "loss");
        QCOMPARE(points.back().step, std::int64_t(committed) - 1);
    }

    void aReadOnlyDatabaseIsReportedNotCorrupted()
    {
        if (geteuid() == 0)
            QSKIP("root writes to read-only files; run the suite as a normal user for this check");
        RunId id = 0;
        {
            RunStore store(m_path);
            id = store.createRun(sampleRun());
            RunWriter writer(m_path, id);
            writer.addMetric("loss", 1, 1.0);
            writer.finish(RunStatus::Stopped);
        }
        QVERIFY(::chmod(m_path.c_str(), 0444) == 0);
        const QString message = errorOf([&] { RunWriter writer(m_path, id); });
        QVERIFY(::chmod(m_path.c_str(), 0644) == 0);
        QVERIFY2(message.contains(QStringLiteral("read-only")), qPrintable(message));
        RunStore store(m_path);
        QCOMPARE(store.run(id).status, RunStatus::Stopped);
        QCOMPARE(store.seriesPointCount(id, "loss"), std::size_t(1));
    }

    void aLockedDatabaseIsRetriedThenReported()
    {
        RunStore store(m_path);
        const RunId id = store.createRun(sampleRun());
        QString message;
        QElapsedTimer waited;
        {
            sqlite::Database other(m_path, true);
            other.exec("BEGIN IMMEDIATE"); // another program holds the write lock
            waited.start();
            message = errorOf([&] { store.setNotes(id, "blocked"); });
            other.exec("ROLLBACK");
        }
        QVERIFY2(message.contains(QStringLiteral("locked")), qPrintable(message));
        QVERIFY(waited.elapsed() >= sqlite::kBusyTimeoutMs - 500);
        store.setNotes(id, "free again");
        QCOMPARE(store.run(id).notes, std::string("free again"));
    }

    void aWriterNeedsAnExistingDatabaseAndRun()
    {
        QVERIFY(!errorOf([&] { RunWriter writer(m_path, 1); }).isEmpty());
        QVERIFY(!QFile::exists(QString::fromStdString(m_path)));
        {
            RunStore store(m_path);
        }
        QVERIFY(errorOf([&] { RunWriter writer(m_path, 1); }).contains(QStringLiteral("no run 1")));
    }
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "test_run_store.moc"
