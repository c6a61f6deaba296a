// SPDX-License-Identifier: GPL-3.0-or-later
// Runs leave a database as JSON or CSV, and a JSON export imports into another database field
// for field. Configurations compare key path by key path.

#include "StoreTestSupport.h"

#include "store/ConfigDiff.h"
#include "store/RunExport.h"
#include "store/RunStore.h"
#include "store/RunWriter.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <limits>

using namespace ladder;

namespace {

/// A finished run with points of every kind, including values JSON cannot spell.
RunId writeSampleRun(RunStore &store, const std::string &name)
{
    RunRecord record = test::sampleRun(name);
    record.name = name + ", with \"quotes\" and a comma";
    const RunId id = store.createRun(record);
    RunWriter writer(store.path(), id);
    for (int step = 1; step <= 250; ++step) {
        writer.addMetric("loss", step, 1.0 / step, 1700000000.0 + step * 0.125);
        writer.addMetric(kThroughputSeries, step, 90.0 + step % 7, 1700000000.0 + step * 0.125);
        writer.addGate({ step % 3, step, 0.5 - step * 1e-4 });
    }
    writer.addMetric("loss", 251, std::numeric_limits<double>::quiet_NaN(), 1700000100.0);
    writer.addMetric("loss", 252, std::numeric_limits<double>::infinity(), 1700000100.5);
    writer.addMemory({ "tensor_peak", 1, 1700000000.5, 123456789 });
    writer.addMemory({ "rss", 1, 1700000000.5, 987654321 });
    writer.addEvaluation({ "validation", "accuracy", 100, 1700000050.0, 0.8125 });
    writer.addEvaluation({ "validation", "accuracy", 200, 1700000090.0, 0.84375 });
    writer.addCheckpoint({ 200, 1700000091.0, "/runs/7/step-200.safetensors" });
    writer.finish(RunStatus::Finished);
    return id;
}

RunData withoutId(RunData data)
{
    data.run.id = 0;
    return data;
}

} // namespace

class TestRunExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::string path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)).toStdString(); }

private Q_SLOTS:
    void jsonExportImportsFieldForField()
    {
        RunStore source(path("source.sqlite"));
        source.createRun(test::sampleRun("unrelated, not exported"));
        const RunId first = writeSampleRun(source, "first");
        const RunId second = writeSampleRun(source, "second");
        source.addTag(second, "only-second");
        const std::string json = exportRunsJson(source, { first, second });

        const std::string file = path("export.json");
        std::ofstream(file) << json;
        RunStore target(path("target.sqlite"));
        // Ids in the target differ from the source's.
        target.createRun(test::sampleRun("already there"));
        target.createRun(test::sampleRun("also there"));
        const std::vector<RunId> ids = importRunsJsonFile(target, file);
        QCOMPARE(ids.size(), std::size_t(2));
        QVERIFY(ids[0] != first);

        QVERIFY(withoutId(target.loadRun(ids[0])) == withoutId(source.loadRun(first)));
        QVERIFY(withoutId(target.loadRun(ids[1])) == withoutId(source.loadRun(second)));
        // Spot checks that the equality above compares what matters.
        QVERIFY(std::isnan(target.series(ids[0], "loss")[250].value));
        QCOMPARE(target.series(ids[0], "loss")[251].value, std::numeric_limits<double>::infinity());
        QCOMPARE(target.run(ids[1]).tags, (std::vector<std::string> { "baseline", "only-second", "paper" }));
        QCOMPARE(target.run(ids[0]).configHash, source.run(first).configHash);
        QCOMPARE(target.run(ids[0]).configJson, source.run(first).configJson);
        QCOMPARE(target.run(ids[0]).host.device, std::string("cuda:0"));
    }

    void anExportFromBeforeDevicesImportsAsACpuRun()
    {
        RunStore source(path("old.sqlite"));
        const RunId id = writeSampleRun(source, "old");
        nlohmann::json document = nlohmann::json::parse(exportRunsJson(source, { id }));
        for (nlohmann::json &run : document.at("runs"))
            run.at("host").erase("device");
        RunStore target(path("old-target.sqlite"));
        const std::vector<RunId> ids = importRunsJson(target, document.dump(), "old.json");
        QCOMPARE(target.run(ids[0]).host.device, std::string("cpu"));
    }

    void aRunExportedWhileRunningImportsAsInterrupted()
    {
        RunStore source(path("live.sqlite"));
        RunRecord record = test::sampleRun();
        record.status = RunStatus::Running;
        const RunId id = source.createRun(record);
        RunStore target(path("live-target.sqlite"));
        const std::vector<RunId> ids = importRunsJson(target, exportRunsJson(source, { id }), "live.json");
        QCOMPARE(target.run(ids[0]).status, RunStatus::Interrupted);
    }

    void badDocumentsAreRefusedAndImportNothing_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{\"format\": ") << QStringLiteral("invalid run export");
        QTest::newRow("other format") << QByteArray(R"({"format": "something", "version": 1, "runs": []})")
                                      << QStringLiteral("not a ladder run export");
        QTest::newRow("newer version") << QByteArray(R"({"format": "ladder-runs", "version": 9, "runs": []})")
                                       << QStringLiteral("version 9 is newer");
        // Found by fuzz_run_import: nlohmann's get<int>() of 1e300 is undefined behaviour.
        QTest::newRow("version not an int") << QByteArray(R"({"format": "ladder-runs", "version": 1e300, "runs": []})")
                                            << QStringLiteral("expected an integer");
        QTest::newRow("id beyond int64")
            << QByteArray(R"({"format": "ladder-runs", "version": 1, "runs": [{"id": 1e300}]})")
            << QStringLiteral("run #0 of the export: expected an integer");
        QTest::newRow("second run broken")
            << QByteArray(R"({"format": "ladder-runs", "version": 1, "runs": [FIRST, {"id": 2}]})")
            << QStringLiteral("run #1");
        QTest::newRow("bad status") << QByteArray(
            R"({"format": "ladder-runs", "version": 1, "runs": [FIRST_BADSTATUS]})")
                                    << QStringLiteral("unknown run status");
    }

    void badDocumentsAreRefusedAndImportNothing()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, message);
        RunStore source(path("bad-source.sqlite"));
        const RunId id = source.createRun(test::sampleRun());
        std::string run = exportRunsJson(source, { id });
        run = run.substr(run.find('[') + 1);
        run = run.substr(0, run.rfind(']'));
        std::string text = document.toStdString();
        if (const auto at = text.find("FIRST_BADSTATUS"); at != std::string::npos) {
            std::string broken = run;
            broken.replace(broken.find("\"queued\""), 8, "\"exploded\"");
            text.replace(at, 15, broken);
        } else if (const auto at2 = text.find("FIRST"); at2 != std::string::npos) {
            text.replace(at2, 5, run);
        }

        RunStore target(path("bad-target.sqlite"));
        QString error;
        try {
            importRunsJson(target, text, "bad.json");
        } catch (const ladder::Error &e) {
            error = QString::fromStdString(e.what());
        }
        QVERIFY2(error.startsWith(QStringLiteral("bad.json: ")), qPrintable(error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(target.listRuns().empty());
    }

    void csvHasOneRowPerValue()
    {
        RunStore store(path("csv.sqlite"));
        const RunId id = writeSampleRun(store, "csv");
        const std::string csv = exportRunsCsv(store, { id });
        const QStringList lines = QString::fromStdString(csv).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("run_id,run_name,kind,series,step,wall_time,value"));
        // 252 loss + 250 throughput + 250 gates + 2 memory + 2 evaluations + 1 checkpoint, plus the header.
        QCOMPARE(lines.size(), 1 + 252 + 250 + 250 + 2 + 2 + 1);
        const QString prefix = QStringLiteral("%1,\"csv, with \"\"quotes\"\" and a comma\",").arg(id);
        QVERIFY(lines.contains(prefix + QStringLiteral("metric,loss,4,1700000000.5,0.25")));
        QVERIFY(lines.contains(prefix + QStringLiteral("metric,loss,251,1700000100,NaN")));
        QVERIFY(lines.contains(prefix + QStringLiteral("evaluation,validation/accuracy,200,1700000090,0.84375")));
        QVERIFY(lines.contains(prefix + QStringLiteral("memory,tensor_peak,1,1700000000.5,123456789")));
        QVERIFY(lines.contains(prefix + QStringLiteral("checkpoint,,200,1700000091,/runs/7/step-200.safetensors")));
    }

    void configDiffListsChangedKeyPaths_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QStringList>("changes"); // "path: before -> after", "-" for absent
        QTest::newRow("equal, reordered") << QStringLiteral(R"({"a": 1, "b": [1, 2]})")
                                          << QStringLiteral(R"({"b": [1, 2], "a": 1})") << QStringList {};
        QTest::newRow("nested value") << QStringLiteral(R"({"opt": {"lr": 0.1, "wd": 0}})")
                                      << QStringLiteral(R"({"opt": {"lr": 0.2, "wd": 0}})")
                                      << QStringList { QStringLiteral("/opt/lr: 0.1 -> 0.2") };
        QTest::newRow("added and removed")
            << QStringLiteral(R"({"a": 1})") << QStringLiteral(R"({"b": "x"})")
            << QStringList { QStringLiteral("/a: 1 -> -"), QStringLiteral("/b: - -> \"x\"") };
        QTest::newRow("array elements") << QStringLiteral(R"({"tasks": ["sst2", "rte"]})")
                                        << QStringLiteral(R"({"tasks": ["sst2", "mrpc", "qnli"]})")
                                        << QStringList { QStringLiteral("/tasks/1: \"rte\" -> \"mrpc\""),
                                               QStringLiteral("/tasks/2: - -> \"qnli\"") };
        QTest::newRow("type change") << QStringLiteral(R"({"layers": [1, 2]})")
                                     << QStringLiteral(R"({"layers": "all"})")
                                     << QStringList { QStringLiteral("/layers: [1,2] -> \"all\"") };
        QTest::newRow("key with slash") << QStringLiteral(R"({"a/b": 1})") << QStringLiteral(R"({"a/b": 2})")
                                        << QStringList { QStringLiteral("/a~1b: 1 -> 2") };
    }

    void configDiffListsChangedKeyPaths()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QFETCH(QStringList, changes);
        QStringList got;
        for (const ConfigChange &change : diffConfigs(before.toStdString(), after.toStdString()))
            got << QString::fromStdString(
                change.path + ": " + change.before.value_or("-") + " -> " + change.after.value_or("-"));
        QCOMPARE(got, changes);
    }

    void configDiffRefusesInvalidJson() { QVERIFY_THROWS_EXCEPTION(ladder::Error, diffConfigs("{", "{}")); }
};

QTEST_GUILESS_MAIN(TestRunExport)
#include "test_run_export.moc"
