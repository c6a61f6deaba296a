// SPDX-License-Identifier: GPL-3.0-or-later
// The command line meeting a user's usual mistakes, through the executable: `--set` in any order
// and read by the key's type, mistakes found before a run is recorded, a failure's reason kept,
// resume from any folder or refused with a reason, and errors without library codes.

#include "CliRunner.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using ladder::test::CliResult;
using ladder::test::parseJson;
using ladder::test::runLadder;
using ladder::test::writeFile;

namespace {

// LST on t5-tiny and a small polarity split: seconds on one thread.
constexpr const char *kTinyRun = R"({"backbone": {"preset": "t5-tiny"},
 "method": {"kind": "lst", "layers": "1"},
 "task": {"kind": "demo", "name": "polarity", "train_size": 64, "validation_size": 16, "test_size": 16},
 "train": {"batch_size": 8, "max_steps": 3, "max_source_length": 32, "max_target_length": 8, "threads": 1}})";

} // namespace

class TestCliMistakes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_environment.insert(QStringLiteral("LADDER_CACHE_DIR"), m_dir.filePath(QStringLiteral("cache")));
        m_config = writeFile(m_dir, QStringLiteral("run.json"), kTinyRun);
        // An SST-2 folder as GLUE distributes it (header "sentence\tlabel"); the paper's split
        // holds 1000 training rows out for validation, so there are more than that.
        QDir(m_dir.path()).mkpath(QStringLiteral("SST-2"));
        QByteArray rows = "sentence\tlabel\n";
        for (int i = 0; i < 1024; ++i)
            rows += (i % 2 ? "a fine and lovely film\t1\n" : "a dull and tiresome film\t0\n");
        writeFile(m_dir, QStringLiteral("SST-2/train.tsv"), rows);
        writeFile(m_dir, QStringLiteral("SST-2/dev.tsv"), rows.left(rows.indexOf("film\t0\n", 400) + 7));
    }

    void setAssignmentsGiveOneResultInAnyOrder()
    {
        const QString folder = m_dir.filePath(QStringLiteral("SST-2"));
        const QStringList assignments{QStringLiteral("task.kind=glue"), QStringLiteral("task.name=sst2"),
            QStringLiteral("task.dir=") + folder};
        QStringList forward{QStringLiteral("data"), m_config, QStringLiteral("--json")};
        QStringList backward = forward;
        for (int i = 0; i < assignments.size(); ++i) {
            forward << QStringLiteral("--set") << assignments[i];
            backward << QStringLiteral("--set") << assignments[assignments.size() - 1 - i];
        }
        const CliResult first = runLadder(forward, m_environment);
        const CliResult second = runLadder(backward, m_environment);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QCOMPARE(first.out, second.out);
        QCOMPARE(parseJson(first)["splits"]["train"].value("examples", 0), 24);
        QCOMPARE(parseJson(first)["splits"]["validation"].value("examples", 0), 1000);
    }

    void aTextKeyTakesDigitsAsText()
    {
        // method.layers is a layer selection: 0 means layer "0", and the kind applies first.
        const CliResult plan = runLadder({QStringLiteral("plan"), m_config, QStringLiteral("--json"),
                                             QStringLiteral("--set"), QStringLiteral("method.layers=0"),
                                             QStringLiteral("--set"), QStringLiteral("method.kind=lst")},
            m_environment);
        QVERIFY2(plan.exitCode == 0, qPrintable(plan.err));
        QCOMPARE(parseJson(plan).value("method", std::string()), std::string("lst"));
    }

    void mistakesAreFoundBeforeARunIsRecorded_data()
    {
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("expected");
        QTest::newRow("reduction") << "method.reduction=7" << "reduction factor 7 does not divide";
        QTest::newRow("demo task") << "task.name=nosuch" << "unknown demo task \"nosuch\"";
        QTest::newRow("side layer") << "method.layers=9" << "layer 9 is past the last layer";
    }

    void mistakesAreFoundBeforeARunIsRecorded()
    {
        QFETCH(QString, assignment);
        QFETCH(QString, expected);
        const QString db = m_dir.filePath(QStringLiteral("mistakes.sqlite"));
        const CliResult run = runLadder(
            {QStringLiteral("train"), m_config, QStringLiteral("--set"), assignment, QStringLiteral("--db"), db},
            m_environment);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0); // said once, on one line
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));        // no zeroed summary
        QVERIFY(!QFile::exists(db));                               // and no failed row
    }

    void aRunThatFailsLaterRecordsWhy()
    {
        // A learning rate this large diverges at once: the failure comes from training itself.
        const QString db = m_dir.filePath(QStringLiteral("diverged.sqlite"));
        const CliResult run = runLadder({QStringLiteral("train"), m_config, QStringLiteral("--quiet"),
                                            QStringLiteral("--set"), QStringLiteral("train.learning_rate=1e30"),
                                            QStringLiteral("--set"), QStringLiteral("train.max_steps=20"),
                                            QStringLiteral("--db"), db},
            m_environment);
        QCOMPARE(run.exitCode, 1);
        const CliResult show = runLadder({QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--db"), db},
            m_environment);
        QVERIFY2(show.exitCode == 0, qPrintable(show.err));
        QVERIFY2(show.out.contains(QStringLiteral("failed")), qPrintable(show.out));
        const QString error = run.err.trimmed().section(QStringLiteral("ladder: error: "), -1);
        QVERIFY2(!error.isEmpty() && show.out.contains(QStringLiteral("why")) && show.out.contains(error),
            qPrintable(run.err + QStringLiteral("\n---\n") + show.out));
    }

    void resumeWorksFromAnotherFolderAfterSigkill()
    {
        // Checkpoints go to a folder relative to where training started.
        const QString started = m_dir.filePath(QStringLiteral("started-here"));
        const QString elsewhere = m_dir.filePath(QStringLiteral("elsewhere"));
        QDir().mkpath(started);
        QDir().mkpath(elsewhere);
        const QString db = m_dir.filePath(QStringLiteral("resume.sqlite"));
        QProcess training;
        training.setProcessEnvironment(m_environment);
        training.setWorkingDirectory(started);
        training.start(QStringLiteral(LADDER_BIN_DIR "/ladder"),
            {QStringLiteral("train"), m_config, QStringLiteral("--quiet"), QStringLiteral("--db"), db,
                QStringLiteral("--set"), QStringLiteral("train.max_steps=100000"), QStringLiteral("--set"),
                QStringLiteral("train.checkpoint_every=2"), QStringLiteral("--set"),
                QStringLiteral("train.output_dir=out")});
        QVERIFY(training.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(started + QStringLiteral("/out/checkpoint-4/position.json")), 60000);
        training.kill(); // SIGKILL: no chance to record anything
        QVERIFY(training.waitForFinished());

        const CliResult resumed = [&] {
            QProcess process;
            process.setProcessEnvironment(m_environment);
            process.setWorkingDirectory(elsewhere);
            process.start(QStringLiteral(LADDER_BIN_DIR "/ladder"),
                {QStringLiteral("train"), QStringLiteral("--resume"), QStringLiteral("1"), QStringLiteral("--db"), db,
                    QStringLiteral("--json")});
            process.waitForStarted();
            // Stop it once it has continued a little: resuming is what is tested, not finishing.
            QTest::qWait(3000);
            process.terminate();
            process.waitForFinished(60000);
            return CliResult{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
        }();
        QVERIFY2(resumed.exitCode == 130, qPrintable(resumed.err));
        const nlohmann::json summary = parseJson(resumed);
        QCOMPARE(summary.value("status", std::string()), std::string("stopped"));
        QVERIFY2(summary.value("steps", 0) > 4, qPrintable(resumed.out));
        // Stopped with checkpoints: the way on is printed.
        QVERIFY2(resumed.err.contains(QStringLiteral("continue it with: ladder train --resume 1 --db ")),
            qPrintable(resumed.err));
    }

    void resumeWithoutACheckpointIsRefusedAndChangesNothing()
    {
        const QString db = m_dir.filePath(QStringLiteral("no-checkpoint.sqlite"));
        QProcess training;
        training.setProcessEnvironment(m_environment);
        training.start(QStringLiteral(LADDER_BIN_DIR "/ladder"),
            {QStringLiteral("train"), m_config, QStringLiteral("--db"), db, QStringLiteral("--set"),
                QStringLiteral("train.max_steps=100000")});
        QVERIFY(training.waitForStarted());
        QByteArray progress;
        QTRY_VERIFY_WITH_TIMEOUT((progress += training.readAllStandardError()).contains("step "), 60000);
        training.terminate(); // as Ctrl-C: the run stops and says it cannot continue
        QVERIFY(training.waitForFinished(60000));
        QCOMPARE(training.exitCode(), 130);
        progress += training.readAllStandardError();
        QVERIFY2(progress.contains("wrote no checkpoint"), progress.constData());
        const CliResult before = runLadder({QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--db"), db},
            m_environment);

        const CliResult resume = runLadder(
            {QStringLiteral("train"), QStringLiteral("--resume"), QStringLiteral("1"), QStringLiteral("--db"), db},
            m_environment);
        QCOMPARE(resume.exitCode, 1);
        QVERIFY2(resume.err.contains(QStringLiteral("run 1 has no checkpoint to continue from")), qPrintable(resume.err));
        const CliResult after = runLadder({QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--db"), db},
            m_environment);
        QCOMPARE(after.out, before.out);
        QVERIFY(after.out.contains(QStringLiteral("stopped")));
    }

    void pathsInAConfigurationAreItsFoldersOwn()
    {
        QDir(m_dir.path()).mkpath(QStringLiteral("project/data"));
        QByteArray rows = "text\tlabel\n";
        for (int i = 0; i < 8; ++i)
            rows += i % 2 ? "good\tpositive\n" : "bad\tnegative\n";
        writeFile(m_dir, QStringLiteral("project/data/train.tsv"), rows);
        const QString config = writeFile(m_dir, QStringLiteral("project/run.json"),
            R"({"task": {"kind": "file", "train": "data/train.tsv", "text_columns": ["text"],
                "validation": "data/missing.tsv"}})");
        QProcess process;
        process.setProcessEnvironment(m_environment);
        process.setWorkingDirectory(QDir::tempPath()); // anywhere but the configuration's folder
        process.start(QStringLiteral(LADDER_BIN_DIR "/ladder"), {QStringLiteral("data"), config});
        QVERIFY(process.waitForFinished(60000));
        // The training file was found beside the configuration; the missing one is named in full.
        const QString error = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(error.contains(m_dir.filePath(QStringLiteral("project/data/missing.tsv"))), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("train.tsv")), qPrintable(error));
    }

    void errorsCarryNoLibraryCodes()
    {
        const QString broken = writeFile(m_dir, QStringLiteral("broken.json"), "{\"backbone\": {");
        const CliResult run = runLadder({QStringLiteral("plan"), broken}, m_environment);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(broken + QStringLiteral(": not valid JSON")), qPrintable(run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("json.exception")), qPrintable(run.err));
    }

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QString m_config;
};

QTEST_GUILESS_MAIN(TestCliMistakes)
#include "test_cli_mistakes.moc"
