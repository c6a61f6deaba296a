// SPDX-License-Identifier: GPL-3.0-or-later
// Trainer::run: measurement, stop, resume, divergence and bad input, on t5-tiny.
#include "TrainerTestSupport.h"

#include "util/Error.h"

#include <QtTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <thread>

using namespace ladder;
using namespace ladder::testing;

class TestTrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useCacheIn(m_cache); }

    void reportsStepsMemoryAndPreparation()
    {
        RunConfig config = tinyRun(MethodKind::Lora, 3);
        RecordingObserver observer;
        RunControl control;
        const TrainResult result = Trainer::run(config, observer, control);
        QVERIFY2(result.status == TrainerStatus::Finished, result.message.c_str());
        QCOMPARE(observer.steps.size(), std::size_t(3));
        QCOMPARE(observer.steps.back().step, int64_t(3));
        QCOMPARE(observer.steps.back().totalSteps, int64_t(3));
        QVERIFY(observer.steps.back().samplesPerSecond > 0);
        QVERIFY(observer.steps.back().tokensPerSecond > observer.steps.back().samplesPerSecond);
        QCOMPARE(observer.preparation.trainExamples, int64_t(512));
        QVERIFY(observer.preparation.trainableParameters > 0);
        QVERIFY(observer.preparation.trainableParameters < observer.preparation.totalParameters);
        QVERIFY(result.vocabulary.find("trained on the task's training text") != std::string::npos);
        // Memory: every category present for LoRA, and the categories add up to the peak.
        QCOMPARE(observer.memories.size(), std::size_t(3));
        const MemoryBreakdown &memory = observer.memories.back();
        QVERIFY(memory.frozenWeights > memory.trainableWeights);
        QCOMPARE(memory.gradients, memory.trainableWeights);
        QCOMPARE(memory.optimizerState, 2 * memory.trainableWeights);
        QVERIFY(memory.activations > 0);
        QCOMPARE(memory.staticBytes() + memory.activations, memory.peak);
        QVERIFY(memory.rss > memory.peak);
        // Counted on the device the run trained on, and named so.
        QCOMPARE(memory.device, std::string("cpu"));
        QCOMPARE(observer.preparation.device, std::string("cpu"));
        QVERIFY(memory.reserved >= memory.frozenWeights + memory.trainableWeights + memory.optimizerState);
        // The final validation ran at the last step.
        QVERIFY(result.finalValidation.has_value());
        QCOMPARE(result.finalValidation->step, int64_t(3));
        QCOMPARE(observer.statuses.front(), TrainerStatus::Preparing);
        QCOMPARE(observer.statuses.back(), TrainerStatus::Finished);
    }

    void stopTakesEffectWithinOneStep()
    {
        RunConfig config = tinyRun(MethodKind::BitFit, 50);
        RecordingObserver observer;
        RunControl control;
        observer.onStep = [&](const StepMetrics &metrics) {
            if (metrics.step == 2)
                control.requestStop();
        };
        const TrainResult result = Trainer::run(config, observer, control);
        QCOMPARE(result.status, TrainerStatus::Stopped);
        QCOMPARE(result.steps, int64_t(2));
        QCOMPARE(observer.steps.size(), std::size_t(2));
    }

    void stopInsideEvaluationEndsTheRun()
    {
        RunConfig config = tinyRun(MethodKind::BitFit, 10);
        config.train.evalEvery = 1;
        config.train.evalBatchSize = 4;
        RecordingObserver observer;
        RunControl control;
        observer.onStep = [&](const StepMetrics &) { control.requestStop(); };
        const TrainResult result = Trainer::run(config, observer, control);
        QCOMPARE(result.status, TrainerStatus::Stopped);
        QCOMPARE(result.steps, int64_t(1));
        QVERIFY(observer.evaluations.empty());
    }

    void resumeReproducesTheLossCurve()
    {
        QTemporaryDir out;
        RunConfig config = tinyRun(MethodKind::Lora, 6); // LoRA has dropout: the RNG must be restored
        config.train.checkpointEvery = 3;
        config.train.outputDir = out.path().toStdString();
        config.train.warmupSteps = 2;
        RecordingObserver first;
        RunControl control;
        const TrainResult whole = Trainer::run(config, first, control);
        QVERIFY2(whole.status == TrainerStatus::Finished, whole.message.c_str());
        QCOMPARE(whole.losses.size(), std::size_t(6));
        QCOMPARE(first.checkpoints.size(), std::size_t(2));

        config.train.resumeFrom = first.checkpoints.front().second;
        RecordingObserver second;
        const TrainResult resumed = Trainer::run(config, second, control);
        QVERIFY2(resumed.status == TrainerStatus::Finished, resumed.message.c_str());
        QCOMPARE(second.preparation.startStep, int64_t(3));
        QCOMPARE(resumed.losses.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i)
            QCOMPARE(resumed.losses[i], whole.losses[i + 3]);
        QCOMPARE(second.steps.front().step, int64_t(4));
        QCOMPARE(second.steps.front().learningRate, first.steps[3].learningRate);
    }

    void divergingLossFailsWithAClearMessage()
    {
        RunConfig config = tinyRun(MethodKind::Full, 20);
        config.train.learningRate = 1e30;
        config.train.maxGradNorm = 0;
        RecordingObserver observer;
        RunControl control;
        const TrainResult result = Trainer::run(config, observer, control);
        QCOMPARE(result.status, TrainerStatus::Failed);
        QVERIFY2(result.message.find("the loss became") != std::string::npos, result.message.c_str());
        QVERIFY2(result.message.find("train.learning_rate") != std::string::npos, result.message.c_str());
        QVERIFY(result.steps < 20);
    }

    void malformedTaskFileFailsNamingFileAndLine()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("train.tsv")).toStdString();
        {
            std::ofstream out(path);
            out << "sentence\tlabel\n" << "a fine day\tpositive\n" << "no label column here\n";
        }
        RunConfig config = tinyRun(MethodKind::BitFit, 2);
        config.task.kind = "file";
        config.task.train = path;
        config.task.textColumns = {"sentence"};
        RecordingObserver observer;
        RunControl control;
        const TrainResult result = Trainer::run(config, observer, control);
        QCOMPARE(result.status, TrainerStatus::Failed);
        QVERIFY2(result.message.find(path + ":3") != std::string::npos, result.message.c_str());
    }

    void bf16RunsTheForwardUnderAutocast()
    {
        RunConfig config = tinyRun(MethodKind::Lora, 3);
        RecordingObserver fp32Observer;
        RunControl control;
        const TrainResult fp32 = Trainer::run(config, fp32Observer, control);
        QVERIFY2(fp32.status == TrainerStatus::Finished, fp32.message.c_str());

        config.train.precision = "bf16";
        config.train.evalEvery = 3;
        RecordingObserver bf16Observer;
        const TrainResult bf16 = Trainer::run(config, bf16Observer, control);
        QVERIFY2(bf16.status == TrainerStatus::Finished, bf16.message.c_str());
        QCOMPARE(bf16.losses.size(), std::size_t(3));
        // Same weights and batch: bf16 products (8 significant bits) move the first loss a little,
        // not a lot. Bit-equal would mean autocast never took effect.
        const double relative = std::abs(bf16.losses.front() - fp32.losses.front()) / fp32.losses.front();
        QVERIFY2(relative > 0.0, "bf16 produced exactly the fp32 loss: autocast did not take effect");
        QVERIFY2(relative < 0.02, std::to_string(relative).c_str());
        // Weights, gradients and AdamW state stay fp32: the static categories are unchanged.
        QCOMPARE(bf16Observer.memories.back().trainableWeights, fp32Observer.memories.back().trainableWeights);
        QCOMPARE(bf16Observer.memories.back().optimizerState, fp32Observer.memories.back().optimizerState);
        QVERIFY(bf16.finalValidation.has_value());
    }

    void pauseHoldsTheRunUntilResumed()
    {
        RunConfig config = tinyRun(MethodKind::BitFit, 4);
        RecordingObserver observer;
        RunControl control;
        std::thread releaser;
        observer.onStep = [&](const StepMetrics &metrics) {
            if (metrics.step == 2) {
                control.setPaused(true);
                releaser = std::thread([&control] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(300));
                    control.setPaused(false);
                });
            }
        };
        const auto start = std::chrono::steady_clock::now();
        const TrainResult result = Trainer::run(config, observer, control);
        const auto waited = std::chrono::steady_clock::now() - start;
        releaser.join();
        QVERIFY2(result.status == TrainerStatus::Finished, result.message.c_str());
        QCOMPARE(result.steps, int64_t(4));
        QVERIFY(waited >= std::chrono::milliseconds(300));
        // Paused after step 2, then running again, then finished.
        const auto paused = std::find(observer.statuses.begin(), observer.statuses.end(), TrainerStatus::Paused);
        QVERIFY(paused != observer.statuses.end());
        QVERIFY(paused + 1 != observer.statuses.end());
        QCOMPARE(*(paused + 1), TrainerStatus::Running);
        QCOMPARE(observer.statuses.back(), TrainerStatus::Finished);
    }

    void corruptCheckpointPositionIsAnErrorNamingTheFile()
    {
        QTemporaryDir out;
        RunConfig config = tinyRun(MethodKind::BitFit, 2);
        config.train.checkpointEvery = 2;
        config.train.outputDir = out.path().toStdString();
        RecordingObserver first;
        RunControl control;
        QVERIFY(Trainer::run(config, first, control).status == TrainerStatus::Finished);
        QCOMPARE(first.checkpoints.size(), std::size_t(1));
        const std::string position = first.checkpoints.front().second + "/position.json";
        {
            std::ofstream rewrite(position, std::ios::trunc);
            rewrite << R"({"step": 1, "epoch": 0, "micro_batch": -5, "best_score": 0, "best_step": -1})";
        }
        config.train.resumeFrom = first.checkpoints.front().second;
        RecordingObserver second;
        const TrainResult result = Trainer::run(config, second, control);
        QCOMPARE(result.status, TrainerStatus::Failed);
        QVERIFY2(result.message.find(position) != std::string::npos, result.message.c_str());
        QVERIFY2(result.message.find("micro_batch") != std::string::npos, result.message.c_str());
    }

    void gradientAccumulationCountsMicroBatches()
    {
        RunConfig config = tinyRun(MethodKind::BitFit, 2);
        config.train.gradAccumulation = 3;
        RecordingObserver observer;
        RunControl control;
        const TrainResult result = Trainer::run(config, observer, control);
        QVERIFY2(result.status == TrainerStatus::Finished, result.message.c_str());
        QCOMPARE(observer.steps.front().examples, int64_t(48));
    }

private:
    QTemporaryDir m_cache;
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
