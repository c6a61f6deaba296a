// SPDX-License-Identifier: GPL-3.0-or-later
// The store under the conditions training creates: the GUI reads while the training thread
// writes, and a training process killed with SIGKILL loses nothing it committed.

#include "StoreTestSupport.h"

#include "store/RunStore.h"
#include "store/RunWriter.h"
#include "util/Error.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>

#include <atomic>
#include <string>
#include <thread>

using namespace ladder;

class TestStoreConcurrency : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void aReaderReadsWhileAWriterWrites()
    {
        const std::string path = m_dir.filePath(QStringLiteral("concurrent.sqlite")).toStdString();
        RunStore reader(path);
        const RunId id = reader.createRun(test::sampleRun());

        constexpr int kBatch = 500;
        constexpr int kPoints = 100000;
        std::atomic<bool> done { false };
        std::string writerError;
        std::thread training([&] {
            try {
                RunWriterOptions options;
                options.batchRecords = kBatch;
                options.batchInterval = std::chrono::hours(1);
                RunWriter writer(path, id, options);
                for (int step = 0; step < kPoints; ++step) {
                    writer.addMetric("loss", step, 1.0 / (step + 1));
                    // Training computes between points; a writer that never pauses is no model of it.
                    if (step % 200 == 0)
                        std::this_thread::sleep_for(std::chrono::milliseconds(1));
                }
                writer.finish(RunStatus::Finished);
            } catch (const std::exception &e) {
                writerError = e.what();
            }
            done = true;
        });

        int reads = 0;
        std::size_t previous = 0;
        QString readerError;
        try {
            while (!done) {
                const std::size_t count = reader.series(id, "loss").size();
                // A reader sees whole transactions: never a part of a batch, never fewer points.
                if (count % kBatch != 0 || count < previous) {
                    readerError = QStringLiteral("read %1 points after %2").arg(count).arg(previous);
                    break;
                }
                previous = count;
                reader.downsampledSeries(id, "loss", 500);
                reader.summary(id);
                reader.listRuns();
                // The GUI also writes (tags) while training writes: the busy timeout serialises them.
                reader.addTag(id, "watched-" + std::to_string(reads % 3));
                ++reads;
            }
        } catch (const std::exception &e) {
            readerError = QString::fromStdString(e.what());
        }
        training.join(); // before any QVERIFY can return
        QVERIFY2(readerError.isEmpty(), qPrintable(readerError));
        QVERIFY2(writerError.empty(), writerError.c_str());
        QVERIFY2(reads > 3, qPrintable(QString::number(reads)));
        QCOMPARE(reader.seriesPointCount(id, "loss"), std::size_t(kPoints));
        QCOMPARE(reader.run(id).status, RunStatus::Finished);
        qInfo("%d reads while %d points were written", reads, kPoints);
    }

    void aRunKilledMidWriteKeepsEveryCommittedPointAndIsInterrupted()
    {
        const std::string path = m_dir.filePath(QStringLiteral("killed.sqlite")).toStdString();
        QProcess child;
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.start(QStringLiteral(LADDER_BIN_DIR "/store_crash_writer"),
            { QString::fromStdString(path), QStringLiteral("700") });
        QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));

        RunId id = 0;
        long long reported = 0;
        int commits = 0;
        QByteArray pending;
        // Let it commit a good number of batches, then kill it without warning.
        while (commits < 40) {
            QVERIFY2(child.waitForReadyRead(20000), "store_crash_writer printed nothing for 20 s");
            pending += child.readAllStandardOutput();
            int newline = 0;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(newline);
                pending.remove(0, newline + 1);
                if (line.startsWith("run "))
                    id = line.mid(4).toLongLong();
                else if (line.startsWith("committed ")) {
                    reported = line.mid(10).toLongLong();
                    ++commits;
                }
            }
        }
        QVERIFY(::kill(static_cast<pid_t>(child.processId()), SIGKILL) == 0);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        // Lines printed between our last read and the kill are commits too.
        pending += child.readAllStandardOutput();
        for (const QByteArray &line : pending.split('\n')) {
            if (line.startsWith("committed "))
                reported = line.mid(10).toLongLong();
        }
        QVERIFY(id > 0);
        QVERIFY(reported >= 40 * 700);

        // Before anything repairs it: the file as the kill left it must be sound.
        QCOMPARE(test::queryText(path, "PRAGMA integrity_check"), std::string("ok"));

        RunStore store(path);
        QCOMPARE(store.run(id).status, RunStatus::Interrupted);
        QCOMPARE(store.recoveredRuns(), std::vector<RunId> { id });
        const std::vector<SeriesPoint> points = store.series(id, "loss");
        QVERIFY2(points.size() >= static_cast<std::size_t>(reported),
            qPrintable(QStringLiteral("%1 points stored, %2 reported committed").arg(points.size()).arg(reported)));
        for (std::size_t i = 0; i < static_cast<std::size_t>(reported); ++i) {
            if (points[i].step != static_cast<std::int64_t>(i) || points[i].value != 1.0 / static_cast<double>(i + 1))
                QFAIL(qPrintable(QStringLiteral("point %1 is wrong or missing").arg(i)));
        }
        qInfo("%lld points reported committed before the kill, %zu found", reported, points.size());
        // The run can go on under the same id.
        const ResumePoint resume = store.prepareResume(id);
        QVERIFY(!resume.checkpoint);
        RunWriter writer(path, id);
        QCOMPARE(store.run(id).status, RunStatus::Running);
        writer.finish(RunStatus::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestStoreConcurrency)
#include "test_store_concurrency.moc"
