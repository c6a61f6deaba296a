// SPDX-License-Identifier: GPL-3.0-or-later
// Trainer::run stops during preparation too: a stop requested before the run, at any preparation
// stage, or from another thread while a stage works ends the run Stopped with no step run, and
// the stored run is marked stopped.
#include "TrainerTestSupport.h"

#include "store/RunStore.h"
#include "train/RunRecorder.h"

#include <QtTest>

#include <thread>

using namespace ladder;
using namespace ladder::testing;

namespace {

/// Records like RecordingObserver, and calls `onPreparing` with each preparation stage.
class StageObserver : public RecordingObserver
{
public:
    void statusChanged(TrainerStatus status, const std::string &message) override
    {
        RecordingObserver::statusChanged(status, message);
        if (status == TrainerStatus::Preparing) {
            stages.push_back(message);
            if (onPreparing)
                onPreparing(message);
        }
    }

    std::vector<std::string> stages;
    std::function<void(const std::string &)> onPreparing;
};

/// t5-tiny (a preset: random weights, a vocabulary trained on the task) with LST's Fisher
/// initialisation, so every preparation stage runs.
RunConfig everyStageRun()
{
    RunConfig config = tinyRun(MethodKind::Lst, 5);
    config.method.lst.init = SideInit::Fisher;
    config.method.lst.fisherSamples = 256;
    return config;
}

bool contains(const std::vector<std::string> &values, const std::string &value)
{
    return std::find(values.begin(), values.end(), value) != values.end();
}

} // namespace

class TestTrainerStop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cache.isValid());
        useCacheIn(m_cache);
    }

    void reportsEveryPreparationStage()
    {
        StageObserver observer;
        RunControl control;
        const TrainResult result = Trainer::run(everyStageRun(), observer, control);
        QVERIFY2(result.status == TrainerStatus::Finished, result.message.c_str());
        for (const char *stage : { "loading the task", "preparing the vocabulary", "tokenizing the task",
                 "initialising the backbone's random weights", "applying lst" })
            QVERIFY2(contains(observer.stages, stage), stage);
    }

    void stopBeforeTheRunEndsItBeforeAnyStage()
    {
        StageObserver observer;
        RunControl control;
        control.requestStop();
        const TrainResult result = Trainer::run(everyStageRun(), observer, control);
        QCOMPARE(result.status, TrainerStatus::Stopped);
        QCOMPARE(result.steps, int64_t(0));
        QVERIFY(observer.steps.empty());
        QCOMPARE(observer.preparation.totalSteps, int64_t(0)); // prepared() never came
        QCOMPARE(observer.statuses.back(), TrainerStatus::Stopped);
        QCOMPARE(observer.stages, std::vector<std::string> { std::string() }); // only the opening status
    }

    void stopAtAStageEndsTheRunThere_data()
    {
        QTest::addColumn<QString>("stage");
        QTest::newRow("task") << QStringLiteral("loading the task");
        QTest::newRow("vocabulary") << QStringLiteral("preparing the vocabulary");
        QTest::newRow("tokenizing") << QStringLiteral("tokenizing the task");
        QTest::newRow("random weights") << QStringLiteral("initialising the backbone's random weights");
        QTest::newRow("fisher") << QStringLiteral("applying lst");
    }

    void stopAtAStageEndsTheRunThere()
    {
        QFETCH(QString, stage);
        const std::string asked = stage.toStdString();
        StageObserver observer;
        RunControl control;
        observer.onPreparing = [&](const std::string &current) {
            if (current == asked)
                control.requestStop();
        };
        const TrainResult result = Trainer::run(everyStageRun(), observer, control);
        QCOMPARE(result.status, TrainerStatus::Stopped);
        QCOMPARE(result.steps, int64_t(0));
        QVERIFY(observer.steps.empty());
        QCOMPARE(result.message, "stopped while " + asked);
        // No later stage began.
        QCOMPARE(observer.stages.back(), asked);
        QCOMPARE(observer.statuses.back(), TrainerStatus::Stopped);
    }

    // The GUI's case: the stop comes from another thread while a stage is working.
    void stopFromAnotherThreadWhilePreparingEndsTheRunStored()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string database = dir.filePath(QStringLiteral("runs.sqlite")).toStdString();
        const RunConfig config = everyStageRun();
        const RunId run = RunStore(database).createRun(runRecordFor(config));

        StageObserver observer;
        RunControl control;
        std::thread stopper;
        observer.onPreparing = [&](const std::string &current) {
            if (current == "applying lst" && !stopper.joinable())
                stopper = std::thread([&control] { control.requestStop(); });
        };
        TrainResult result;
        {
            RunRecorder recorder(database, run);
            ObserverPair both(observer, recorder);
            result = Trainer::run(config, both, control);
            recorder.finish(result.status);
        }
        stopper.join();
        QCOMPARE(result.status, TrainerStatus::Stopped);
        QCOMPARE(result.steps, int64_t(0));
        QVERIFY(observer.steps.empty());

        const RunStore store(database);
        QCOMPARE(store.run(run).status, RunStatus::Stopped);
        QVERIFY(store.series(run, "loss").empty());
    }

private:
    QTemporaryDir m_cache;
};

QTEST_GUILESS_MAIN(TestTrainerStop)
#include "test_trainer_stop.moc"
