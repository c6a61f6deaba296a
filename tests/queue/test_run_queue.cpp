// SPDX-License-Identifier: GPL-3.0-or-later
// The run queue: Compare methods' configurations differ only in the method and its learning rate;
// queued runs train for real, in queue order, one at a time (or N), and are stored; a cancelled
// queued run never starts, a cancelled training run ends stopped; moving reorders what starts
// next; the table model follows the queue row by row.

#include "TinyRun.h"
#include "queue/MethodComparison.h"
#include "queue/RunQueue.h"
#include "queue/RunQueueModel.h"
#include "run/TrainingSession.h"
#include "store/ConfigDiff.h"
#include "store/RunStore.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using ladder::MethodKind;
using ladder::QueueEntryState;
using ladder::RunQueue;

namespace {

constexpr int kRunTimeoutMs = 300000; // a generous bound for a few tiny runs on a busy machine

/// What the queue did, in the order it did it: "start NAME", "end NAME status".
class QueueLog : public QObject
{
public:
    explicit QueueLog(RunQueue *queue)
    {
        connect(queue, &RunQueue::entryStarted, this, [this, queue](qint64 id, ladder::TrainingSession *session) {
            QVERIFY(session != nullptr);
            QCOMPARE(queue->session(id), session);
            events.append(QStringLiteral("start ") + queue->entry(id)->name);
        });
        connect(queue, &RunQueue::entryFinished, this, [this, queue](qint64 id, const ladder::TrainResult &result) {
            events.append(QStringLiteral("end ") + queue->entry(id)->name + QLatin1Char(' ')
                + QString::fromStdString(ladder::trainerStatusName(result.status)));
        });
    }
    QStringList events;
};

int storedThreads(const ladder::RunRecord &run)
{
    return ladder::RunConfig::fromJson(run.configJson, "stored run").train.threads;
}

} // namespace

class TestRunQueue : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Trained vocabularies go to this test's folder, not the user's cache.
        qputenv("LADDER_CACHE_DIR", m_dir.filePath(QStringLiteral("cache")).toUtf8());
    }

    void comparisonConfigsDifferOnlyInMethodAndLearningRate()
    {
        ladder::RunConfig base = tinyRun("designed", 40);
        base.method.lora.rank = 4; // a designer's knob must not leak into the compared LoRA run
        base.train.seed = 7;
        const std::vector<MethodKind> methods{
            MethodKind::Lst, MethodKind::Adapter, MethodKind::Lora, MethodKind::BitFit};
        const QMap<QString, double> rates{{QStringLiteral("lst"), 1e-2}, {QStringLiteral("adapter"), 3e-2}};
        const std::vector<ladder::RunConfig> configs = ladder::methodComparisonConfigs(base, methods, rates);

        QCOMPARE(configs.size(), methods.size());
        const double expectedRates[] = {1e-2, 3e-2, ladder::defaultLearningRate(MethodKind::Lora),
            ladder::defaultLearningRate(MethodKind::BitFit)};
        for (std::size_t i = 0; i < configs.size(); ++i) {
            const ladder::RunConfig &config = configs[i];
            QCOMPARE(config.method.kind, methods[i]);
            ladder::MethodConfig defaults;
            defaults.kind = methods[i];
            QCOMPARE(config.method.toJson(), defaults.toJson());
            QCOMPARE(config.train.learningRate, expectedRates[i]);
            QVERIFY(config.name.empty()); // stored under its descriptive default name

            // Against the base: the method block, the rate and the (cleared) name, nothing else.
            for (const ladder::ConfigChange &change : ladder::diffConfigs(base.toJson(), config.toJson())) {
                const bool allowed = change.path.rfind("/method/", 0) == 0 || change.path == "/train/learning_rate"
                    || change.path == "/name";
                QVERIFY2(allowed, change.path.c_str());
            }
            // Against each other: only the method block and the rate.
            for (const ladder::ConfigChange &change : ladder::diffConfigs(configs[0].toJson(), config.toJson())) {
                const bool allowed = change.path.rfind("/method/", 0) == 0 || change.path == "/train/learning_rate";
                QVERIFY2(allowed, change.path.c_str());
            }
            QCOMPARE(config.train.seed, uint64_t(7));
            QCOMPARE(config.backbone.preset, base.backbone.preset);
            QCOMPARE(config.task.name, base.task.name);
        }
        // Each differs from the first in the method kind and, where the rates differ, the rate.
        const auto changes = ladder::diffConfigs(configs[0].toJson(), configs[1].toJson());
        const auto changed = [&changes](const std::string &path) {
            return std::any_of(changes.begin(), changes.end(), [&path](const auto &c) { return c.path == path; });
        };
        QVERIFY(changed("/method/kind"));
        QVERIFY(changed("/train/learning_rate"));
    }

    void comparisonRatesAreMeasuredOnesForTeachingBackbones()
    {
        ladder::BackboneConfig tiny;
        tiny.preset = "wordnet-t5-tiny";
        ladder::BackboneConfig base;
        base.preset = "t5-base";
        const QMap<QString, double> measured = ladder::defaultComparisonRates(tiny);
        const QMap<QString, double> paper = ladder::defaultComparisonRates(base);
        for (const MethodKind kind : ladder::allMethodKinds()) {
            const QString code = QString::fromStdString(ladder::methodName(kind));
            QVERIFY2(measured.value(code) > 0, qPrintable(code));
            QCOMPARE(paper.value(code), ladder::defaultLearningRate(kind));
        }
        // The demo trains LST on wordnet-t5-tiny at 1e-2 (RunDesigner::demoConfig).
        QCOMPARE(measured.value(QStringLiteral("lst")), ladder::RunDesigner::demoConfig().train.learningRate);
    }

    void threeQueuedRunsFinishInOrderAndAreStored()
    {
        const QString db = m_dir.filePath(QStringLiteral("order.sqlite"));
        RunQueue queue(db, 1);
        ladder::RunQueueModel model(&queue);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QueueLog log(&queue);
        QSignalSpy idle(&queue, &RunQueue::idle);

        const QStringList names{QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("third")};
        QVector<qint64> ids;
        for (const QString &name : names)
            ids.append(queue.enqueue(tinyRun(name.toStdString(), 4)));
        QCOMPARE(queue.trainingCount(), 1); // one at a time by default
        QCOMPARE(queue.entry(ids[0])->state, QueueEntryState::Preparing);
        QCOMPARE(queue.entry(ids[1])->state, QueueEntryState::Queued);
        QCOMPARE(model.rowCount(), 3);

        QVERIFY(idle.wait(kRunTimeoutMs));
        QCOMPARE(log.events,
            QStringList({QStringLiteral("start first"), QStringLiteral("end first finished"),
                QStringLiteral("start second"), QStringLiteral("end second finished"),
                QStringLiteral("start third"), QStringLiteral("end third finished")}));

        const ladder::RunStore store(db.toStdString());
        const std::vector<ladder::RunRecord> runs = store.listRuns();
        QCOMPARE(runs.size(), std::size_t(3));
        for (int i = 0; i < 3; ++i) {
            const ladder::QueueEntry *entry = queue.entry(ids[i]);
            QCOMPARE(entry->state, QueueEntryState::Finished);
            QCOMPARE(entry->step, qint64(4));
            QCOMPARE(entry->totalSteps, qint64(4));
            QCOMPARE(runs[std::size_t(i)].id, entry->runId);
            QCOMPARE(QString::fromStdString(runs[std::size_t(i)].name), names[i]);
            QCOMPARE(runs[std::size_t(i)].status, ladder::RunStatus::Finished);
            QCOMPARE(store.seriesPointCount(entry->runId, "loss"), std::size_t(4));

            // The model shows the same, row by row.
            QCOMPARE(model.entryIdAt(i), ids[i]);
            QCOMPARE(model.index(i, ladder::RunQueueModel::NameColumn).data().toString(), names[i]);
            QCOMPARE(
                model.index(i, ladder::RunQueueModel::MethodColumn).data().toString(), QStringLiteral("lora r=32"));
            QCOMPARE(model.index(i, ladder::RunQueueModel::StateColumn).data().toString(),
                ladder::queueEntryStateText(QueueEntryState::Finished));
            QCOMPARE(model.index(i, ladder::RunQueueModel::ProgressColumn).data().toString(), QStringLiteral("4 / 4"));
            QCOMPARE(model.index(i, ladder::RunQueueModel::RunIdColumn).data().toLongLong(), entry->runId);
        }
        QCOMPARE(idle.count(), 1);

        // Ended entries can be cleared from the list; the model drops their rows.
        queue.clearEnded();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(queue.entryIds().isEmpty());
    }

    void anUnnamedRunIsListedAndStoredUnderItsDefaultName()
    {
        const QString db = m_dir.filePath(QStringLiteral("names.sqlite"));
        RunQueue queue(db, 1);
        QSignalSpy idle(&queue, &RunQueue::idle);
        const qint64 id = queue.enqueue(tinyRun("", 2));
        const QString name = queue.entry(id)->name;
        QCOMPARE(name, QStringLiteral("lora r=32 · wordnet-t5-tiny · wordnet-lexname"));
        QVERIFY(idle.wait(kRunTimeoutMs));
        QCOMPARE(QString::fromStdString(ladder::RunStore(db.toStdString()).run(queue.entry(id)->runId).name), name);
    }

    void cancelledQueuedEntryNeverStartsAndCancelledRunEndsStopped()
    {
        const QString db = m_dir.filePath(QStringLiteral("cancel.sqlite"));
        RunQueue queue(db, 1);
        QueueLog log(&queue);
        QSignalSpy idle(&queue, &RunQueue::idle);
        const qint64 running = queue.enqueue(tinyRun("long", 100000));
        const qint64 skipped = queue.enqueue(tinyRun("skipped", 2));
        const qint64 last = queue.enqueue(tinyRun("last", 2));

        QVERIFY(queue.cancel(skipped));
        QCOMPARE(queue.entry(skipped)->state, QueueEntryState::Cancelled);
        QVERIFY(!queue.cancel(skipped)); // already ended

        // Cancel the training run once it is really training: it ends stopped, the next starts.
        QSignalSpy steps(queue.session(running), &ladder::TrainingSession::stepFinished);
        QVERIFY(steps.wait(kRunTimeoutMs));
        QVERIFY(queue.cancel(running));
        QVERIFY(idle.wait(kRunTimeoutMs));

        QCOMPARE(log.events,
            QStringList({QStringLiteral("start long"), QStringLiteral("end long stopped"), QStringLiteral("start last"),
                QStringLiteral("end last finished")}));
        QCOMPARE(queue.entry(running)->state, QueueEntryState::Stopped);
        QCOMPARE(queue.entry(skipped)->state, QueueEntryState::Cancelled);
        QCOMPARE(queue.entry(skipped)->runId, qint64(0));
        QCOMPARE(queue.entry(last)->state, QueueEntryState::Finished);

        const ladder::RunStore store(db.toStdString());
        const std::vector<ladder::RunRecord> runs = store.listRuns();
        QCOMPARE(runs.size(), std::size_t(2)); // the cancelled one was never created
        QCOMPARE(runs[0].status, ladder::RunStatus::Stopped);
        QCOMPARE(runs[1].name, std::string("last"));
    }

    void aStoppedRunResumesFromItsCheckpointUnderItsId()
    {
        const QString db = m_dir.filePath(QStringLiteral("resume.sqlite"));
        RunQueue queue(db, 1);
        QSignalSpy finished(&queue, &RunQueue::entryFinished);
        ladder::RunConfig config = tinyRun("resumable", 12);
        config.train.checkpointEvery = 4;
        config.train.outputDir = m_dir.filePath(QStringLiteral("resume-out")).toStdString();
        const qint64 first = queue.enqueue(config);
        // Stop it once a checkpoint exists (after step 4, before the end).
        connect(queue.session(first), &ladder::TrainingSession::stepFinished, this,
            [&](const ladder::StepMetrics &metrics) {
                if (metrics.step == 6)
                    queue.cancel(first);
            });
        QVERIFY(finished.wait(kRunTimeoutMs));
        const qint64 run = queue.entry(first)->runId;
        QCOMPARE(queue.entry(first)->state, QueueEntryState::Stopped);
        {
            const ladder::RunStore store(db.toStdString());
            QCOMPARE(store.lastCheckpoint(run).value().step, int64_t(4));
        }

        QString error;
        const qint64 resumed = queue.enqueueResume(run, &error);
        QVERIFY2(resumed > 0, qPrintable(error));
        QCOMPARE(queue.entry(resumed)->name, QStringLiteral("resumable"));
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(queue.entry(resumed)->state, QueueEntryState::Finished);
        QCOMPARE(queue.entry(resumed)->runId, run);

        // One stored run, finished, with every step once: 1–4 before the stop, 5–12 after.
        const ladder::RunStore store(db.toStdString());
        QCOMPARE(store.listRuns().size(), std::size_t(1));
        QCOMPARE(store.run(run).status, ladder::RunStatus::Finished);
        const std::vector<ladder::SeriesPoint> loss = store.series(run, "loss");
        QCOMPARE(loss.size(), std::size_t(12));
        for (std::size_t i = 0; i < loss.size(); ++i)
            QCOMPARE(loss[i].step, static_cast<int64_t>(i + 1));

        // A finished run cannot continue: the entry fails at once, with the store's reason.
        const qint64 again = queue.enqueueResume(run, &error);
        QCOMPARE(finished.size(), 3);
        QCOMPARE(queue.entry(again)->state, QueueEntryState::Failed);
        QVERIFY2(queue.entry(again)->message.contains(QStringLiteral("finished")), qPrintable(queue.entry(again)->message));
        // An unknown run is refused at once.
        QCOMPARE(queue.enqueueResume(4242, &error), qint64(0));
        QVERIFY2(error.contains(QStringLiteral("4242")), qPrintable(error));
    }

    void moveUpChangesWhichRunStartsNext()
    {
        RunQueue queue(QString(), 1); // not recorded: the order is what is tested
        ladder::RunQueueModel model(&queue);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QueueLog log(&queue);
        QSignalSpy idle(&queue, &RunQueue::idle);
        const qint64 a = queue.enqueue(tinyRun("a", 100000));
        const qint64 b = queue.enqueue(tinyRun("b", 2));
        const qint64 c = queue.enqueue(tinyRun("c", 2));

        QVERIFY(queue.moveUp(c));
        QCOMPARE(queue.entryIds(), QVector<qint64>({a, c, b}));
        QCOMPARE(model.entryIdAt(1), c);
        QCOMPARE(model.index(1, ladder::RunQueueModel::NameColumn).data().toString(), QStringLiteral("c"));
        QCOMPARE(model.index(2, ladder::RunQueueModel::NameColumn).data().toString(), QStringLiteral("b"));
        QVERIFY(!queue.moveUp(c)); // never ahead of a run that started
        QVERIFY(!queue.moveUp(a)); // a started run keeps its place
        QVERIFY(!queue.moveDown(b)); // already last
        QVERIFY(queue.moveDown(c));
        QVERIFY(queue.moveUp(c));
        QCOMPARE(queue.entryIds(), QVector<qint64>({a, c, b}));

        QVERIFY(queue.cancel(a));
        QVERIFY(idle.wait(kRunTimeoutMs));
        QCOMPARE(log.events,
            QStringList({QStringLiteral("start a"), QStringLiteral("end a stopped"), QStringLiteral("start c"),
                QStringLiteral("end c finished"), QStringLiteral("start b"), QStringLiteral("end b finished")}));
    }

    void twoParallelRunsTrainAtOnceWithTheCoresSplit()
    {
        const QString db = m_dir.filePath(QStringLiteral("parallel.sqlite"));
        RunQueue queue(db, 2);
        QueueLog log(&queue);
        QSignalSpy idle(&queue, &RunQueue::idle);
        auto automaticThreads = [](const std::string &name) {
            ladder::RunConfig config = tinyRun(name, 6);
            config.train.threads = 0; // the queue chooses
            return config;
        };
        const qint64 a = queue.enqueue(automaticThreads("a"));
        const qint64 b = queue.enqueue(automaticThreads("b"));
        const qint64 c = queue.enqueue(tinyRun("c", 2)); // sets its threads: kept
        QCOMPARE(queue.trainingCount(), 2);
        QCOMPARE(queue.entry(c)->state, QueueEntryState::Queued);
        QVERIFY(idle.wait(kRunTimeoutMs));

        // Both started before either ended; the third waited for a free slot.
        QCOMPARE(log.events.mid(0, 2), QStringList({QStringLiteral("start a"), QStringLiteral("start b")}));
        QVERIFY(log.events.at(2).startsWith(QStringLiteral("end ")));
        QCOMPARE(log.events.at(3), QStringLiteral("start c"));

        const ladder::RunStore store(db.toStdString());
        const int split = std::max(1, ladder::TrainingSession::windowThreads(0) / 2);
        QCOMPARE(storedThreads(store.run(queue.entry(a)->runId)), split);
        QCOMPARE(storedThreads(store.run(queue.entry(b)->runId)), split);
        QCOMPARE(storedThreads(store.run(queue.entry(c)->runId)), 1);
        for (const qint64 id : {a, b, c})
            QCOMPARE(store.run(queue.entry(id)->runId).status, ladder::RunStatus::Finished);
    }

    void pausedRunWaitsAndCanStillBeCancelled()
    {
        RunQueue queue(QString(), 1);
        const qint64 id = queue.enqueue(tinyRun("paused", 100000));
        QSignalSpy steps(queue.session(id), &ladder::TrainingSession::stepFinished);
        QVERIFY(steps.wait(kRunTimeoutMs));
        QVERIFY(queue.setPaused(id, true));
        QTRY_COMPARE_WITH_TIMEOUT(queue.entry(id)->state, QueueEntryState::Paused, kRunTimeoutMs);
        QVERIFY(queue.entry(id)->pauseRequested);

        QSignalSpy finished(&queue, &RunQueue::entryFinished);
        QVERIFY(queue.cancel(id));
        QVERIFY(!queue.setPaused(id, false)); // a run being stopped is not resumed
        QVERIFY(finished.wait(kRunTimeoutMs));
        QCOMPARE(finished.first().at(1).value<ladder::TrainResult>().status, ladder::TrainerStatus::Stopped);
        QCOMPARE(queue.entry(id)->state, QueueEntryState::Stopped);
    }

    void aRunTheStoreRefusesFailsAndTheQueueGoesOn()
    {
        // A store path under a plain file cannot be created.
        const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        RunQueue queue(blocker + QStringLiteral("/runs.sqlite"), 1);
        QSignalSpy finished(&queue, &RunQueue::entryFinished);
        const qint64 first = queue.enqueue(tinyRun("refused", 2));
        const qint64 second = queue.enqueue(tinyRun("also refused", 2));
        QCOMPARE(finished.count(), 2); // both refused at once, in order
        QCOMPARE(finished.at(0).at(0).toLongLong(), first);
        QCOMPARE(finished.at(1).at(0).toLongLong(), second);
        const auto result = finished.at(0).at(1).value<ladder::TrainResult>();
        QCOMPARE(result.status, ladder::TrainerStatus::Failed);
        QVERIFY(!result.message.empty());
        QCOMPARE(queue.entry(first)->state, QueueEntryState::Failed);
        QCOMPARE(queue.entry(first)->message, QString::fromStdString(result.message));
        QCOMPARE(queue.trainingCount(), 0);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestRunQueue)
#include "test_run_queue.moc"
