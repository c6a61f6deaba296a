// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the trainer tests: a small run on t5-tiny and an observer that records everything.
#pragma once

#include "train/RunConfig.h"
#include "train/Trainer.h"

#include <QTemporaryDir>

#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace ladder::testing {

/// t5-tiny on the polarity demo task, small enough for seconds per run on 2 cores.
inline RunConfig tinyRun(MethodKind method, int64_t steps)
{
    RunConfig config;
    config.name = "test";
    config.backbone.preset = "t5-tiny";
    config.method.kind = method;
    config.task.kind = "demo";
    config.task.name = "polarity";
    config.task.trainSize = 512;
    config.task.validationSize = 64;
    config.task.testSize = 64;
    config.train.batchSize = 16;
    config.train.maxSteps = steps;
    config.train.evalEvery = 0;
    config.train.evalTest = false;
    config.train.maxSourceLength = 32;
    config.train.maxTargetLength = 8;
    config.train.threads = 1; // OpenMP spin-waits make 2 threads crawl on a busy 2-core machine
    config.train.seed = 0;
    return config;
}

/// Keeps the trained vocabularies of a test run out of the user's cache.
inline void useCacheIn(const QTemporaryDir &dir)
{
    ::setenv("LADDER_CACHE_DIR", dir.path().toUtf8().constData(), 1);
}

class RecordingObserver : public TrainerObserver
{
public:
    void statusChanged(TrainerStatus status, const std::string &message) override
    {
        statuses.push_back(status);
        lastMessage = message;
    }
    void prepared(const RunPreparation &p) override { preparation = p; }
    void stepFinished(const StepMetrics &metrics) override
    {
        steps.push_back(metrics);
        if (onStep)
            onStep(metrics);
    }
    void memoryMeasured(int64_t, const MemoryBreakdown &memory) override { memories.push_back(memory); }
    void evaluated(const EvaluationResult &result) override { evaluations.push_back(result); }
    void gatesMeasured(int64_t, const std::vector<double> &values) override { gates = values; }
    void checkpointWritten(int64_t step, const std::string &path) override { checkpoints.emplace_back(step, path); }
    void logLine(const std::string &line) override { log.push_back(line); }

    std::vector<TrainerStatus> statuses;
    std::string lastMessage;
    RunPreparation preparation;
    std::vector<StepMetrics> steps;
    std::vector<MemoryBreakdown> memories;
    std::vector<EvaluationResult> evaluations;
    std::vector<double> gates;
    std::vector<std::pair<int64_t, std::string>> checkpoints;
    std::vector<std::string> log;
    std::function<void(const StepMetrics &)> onStep;
};

} // namespace ladder::testing
