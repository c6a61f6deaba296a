// SPDX-License-Identifier: GPL-3.0-or-later
// The queue's dock view: "Parallel runs" sets how many runs train at once and is remembered;
// Move up, Move down, Pause/Resume and Cancel act on the selected entry and are offered only
// where they apply; the table shows entries in every state.

#include "TinyRun.h"
#include "queue/MethodComparison.h"
#include "queue/QueueView.h"
#include "queue/RunQueue.h"
#include "queue/RunQueueModel.h"
#include "run/TrainingSession.h"
#include "settings/WorkbenchSettings.h"

#include <QAction>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using ladder::QueueEntryState;
using ladder::QueueView;
using ladder::RunQueue;

namespace {

constexpr int kRunTimeoutMs = 300000;

/// Waits until the entry's run has done at least `steps` steps.
bool waitForStep(RunQueue &queue, qint64 id, qint64 steps)
{
    return QTest::qWaitFor([&] { return queue.entry(id)->step >= steps; }, kRunTimeoutMs);
}

} // namespace

class TestQueueView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("LADDER_CACHE_DIR", m_dir.filePath(QStringLiteral("cache")).toUtf8());
    }

    void parallelRunsSetsTheQueueAndIsRemembered()
    {
        const QString file = m_dir.filePath(QStringLiteral("parallel.ini"));
        {
            ladder::WorkbenchSettings settings(file);
            settings.setParallelRuns(2);
        }
        ladder::WorkbenchSettings settings(file);
        RunQueue queue(QString(), 1);
        QueueView view(&queue, &settings);
        auto *spin = view.findChild<QSpinBox *>(QStringLiteral("parallelRuns"));
        QVERIFY(spin);
        QCOMPARE(spin->value(), 2);
        QCOMPARE(queue.maxConcurrent(), 2);
        spin->setValue(1);
        QCOMPARE(queue.maxConcurrent(), 1);
        settings.sync();
        QCOMPARE(ladder::WorkbenchSettings(file).parallelRuns(), 1);
    }

    void actionsApplyToTheSelectedEntryWhereTheyMakeSense()
    {
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("actions.ini")));
        RunQueue queue(QString(), 1);
        QueueView view(&queue, &settings);
        const qint64 running = queue.enqueue(tinyRun("running", 100000));
        const qint64 second = queue.enqueue(tinyRun("second", 2));
        const qint64 third = queue.enqueue(tinyRun("third", 2));

        view.selectEntry(third);
        QVERIFY(view.moveUpAction()->isEnabled());
        QVERIFY(!view.moveDownAction()->isEnabled());
        QVERIFY(!view.pauseAction()->isEnabled()); // not training
        QVERIFY(view.cancelAction()->isEnabled());
        view.moveUpAction()->trigger();
        QCOMPARE(queue.entryIds(), QVector<qint64>({running, third, second}));
        QCOMPARE(view.selectedEntry(), third); // the selection follows the moved row
        QVERIFY(!view.moveUpAction()->isEnabled()); // the run above has started

        view.selectEntry(second);
        view.cancelAction()->trigger();
        QCOMPARE(queue.entry(second)->state, QueueEntryState::Cancelled);
        QVERIFY(!view.cancelAction()->isEnabled());
        QVERIFY(view.clearEndedAction()->isEnabled());

        view.selectEntry(running);
        QVERIFY(!view.moveUpAction()->isEnabled());
        QVERIFY(view.pauseAction()->isEnabled());
        QCOMPARE(view.pauseAction()->text(), QStringLiteral("Pause"));
        view.pauseAction()->trigger();
        QVERIFY(queue.entry(running)->pauseRequested);
        QCOMPARE(view.pauseAction()->text(), QStringLiteral("Resume"));
        QTRY_COMPARE_WITH_TIMEOUT(queue.entry(running)->state, QueueEntryState::Paused, kRunTimeoutMs);
        view.pauseAction()->trigger();
        QVERIFY(!queue.entry(running)->pauseRequested);
        QTRY_COMPARE_WITH_TIMEOUT(queue.entry(running)->state, QueueEntryState::Running, kRunTimeoutMs);

        QSignalSpy idle(&queue, &RunQueue::idle);
        view.cancelAction()->trigger();
        QVERIFY(idle.wait(kRunTimeoutMs));
        QCOMPARE(queue.entry(running)->state, QueueEntryState::Stopped);
        QCOMPARE(queue.entry(third)->state, QueueEntryState::Finished);
        view.clearEndedAction()->trigger();
        QCOMPARE(view.model()->rowCount(), 0);
    }

    void tableShowsEntriesInEveryState()
    {
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("states.ini")));
        settings.setParallelRuns(2);
        RunQueue queue(m_dir.filePath(QStringLiteral("states.sqlite")));
        QueueView view(&queue, &settings);
        view.resize(1000, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy idle(&queue, &RunQueue::idle);

        // The demo's comparison at the demo's length, shortened where a run must end.
        ladder::RunConfig base = tinyRun("", 600);
        base.train.evalEvery = 50;
        const std::vector<ladder::RunConfig> compared = ladder::methodComparisonConfigs(base,
            {ladder::MethodKind::Full, ladder::MethodKind::Lst, ladder::MethodKind::Lora, ladder::MethodKind::Adapter,
                ladder::MethodKind::BitFit, ladder::MethodKind::Prompt},
            ladder::demoLearningRates());
        ladder::RunConfig finished = compared[0];
        finished.train.maxSteps = 20;
        ladder::RunConfig failed = compared[4];
        failed.task.kind = "file";
        failed.task.train = m_dir.filePath(QStringLiteral("missing/train.tsv")).toStdString();
        const qint64 finishedId = queue.enqueue(finished);
        const qint64 failedId = queue.enqueue(failed);
        QVERIFY(idle.wait(kRunTimeoutMs));
        QCOMPARE(queue.entry(finishedId)->state, QueueEntryState::Finished);
        QCOMPARE(queue.entry(failedId)->state, QueueEntryState::Failed);
        QVERIFY(!queue.entry(failedId)->message.isEmpty());

        const qint64 stoppedId = queue.enqueue(compared[1]);
        QVERIFY(waitForStep(queue, stoppedId, 40));
        queue.cancel(stoppedId);
        QVERIFY(idle.wait(kRunTimeoutMs));

        const qint64 runningId = queue.enqueue(compared[2]);
        const qint64 pausedId = queue.enqueue(compared[3]);
        const qint64 cancelledId = queue.enqueue(compared[1]);
        queue.enqueue(compared[4]);
        queue.enqueue(compared[5]);
        queue.cancel(cancelledId);
        QVERIFY(waitForStep(queue, pausedId, 25));
        queue.setPaused(pausedId, true);
        QTRY_COMPARE_WITH_TIMEOUT(queue.entry(pausedId)->state, QueueEntryState::Paused, kRunTimeoutMs);
        QVERIFY(waitForStep(queue, runningId, 60));

        const auto stateAt = [&](qint64 id) {
            return view.model()->index(view.model()->rowOf(id), ladder::RunQueueModel::StateColumn).data().toString();
        };
        QCOMPARE(stateAt(finishedId), QStringLiteral("finished"));
        QCOMPARE(stateAt(failedId), QStringLiteral("failed"));
        QCOMPARE(stateAt(stoppedId), QStringLiteral("stopped"));
        QCOMPARE(stateAt(runningId), QStringLiteral("running"));
        QCOMPARE(stateAt(pausedId), QStringLiteral("paused"));
        QCOMPARE(stateAt(cancelledId), QStringLiteral("cancelled"));
        QCOMPARE(view.model()->rowCount(), 8);
        QCOMPARE(queue.queuedCount(), 2);

        const QString shots = QString::fromLocal8Bit(qgetenv("LADDER_SCREENSHOT_DIR"));
        view.selectEntry(pausedId);
        if (!shots.isEmpty())
            QVERIFY(view.grab().save(shots + QStringLiteral("/queue-view.png")));
        // The selected entry's message says why it failed.
        view.selectEntry(failedId);
        const auto *details = view.findChild<QLabel *>(QStringLiteral("details"));
        QVERIFY(details->isVisible());
        QVERIFY2(details->text().contains(queue.entry(failedId)->message), qPrintable(details->text()));
        if (!shots.isEmpty())
            QVERIFY(view.grab().save(shots + QStringLiteral("/queue-view-failed.png")));
        // The queue's destructor stops what still trains.
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestQueueView)
#include "test_queue_view.moc"
