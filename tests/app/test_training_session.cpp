// SPDX-License-Identifier: GPL-3.0-or-later
// TrainingSession while its run prepares: Stop ends the run there (status stopped, no step, the
// stored run marked stopped), and destroying the session (closing the window) ends it too.
//
// The run's training file is a FIFO, so the run's preparation waits, deterministically, inside
// "loading the task" until the test writes the rows: the stop is requested while the run is
// certainly preparing, without any timing.

#include "designer/RunDesigner.h"
#include "run/TrainingSession.h"
#include "store/RunStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <thread>

namespace {

/// LoRA on the shipped backbone (its own vocabulary), reading a TSV training file.
ladder::RunConfig fileRun(const QString &trainFile)
{
    ladder::RunConfig config = ladder::RunDesigner::demoConfig();
    config.name = "session-test";
    config.method.kind = ladder::MethodKind::Lora;
    config.task.kind = "file";
    config.task.train = trainFile.toStdString();
    config.task.format = "tsv";
    config.task.textColumns = { "sentence" };
    config.task.labelColumn = "label";
    config.train.batchSize = 4;
    config.train.maxSteps = 1000000; // it can only end by a stop
    config.train.evalEvery = 0;
    config.train.evalTest = false;
    config.train.maxSourceLength = 32;
    config.train.threads = 1;
    return config;
}

/// Writes a small two-label task into `path` (a FIFO: blocks until the run opens it).
void writeRows(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write("sentence\tlabel\n");
    for (int i = 0; i < 32; ++i)
        file.write(i % 2 ? "a fine and good day\tpositive\n" : "a poor and bad day\tnegative\n");
}

/// On leaving a test early, opens and closes the FIFO once, so a run still waiting to open it
/// reads an empty file, fails and lets the session's destructor return instead of hanging.
class FifoRelease
{
public:
    explicit FifoRelease(QString path)
        : m_path(std::move(path))
    {
    }
    ~FifoRelease()
    {
        const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDWR | O_NONBLOCK);
        if (fd >= 0)
            ::close(fd);
    }
    FifoRelease(const FifoRelease &) = delete;
    FifoRelease &operator=(const FifoRelease &) = delete;

private:
    QString m_path;
};

/// The preparation stage a statusChanged announces ("" for other statuses).
QString preparingStage(const QList<QVariant> &arguments)
{
    return arguments.at(0).value<ladder::TrainerStatus>() == ladder::TrainerStatus::Preparing
        ? arguments.at(1).toString()
        : QString();
}

} // namespace

class TestTrainingSession : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_fifo = m_dir.filePath(QStringLiteral("train-%1.tsv").arg(m_fifoCount++));
        QCOMPARE(::mkfifo(QFile::encodeName(m_fifo).constData(), 0600), 0);
        m_database = m_dir.filePath(QStringLiteral("runs.sqlite"));
    }

    void stopWhilePreparingEndsTheRunStoppedWithoutSteps()
    {
        ladder::TrainingSession session;
        QSignalSpy status(&session, &ladder::TrainingSession::statusChanged);
        QSignalSpy steps(&session, &ladder::TrainingSession::stepFinished);
        QSignalSpy finished(&session, &ladder::TrainingSession::finished);
        const FifoRelease release(m_fifo);
        QString error;
        QVERIFY2(session.start(fileRun(m_fifo), m_database, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(
            !status.isEmpty() && preparingStage(status.last()) == QStringLiteral("loading the task"), 60000);

        session.requestStop();
        std::thread writer(writeRows, m_fifo); // lets the task load; the stop is already set
        writer.join(); // returns once the run has opened the file: the rows fit the pipe's buffer
        QVERIFY(finished.wait(120000));

        const auto result = finished.first().at(0).value<ladder::TrainResult>();
        QCOMPARE(result.status, ladder::TrainerStatus::Stopped);
        QCOMPARE(result.steps, int64_t(0));
        QCOMPARE(QString::fromStdString(result.message), QStringLiteral("stopped while loading the task"));
        QCOMPARE(steps.count(), 0);
        QCOMPARE(status.last().at(0).value<ladder::TrainerStatus>(), ladder::TrainerStatus::Stopped);
        QVERIFY(!session.isRunning());

        const ladder::RunStore store(m_database.toStdString());
        QCOMPARE(store.run(session.runId()).status, ladder::RunStatus::Stopped);
        QVERIFY(store.series(session.runId(), "loss").empty());
    }

    void automaticThreadsLeaveTheWindowACore()
    {
        const int cores = static_cast<int>(std::thread::hardware_concurrency());
        QCOMPARE(ladder::TrainingSession::windowThreads(3), 3);
        QCOMPARE(ladder::TrainingSession::windowThreads(0), std::max(1, cores - 1));

        ladder::TrainingSession session;
        QSignalSpy status(&session, &ladder::TrainingSession::statusChanged);
        QSignalSpy log(&session, &ladder::TrainingSession::logLine);
        QSignalSpy finished(&session, &ladder::TrainingSession::finished);
        const FifoRelease release(m_fifo);
        ladder::RunConfig config = fileRun(m_fifo);
        config.train.threads = 0;
        QString error;
        QVERIFY2(session.start(config, m_database, &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(
            !status.isEmpty() && preparingStage(status.last()) == QStringLiteral("loading the task"), 60000);
        session.requestStop();
        std::thread writer(writeRows, m_fifo);
        writer.join();
        QVERIFY(finished.wait(120000));

        const int expected = ladder::TrainingSession::windowThreads(0);
        QVERIFY(log.contains(QVariantList { QStringLiteral("threads: %1").arg(expected) }));
        const ladder::RunStore store(m_database.toStdString());
        const ladder::RunConfig stored = ladder::RunConfig::fromJson(store.run(session.runId()).configJson, "store");
        QCOMPARE(stored.train.threads, expected);
    }

    // Closing the window destroys the session; the run must end (stopped, recorded so) rather
    // than keep the destructor waiting for a run of a million steps.
    void destroyingTheSessionWhilePreparingStopsTheRun()
    {
        auto session = std::make_unique<ladder::TrainingSession>();
        QSignalSpy status(session.get(), &ladder::TrainingSession::statusChanged);
        const FifoRelease release(m_fifo);
        QString error;
        QVERIFY2(session->start(fileRun(m_fifo), m_database, &error), qPrintable(error));
        const qint64 run = session->runId();
        QTRY_VERIFY_WITH_TIMEOUT(
            !status.isEmpty() && preparingStage(status.last()) == QStringLiteral("loading the task"), 60000);

        std::thread writer(writeRows, m_fifo);
        session.reset();
        writer.join();

        const ladder::RunStore store(m_database.toStdString());
        QCOMPARE(store.run(run).status, ladder::RunStatus::Stopped);
    }

private:
    QTemporaryDir m_dir;
    QString m_fifo;
    QString m_database;
    int m_fifoCount = 0;
};

QTEST_MAIN(TestTrainingSession)
#include "test_training_session.moc"
