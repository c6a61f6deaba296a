// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder compare` end to end through the executable: the table in its four formats, a run
// `ladder train` stored under its default name, and one-line errors for an unknown or a running run.

#include "CliRunner.h"

#include "store/RunStore.h"
#include "store/RunWriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace ladder;
using ladder::test::CliResult;
using ladder::test::parseJson;
using ladder::test::runLadder;

namespace {

// No "name": the run is called after its method, backbone and task. Seconds on one thread.
constexpr const char *kUnnamedRun = R"({"backbone": {"preset": "t5-tiny"}, "method": {"kind": "lora", "rank": 4},
 "task": {"kind": "demo", "name": "polarity", "train_size": 40, "validation_size": 8, "test_size": 8},
 "train": {"batch_size": 16, "max_steps": 3, "max_source_length": 24, "max_target_length": 6, "threads": 1}})";

/// A finished run with known points: peak 1800 bytes at step 2, test score 80, throughput 50.
RunId writeKnownRun(RunStore &store, const std::string &name, const std::string &method)
{
    RunRecord record;
    record.name = name;
    record.method = "lst";
    record.backbone = "t5-tiny";
    record.task = "demo/polarity";
    record.configJson = R"({"name": ")" + record.name + R"(", "backbone": {"preset": "t5-tiny"}, "method": )" + method
        + R"(, "task": {"kind": "demo", "name": "polarity"}})";
    const RunId id = store.createRun(record);
    store.setParameterCounts(id, 50, 1000);
    RunWriter writer(store.path(), id);
    const std::int64_t memory[2][5] = { { 1000, 100, 100, 0, 300 }, { 1000, 100, 100, 200, 400 } };
    const char *categories[5]
        = { "frozen_weights", "trainable_weights", "gradients", "optimizer_state", "activations" };
    for (int step = 0; step < 2; ++step) {
        std::int64_t peak = 0;
        for (int c = 0; c < 5; ++c) {
            writer.addMemory({ categories[c], step + 1, 0, memory[step][c] });
            peak += memory[step][c];
        }
        writer.addMemory({ "tensor_peak", step + 1, 0, peak });
        writer.addMetric(kThroughputSeries, step + 1, 50.0);
    }
    writer.addEvaluation({ "validation", "score", 2, 0, 75.0 });
    writer.addEvaluation({ "test", "score", 2, 0, 80.0 });
    writer.finish(RunStatus::Finished);
    return id;
}

QString idText(RunId id)
{
    return QString::number(id);
}

} // namespace

class TestCliCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_environment.insert(QStringLiteral("LADDER_CACHE_DIR"), m_dir.filePath(QStringLiteral("cache")));
        m_db = m_dir.filePath(QStringLiteral("runs.sqlite"));
        RunStore store(m_db.toStdString());
        m_lst = writeKnownRun(store, "known lst", R"({"kind": "lst", "reduction": 8})");
        m_adapter = writeKnownRun(store, "known adapter", R"({"kind": "adapter", "reduction": 4})");
    }

    void trainNamesAnUnnamedRunAndRecordsExamplesPerStep()
    {
        const QString config = m_dir.filePath(QStringLiteral("unnamed.json"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kUnnamedRun);
        file.close();
        const CliResult train = runLadder(
            { QStringLiteral("train"), config, QStringLiteral("--json"), QStringLiteral("--db"), m_db }, m_environment);
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        const nlohmann::json summary = parseJson(train);
        QCOMPARE(summary.value("name", std::string()), std::string("lora r=4 · t5-tiny · polarity"));
        m_trained = summary.value("run_id", RunId(0));

        const RunStore store(m_db.toStdString());
        QCOMPARE(store.run(m_trained).name, std::string("lora r=4 · t5-tiny · polarity"));
        // 40 examples in batches of 16 make one epoch of three steps: two full batches and the
        // remaining 8 (length buckets decide where the short one falls).
        std::vector<double> examples;
        for (const SeriesPoint &point : store.series(m_trained, kExamplesSeries))
            examples.push_back(point.value);
        std::sort(examples.begin(), examples.end());
        QCOMPARE(examples, (std::vector<double> { 8.0, 16.0, 16.0 }));
    }

    void textIsTheDefault()
    {
        const CliResult run = compare({ idText(m_lst), idText(m_adapter) });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const char *expected : { "Runs", "Table", "Configuration differences", "lst r=8", "adapter r=4", "80.00",
                 "/method/kind", "5.00%" })
            QVERIFY2(run.out.contains(QString::fromUtf8(expected)),
                qPrintable(QString::fromUtf8(expected) + QStringLiteral(": ") + run.out));
        // The paper's order: adapter before lst.
        const qsizetype table = run.out.indexOf(QStringLiteral("Table\n"));
        QVERIFY(table > 0);
        QVERIFY(run.out.indexOf(QStringLiteral("  adapter r=4 "), table)
            < run.out.indexOf(QStringLiteral("  lst r=8 "), table));
    }

    void jsonHasTheStoredFigures()
    {
        QVERIFY(m_trained > 0);
        const CliResult run = compare({ idText(m_lst), idText(m_trained), QStringLiteral("--json") });
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const nlohmann::json json = parseJson(run);
        QCOMPARE(json["runs"].size(), std::size_t(2));
        const nlohmann::json &known = json["runs"][0];
        QCOMPARE(known["id"].get<RunId>(), m_lst);
        QCOMPARE(known["peak_memory_bytes"].get<std::int64_t>(), std::int64_t(1800));
        QCOMPARE(known["peak_step"].get<std::int64_t>(), std::int64_t(2));
        QCOMPARE(known["memory_at_peak_bytes"]["optimizer_state"].get<std::int64_t>(), std::int64_t(200));
        QCOMPARE(known["trainable_percent"].get<double>(), 5.0);
        QCOMPARE(known["test_score"].get<double>(), 80.0);
        QCOMPARE(known["samples_per_second"].get<double>(), 50.0);

        // The trained run's figures are the store's.
        const RunStore store(m_db.toStdString());
        const RunSummary summary = store.summary(m_trained);
        const nlohmann::json &trained = json["runs"][1];
        QCOMPARE(trained["label"].get<std::string>(), std::string("lora r=4"));
        QCOMPARE(trained["peak_memory_bytes"].get<std::int64_t>(), summary.peakMemoryBytes.at("tensor_peak"));
        QCOMPARE(trained["samples_per_second"].get<double>(), *summary.meanThroughput);
        QCOMPARE(trained["steps"].get<std::int64_t>(), std::int64_t(3));
        std::int64_t sum = 0;
        for (const auto &[category, bytes] : trained["memory_at_peak_bytes"].items())
            sum += bytes.get<std::int64_t>();
        QCOMPARE(sum, trained["peak_memory_bytes"].get<std::int64_t>());
        QCOMPARE(json["rows"][0]["method"].get<std::string>(), std::string("lora r=4"));
        QCOMPARE(json["rows"][1]["method"].get<std::string>(), std::string("lst r=8"));
    }

    void csvAndMarkdownAreThePaperTable()
    {
        const CliResult csv = compare({ idText(m_lst), idText(m_adapter), QStringLiteral("--csv") });
        QVERIFY2(csv.exitCode == 0, qPrintable(csv.err));
        const QStringList lines = csv.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0],
            QStringLiteral("method,backbone,trainable_percent,peak_memory_bytes,polarity,polarity_source,mean_score,"
                           "samples_per_second,runs"));
        QCOMPARE(lines[1], QStringLiteral("adapter r=4,t5-tiny,5.0,1800,80.0,test,80.0,50.0,") + idText(m_adapter));

        const CliResult markdown = compare({ idText(m_lst), idText(m_adapter), QStringLiteral("--markdown") });
        QVERIFY2(markdown.exitCode == 0, qPrintable(markdown.err));
        QVERIFY2(markdown.out.startsWith(
                     QStringLiteral("| Method | Backbone | Trainable | Peak memory | polarity | Mean | Samples/s |\n"
                                    "|---|---|---:|---:|---:|---:|---:|\n"
                                    "| adapter r=4 | t5-tiny | 5.00% | 1.8 KiB | 80.00 | 80.00 | 50.0 |\n")),
            qPrintable(markdown.out));
    }

    void formatsExcludeEachOther()
    {
        const CliResult run = compare({ idText(m_lst), QStringLiteral("--csv"), QStringLiteral("--json") });
        QVERIFY(run.exitCode != 0);
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
    }

    void anUnknownRunIsAOneLineError()
    {
        const CliResult run = compare({ idText(m_lst), QStringLiteral("4242") });
        QVERIFY(run.exitCode != 0);
        QCOMPARE(run.out, QString());
        QCOMPARE(run.err, QStringLiteral("ladder: error: run 4242 is not in ") + m_db + QLatin1Char('\n'));
    }

    void aRunningRunIsAOneLineError()
    {
        RunStore store(m_db.toStdString());
        RunRecord record;
        record.name = "still training";
        const RunId running = store.createRun(record);
        RunWriter writer(m_db.toStdString(), running); // this live test process owns it
        writer.addMetric("loss", 1, 3.0);
        writer.flush();

        const CliResult run = compare({ idText(m_lst), idText(running) });
        QVERIFY(run.exitCode != 0);
        QCOMPARE(run.out, QString());
        QVERIFY2(run.err.startsWith(QStringLiteral("ladder: error: run ") + idText(running)
                     + QStringLiteral(" is still running; compare it when it ends")),
            qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        writer.finish(RunStatus::Stopped);
    }

    void aMissingDatabaseIsAnErrorNotANewFile()
    {
        const QString missing = m_dir.filePath(QStringLiteral("typo.sqlite"));
        const CliResult run = runLadder(
            { QStringLiteral("compare"), QStringLiteral("1"), QStringLiteral("--db"), missing }, m_environment);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains(QStringLiteral("there is no run database here")), qPrintable(run.err));
        QVERIFY(!QFile::exists(missing));
    }

private:
    CliResult compare(QStringList arguments) const
    {
        arguments.prepend(QStringLiteral("compare"));
        arguments << QStringLiteral("--db") << m_db;
        return runLadder(arguments, m_environment);
    }

    QTemporaryDir m_dir;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QString m_db;
    RunId m_lst = 0;
    RunId m_adapter = 0;
    RunId m_trained = 0;
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "test_cli_compare.moc"
