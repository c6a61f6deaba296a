// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Runs written to a real store the way the trainer writes them (a RunWriter on its own
// connection): the GUI tests of the experiment views read them back.
//
// paperTableRuns() are the five methods of docs/pretrain.md's `wordnet-lexname` table on
// wordnet-t5-tiny (754,688 backbone parameters): its measured peak memory, test accuracy,
// samples/s and trainable share. The per-category split is derived from the parameter counts
// (fp32 weights, gradients and two AdamW moments for what trains; activations are the rest of
// the measured peak), so the categories add up to the peak as the trainer's do.

#include "store/RunStore.h"
#include "store/RunWriter.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace ladder::test {

struct RecordedRun
{
    std::string name;
    std::string methodJson; ///< the configuration's "method" object
    std::string method; ///< RunRecord::method
    std::string backbone = "wordnet-t5-tiny";
    std::string task = "wordnet-lexname";
    std::int64_t backboneParameters = 754688;
    double trainablePercent = 100; ///< of all parameters
    double peakMiB = 40;
    double testScore = 80; ///< NaN: the run has no test evaluation
    double samplesPerSecond = 1000;
    int steps = 1000;
    int evalEvery = 100;
    RunStatus status = RunStatus::Finished;
    std::vector<std::string> tags;
    bool checkpoint = false;
};

inline std::int64_t trainableParameters(const RecordedRun &spec)
{
    if (spec.trainablePercent >= 100)
        return spec.backboneParameters;
    const double share = spec.trainablePercent / 100.0;
    return static_cast<std::int64_t>(std::llround(share * static_cast<double>(spec.backboneParameters) / (1 - share)));
}

inline std::string runConfigJson(const RecordedRun &spec)
{
    return R"({"name": ")" + spec.name + R"(", "backbone": {"preset": ")" + spec.backbone + R"("}, "method": )"
        + spec.methodJson + R"(, "task": {"kind": "demo", "name": ")" + spec.task
        + R"(", "train_size": 2000}, "train": {"batch_size": 32, "max_steps": )" + std::to_string(spec.steps)
        + R"(, "eval_every": )" + std::to_string(spec.evalEvery) + R"(, "seed": 0}})";
}

/// The memory categories of one step whose peak is `peakBytes`, in the store's names.
inline std::vector<std::pair<std::string, std::int64_t>> memoryAtPeak(const RecordedRun &spec, std::int64_t peakBytes)
{
    const std::int64_t trainable = trainableParameters(spec) * 4;
    const std::int64_t frozen = spec.trainablePercent >= 100 ? 0 : spec.backboneParameters * 4;
    const std::int64_t gradients = trainable;
    const std::int64_t optimizer = 2 * trainable;
    return { { "frozen_weights", frozen }, { "trainable_weights", trainable }, { "gradients", gradients },
        { "optimizer_state", optimizer }, { "activations", peakBytes - frozen - trainable - gradients - optimizer } };
}

/// The run as the trainer would have recorded it, started at `startedAt` (seconds since the
/// epoch): its curves, memory samples, evaluations and checkpoint, times following from its
/// throughput.
inline RunData recordedRunData(const RecordedRun &spec, double startedAt = 1767261600)
{
    RunData data;
    RunRecord &record = data.run;
    record.name = spec.name;
    record.status = spec.status;
    record.method = spec.method;
    record.backbone = spec.backbone;
    record.task = "demo/" + spec.task;
    record.configJson = runConfigJson(spec);
    record.host = currentHostFacts();
    record.tags = spec.tags;
    record.createdAt = startedAt - 2;
    record.startedAt = startedAt;
    record.trainableParameters = trainableParameters(spec);
    record.totalParameters = spec.trainablePercent >= 100 ? record.trainableParameters
                                                          : spec.backboneParameters + record.trainableParameters;

    const std::int64_t peakBytes = static_cast<std::int64_t>(spec.peakMiB * 1024 * 1024);
    const int peakStep = std::max(1, spec.steps / 10);
    const double secondsPerStep = 32.0 / spec.samplesPerSecond;
    for (int step = 1; step <= spec.steps; ++step) {
        const double time = startedAt + step * secondsPerStep;
        const double progress = static_cast<double>(step) / spec.steps;
        data.series["loss"].push_back({ step, time, 2.2 * std::exp(-3 * progress) + 0.35 });
        // Alternating +-4 %: the stored mean is exactly the table's samples/s (even step counts).
        data.series[kThroughputSeries].push_back({ step, time, spec.samplesPerSecond * (step % 2 ? 1.04 : 0.96) });
        // Memory is measured every tenth step; the peak is reached once, early.
        if (step % 10 == 0 || step == peakStep) {
            const std::int64_t bytes = step == peakStep ? peakBytes : peakBytes * 97 / 100;
            for (const auto &[category, value] : memoryAtPeak(spec, bytes))
                data.memory.push_back({ category, step, time, value });
            data.memory.push_back({ "tensor_peak", step, time, bytes });
        }
        if (step % spec.evalEvery == 0 || step == spec.steps) {
            // Validation rises from chance (16.7 %) towards a point above the test score.
            const double target = std::isnan(spec.testScore) ? 60 : spec.testScore + 1;
            const double score = 16.7 + (target - 16.7) * (1 - std::exp(-4 * progress));
            data.evaluations.push_back({ "validation", "accuracy", step, time, score });
            data.evaluations.push_back({ "validation", "score", step, time, score });
        }
        if (spec.checkpoint && step == spec.steps / 2)
            data.checkpoints.push_back(
                { step, time, "/tmp/runs/" + spec.name + "/checkpoint-" + std::to_string(step) });
    }
    const double end = startedAt + spec.steps * secondsPerStep;
    if (spec.status == RunStatus::Finished && !std::isnan(spec.testScore)) {
        data.evaluations.push_back({ "test", "accuracy", spec.steps, end, spec.testScore });
        data.evaluations.push_back({ "test", "score", spec.steps, end, spec.testScore });
    }
    if (spec.status != RunStatus::Running && spec.status != RunStatus::Paused && spec.status != RunStatus::Queued)
        record.finishedAt = end;
    // RunData's documented orders: memory by category then step, evaluations by split, metric, step.
    std::stable_sort(data.memory.begin(), data.memory.end(),
        [](const MemorySample &a, const MemorySample &b) { return a.category < b.category; });
    std::stable_sort(data.evaluations.begin(), data.evaluations.end(),
        [](const auto &a, const auto &b) { return std::tie(a.split, a.metric) < std::tie(b.split, b.metric); });
    return data;
}

/// Stores `data` the way a training process does: createRun, then every point through a
/// RunWriter on its own connection. A running or paused run hands its writer to `liveWriter`
/// (keep it to hold the run open); an interrupted one drops its writer unfinished.
inline RunId writeThroughWriter(
    const std::string &databasePath, const RunData &data, std::unique_ptr<RunWriter> *liveWriter = nullptr)
{
    RunStore store(databasePath);
    RunRecord record = data.run;
    record.status = RunStatus::Queued;
    record.startedAt = record.finishedAt = 0;
    const RunId id = store.createRun(record);
    store.setParameterCounts(id, data.run.trainableParameters, data.run.totalParameters);
    auto writer = std::make_unique<RunWriter>(store.path(), id);
    for (const auto &[name, points] : data.series) {
        for (const SeriesPoint &point : points)
            writer->addMetric(name, point.step, point.value, point.wallTime);
    }
    for (const MemorySample &sample : data.memory)
        writer->addMemory(sample);
    for (const EvaluationRecord &evaluation : data.evaluations)
        writer->addEvaluation(evaluation);
    for (const CheckpointRecord &checkpoint : data.checkpoints)
        writer->addCheckpoint(checkpoint);
    switch (data.run.status) {
    case RunStatus::Running:
    case RunStatus::Paused:
        writer->flush();
        if (data.run.status == RunStatus::Paused)
            writer->setPaused(true);
        if (liveWriter)
            *liveWriter = std::move(writer);
        break;
    case RunStatus::Interrupted:
        writer.reset(); // a writer destroyed without finish() marks its run interrupted
        break;
    default:
        writer->finish(data.run.status);
    }
    return id;
}

/// Stores a finished, stopped, failed or interrupted run with its recorded times (import keeps
/// them), for views whose durations and start times should look like real runs.
inline RunId importRecorded(const std::string &databasePath, const RunData &data)
{
    RunStore store(databasePath);
    return store.importRun(data);
}

/// docs/pretrain.md, `wordnet-lexname`, 1,000 steps, wordnet-t5-tiny, pretrained column.
inline std::vector<RecordedRun> paperTableRuns(int steps = 1000)
{
    const auto run = [steps](const char *method, const char *methodJson, double trainablePercent, double peakMiB,
                         double testScore, double samplesPerSecond) {
        RecordedRun spec;
        spec.name = std::string("lexname ") + method;
        spec.method = method;
        spec.methodJson = methodJson;
        spec.trainablePercent = trainablePercent;
        spec.peakMiB = peakMiB;
        spec.testScore = testScore;
        spec.samplesPerSecond = samplesPerSecond;
        spec.steps = steps;
        spec.evalEvery = std::max(1, steps / 10);
        return spec;
    };
    return {
        run("full", R"({"kind": "full"})", 100, 41.6, 83.0, 1422),
        run("bitfit", R"({"kind": "bitfit"})", 1.54, 29.7, 75.5, 1383),
        run("adapter", R"({"kind": "adapter", "reduction": 16})", 0.71, 34.5, 75.5, 1687),
        run("lora", R"({"kind": "lora", "rank": 32, "alpha": 32})", 7.47, 38.0, 77.5, 763),
        run("lst", R"({"kind": "lst", "reduction": 8})", 1.00, 26.0, 79.5, 1028),
    };
}

} // namespace ladder::test
