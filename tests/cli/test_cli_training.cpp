// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder train`, `ladder data` and `ladder plan` end to end through the executable: the JSON
// summaries a script would read, the store row a run leaves, and one-line errors for bad input.

#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using ladder::test::CliResult;
using ladder::test::parseJson;
using ladder::test::runLadder;
using ladder::test::writeFile;

namespace {

// LoRA on t5-tiny and a small polarity split: seconds on one thread.
constexpr const char *kTinyRun = R"({"name": "cli-test", "backbone": {"preset": "t5-tiny"},
 "method": {"kind": "lora"},
 "task": {"kind": "demo", "name": "polarity", "train_size": 64, "validation_size": 16, "test_size": 16},
 "train": {"batch_size": 8, "max_steps": 3, "max_source_length": 32, "max_target_length": 8, "threads": 1}})";


} // namespace

class TestCliTraining : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Trained vocabularies go to this test's folder, not the user's cache.
        m_environment.insert(QStringLiteral("LADDER_CACHE_DIR"), m_dir.filePath(QStringLiteral("cache")));
        m_config = writeFile(m_dir, QStringLiteral("run.json"), kTinyRun);
    }

    void trainJsonSummarisesTheRunAndStoresIt()
    {
        const QString db = m_dir.filePath(QStringLiteral("runs.sqlite"));
        const CliResult run = runLadder({QStringLiteral("train"), m_config, QStringLiteral("--json"),
                                            QStringLiteral("--db"), db},
            m_environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const nlohmann::json summary = parseJson(run);
        QCOMPARE(summary.value("status", std::string()), std::string("finished"));
        QCOMPARE(summary.value("steps", 0), 3);
        for (const char *key : {"final_validation", "best_validation", "test"}) {
            QVERIFY2(summary.contains(key), key);
            QVERIFY(summary[key]["metrics"].contains("accuracy"));
            QCOMPARE(summary[key].value("examples", 0), 16);
        }
        // The categories add up to the peak, and a LoRA run has frozen weights and optimizer state.
        const nlohmann::json &memory = summary["peak_memory_bytes"];
        int64_t sum = 0;
        for (const char *key : {"frozen_weights", "trainable_weights", "gradients", "optimizer_state", "activations"})
            sum += memory.value(key, int64_t(-1));
        QCOMPARE(sum, memory.value("peak", int64_t(0)));
        QVERIFY(memory.value("frozen_weights", 0) > 0);
        QCOMPARE(memory.value("optimizer_state", 0), 2 * memory.value("trainable_weights", 0));
        QVERIFY(summary.value("mean_samples_per_second", 0.0) > 0.0);
        QVERIFY(summary.value("trainable_parameters", 0) > 0);
        QVERIFY(summary.value("trainable_parameters", 0) < summary.value("total_parameters", 0));
        QVERIFY(summary["run_id"].is_number_integer());

        // The store holds the run under its name.
        const CliResult runs = runLadder({QStringLiteral("runs"), QStringLiteral("--db"), db}, m_environment);
        QVERIFY2(runs.exitCode == 0, qPrintable(runs.err));
        QVERIFY2(runs.out.contains(QStringLiteral("cli-test")), qPrintable(runs.out));

    }

    void runsListLinesUpLongNames()
    {
        // "demo/wordnet-lexname" is wider than a fixed task column would be.
        const QString db = m_dir.filePath(QStringLiteral("long-names.sqlite"));
        const CliResult run = runLadder({QStringLiteral("train"), m_config, QStringLiteral("--set"),
                                            QStringLiteral("task.name=wordnet-lexname"), QStringLiteral("--set"),
                                            QStringLiteral("train.max_steps=1"), QStringLiteral("--db"), db},
            m_environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const CliResult runs = runLadder({QStringLiteral("runs"), QStringLiteral("--db"), db}, m_environment);
        QVERIFY2(runs.exitCode == 0, qPrintable(runs.err));
        const QStringList lines = runs.out.split(QLatin1Char('\n'));
        QVERIFY(lines.size() >= 2);
        const qsizetype taskColumn = lines[0].indexOf(QStringLiteral("TASK"));
        const qsizetype backboneColumn = lines[0].indexOf(QStringLiteral("BACKBONE"));
        QVERIFY2(lines[1].mid(taskColumn).startsWith(QStringLiteral("demo/wordnet-lexname ")), qPrintable(runs.out));
        QVERIFY2(lines[1].mid(backboneColumn).startsWith(QStringLiteral("t5-tiny ")), qPrintable(runs.out));
    }

    void dataShowsFormattedPairsAndCounts()
    {
        const CliResult run = runLadder({QStringLiteral("data"), m_config, QStringLiteral("--split"),
                                            QStringLiteral("validation"), QStringLiteral("--limit"), QStringLiteral("3"),
                                            QStringLiteral("--json")},
            m_environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const nlohmann::json data = parseJson(run);
        QCOMPARE(data["choices"], nlohmann::json({"negative", "positive"}));
        QCOMPARE(data["splits"]["train"].value("examples", 0), 64);
        QCOMPARE(data["splits"]["validation"]["labels"].value("positive", 0), 8);
        QCOMPARE(data["splits"]["validation"]["labels"].value("negative", 0), 8);
        QCOMPARE(data.value("split", std::string()), std::string("validation"));
        QCOMPARE(data["examples"].size(), std::size_t(3));
        for (const nlohmann::json &example : data["examples"]) {
            QVERIFY(example.value("source", std::string()).rfind("polarity sentence: ", 0) == 0);
            const std::string target = example.value("target", std::string());
            QVERIFY2(target == "positive" || target == "negative", target.c_str());
        }
    }

    void planPredictsTheSameParametersTheRunReports()
    {
        const CliResult plan = runLadder({QStringLiteral("plan"), m_config, QStringLiteral("--json")}, m_environment);
        QVERIFY2(plan.exitCode == 0, qPrintable(plan.err));
        const nlohmann::json prediction = parseJson(plan);
        const CliResult train = runLadder({QStringLiteral("train"), m_config, QStringLiteral("--json"),
                                              QStringLiteral("--no-db")},
            m_environment);
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        const nlohmann::json summary = parseJson(train);
        QCOMPARE(prediction["parameters"].value("trainable", 0), summary.value("trainable_parameters", 0));
        QCOMPARE(prediction["parameters"].value("total", 0), summary.value("total_parameters", 0));
        const nlohmann::json &predicted = prediction["predicted_peak_memory_bytes"];
        const nlohmann::json &measured = summary["peak_memory_bytes"];
        for (const char *key : {"frozen_weights", "trainable_weights", "gradients", "optimizer_state"})
            QCOMPARE(predicted.value(key, int64_t(-1)), measured.value(key, int64_t(-2)));
    }

    void planFromTheDataIsWithinTenPercentOfTheMeasuredPeak()
    {
        // Eight steps of batch 8 see all 64 examples, so the run meets its largest batch.
        const QStringList epoch{QStringLiteral("--set"), QStringLiteral("train.max_steps=8")};
        const CliResult plan =
            runLadder(QStringList{QStringLiteral("plan"), m_config, QStringLiteral("--data"), QStringLiteral("--json")} + epoch,
                m_environment);
        QVERIFY2(plan.exitCode == 0, qPrintable(plan.err));
        const nlohmann::json prediction = parseJson(plan);
        QCOMPARE(prediction.value("lengths_from", std::string()), std::string("training data"));
        QVERIFY(prediction.value("source_length", 0) < 32); // short sentences: not the configured maximum
        const CliResult train = runLadder(
            QStringList{QStringLiteral("train"), m_config, QStringLiteral("--json"), QStringLiteral("--no-db")} + epoch,
            m_environment);
        QVERIFY2(train.exitCode == 0, qPrintable(train.err));
        const auto predicted = prediction["predicted_peak_memory_bytes"].value("peak", int64_t(0));
        const auto measured = parseJson(train)["peak_memory_bytes"].value("peak", int64_t(1));
        const double error = static_cast<double>(predicted - measured) / static_cast<double>(measured);
        qInfo("predicted %lld, measured %lld bytes: %+.1f%%", static_cast<long long>(predicted),
            static_cast<long long>(measured), 100.0 * error);
        QVERIFY(std::abs(error) <= 0.10);
    }

    void badInputIsOneLineNamingTheProblem_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        const QString config = m_dir.filePath(QStringLiteral("run.json"));
        QTest::newRow("unknown key") << QStringList{QStringLiteral("train"), config, QStringLiteral("--set"),
                                            QStringLiteral("train.bogus=1")}
                                     << QStringLiteral("train.bogus: unknown key");
        QTest::newRow("wrong type") << QStringList{QStringLiteral("plan"), config, QStringLiteral("--set"),
                                           QStringLiteral("train.batch_size=\"8\"")}
                                    << QStringLiteral("train.batch_size: expected an integer");
        QTest::newRow("missing config") << QStringList{QStringLiteral("data"), m_dir.filePath(QStringLiteral("nope.json"))}
                                        << QStringLiteral("nope.json");
    }

    void badInputIsOneLineNamingTheProblem()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CliResult run = runLadder(arguments, m_environment);
        QVERIFY(run.exitCode > 0);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
    }

    void malformedTaskFileNamesFileAndLine()
    {
        const QString tsv = writeFile(m_dir, QStringLiteral("train.tsv"), "sentence\tlabel\nfine\tpositive\nno label here\n");
        const QString config = writeFile(m_dir, QStringLiteral("file-run.json"),
            QStringLiteral(R"({"task": {"kind": "file", "train": "%1", "text_columns": ["sentence"]},
                "train": {"max_steps": 1, "threads": 1}})")
                .arg(tsv)
                .toUtf8());
        const CliResult run = runLadder({QStringLiteral("data"), config}, m_environment);
        QVERIFY(run.exitCode > 0);
        QVERIFY2(run.err.contains(tsv + QStringLiteral(":3")), qPrintable(run.err));
    }

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QString m_config;
};

QTEST_GUILESS_MAIN(TestCliTraining)
#include "test_cli_training.moc"
