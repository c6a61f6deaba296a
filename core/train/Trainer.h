// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (the GUI drives the trainer from a worker thread).
#pragma once

#include "data/Metrics.h"
#include "train/RunConfig.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ladder {

/// Where a run stands, as the trainer reports it.
enum class TrainerStatus { Preparing, Running, Paused, Evaluating, Finished, Stopped, Failed };
/// "preparing", "running", "paused", "evaluating", "finished", "stopped", "failed".
std::string trainerStatusName(TrainerStatus status);

/// Tensor bytes of one training step by category. The categories sum to `peak`: weights,
/// gradients and optimizer state are the nbytes of those tensors; activations are what else
/// the step's peak held (peak minus that static part: activations saved for backward,
/// temporaries, the batch).
struct MemoryBreakdown
{
    int64_t frozenWeights = 0;
    int64_t trainableWeights = 0;
    int64_t gradients = 0;
    int64_t optimizerState = 0;
    int64_t activations = 0;
    int64_t peak = 0;        ///< highest live tensor bytes during the step
    int64_t rss = 0;         ///< process resident set after the step
    int64_t peakRss = 0;     ///< the kernel's high-water mark (see MemorySnapshot)
    /// Where the tensor categories were counted, "cpu" or "cuda:N" (DeviceMemoryAccounting);
    /// rss and peakRss are always this host's.
    std::string device = "cpu";
    /// What the device's allocator holds, live or cached (CUDA's memory_reserved; on the CPU,
    /// the live bytes after the step).
    int64_t reserved = 0;

    int64_t staticBytes() const { return frozenWeights + trainableWeights + gradients + optimizerState; }
};

/// What one optimizer step did.
struct StepMetrics
{
    int64_t step = 0;            ///< 1-based optimizer step
    int64_t totalSteps = 0;
    int64_t epoch = 0;           ///< 0-based
    double loss = 0.0;           ///< mean over the step's micro-batches
    double learningRate = 0.0;
    double gradientNorm = 0.0;   ///< global norm before clipping
    int64_t examples = 0;
    int64_t tokens = 0;          ///< real source and target tokens
    int64_t sourceLength = 0;    ///< padded source length of the step's (last) micro-batch
    int64_t targetLength = 0;    ///< padded target length of the step's (last) micro-batch
    double stepSeconds = 0.0;
    double samplesPerSecond = 0.0;
    double tokensPerSecond = 0.0;
    double meanSamplesPerSecond = 0.0; ///< over the run so far (this process)
    double elapsedSeconds = 0.0;
    double etaSeconds = 0.0;
};

/// One evaluation of a split.
struct EvaluationResult
{
    int64_t step = 0;
    int64_t epoch = 0;
    std::string split;           ///< "validation" or "test"
    TaskEvaluation evaluation;   ///< metrics and the task score
    int64_t examples = 0;
    double seconds = 0.0;
    bool best = false;           ///< the best validation score so far
};

/// What the run knows before its first step.
struct RunPreparation
{
    std::string task;
    std::string vocabulary;      ///< VocabularyChoice::describe()
    int64_t trainExamples = 0;
    int64_t validationExamples = 0;
    int64_t testExamples = 0;
    int64_t truncatedSources = 0; ///< over all splits
    int64_t truncatedTargets = 0;
    int64_t trainableParameters = 0;
    int64_t totalParameters = 0;
    std::string device;           ///< where the tensors live, "cpu" or "cuda:N"
    int64_t totalSteps = 0;
    int64_t startStep = 0;        ///< > 0 when resuming
    double learningRate = 0.0;
};

/// Receives a run's progress. Callbacks arrive on the thread that called Trainer::run and
/// must return quickly (the GUI forwards them as queued signals).
class TrainerObserver
{
public:
    virtual ~TrainerObserver() = default;
    virtual void statusChanged(TrainerStatus /*status*/, const std::string & /*message*/) {}
    virtual void prepared(const RunPreparation & /*preparation*/) {}
    virtual void stepFinished(const StepMetrics & /*metrics*/) {}
    virtual void memoryMeasured(int64_t /*step*/, const MemoryBreakdown & /*memory*/) {}
    virtual void evaluated(const EvaluationResult & /*result*/) {}
    /// LST gate values μ_i (encoder side layers, then decoder) after a step.
    virtual void gatesMeasured(int64_t /*step*/, const std::vector<double> & /*gates*/) {}
    virtual void checkpointWritten(int64_t /*step*/, const std::string & /*path*/) {}
    virtual void logLine(const std::string & /*line*/) {}
};

/// Flags another thread sets; the trainer checks them every step and every evaluation batch,
/// and `stop` also between preparation stages and inside their loops (per text tokenised, per
/// Fisher example).
struct RunControl
{
    std::atomic<bool> stop{false};
    std::atomic<bool> pause{false};

    void requestStop() { stop.store(true); }
    void setPaused(bool paused) { pause.store(paused); }
};

/// How a run ended.
struct TrainResult
{
    TrainerStatus status = TrainerStatus::Failed;
    std::string message;
    int64_t steps = 0;                           ///< optimizer steps done (including resumed ones)
    std::vector<double> losses;                  ///< loss per step, as run in this call
    std::optional<EvaluationResult> finalValidation;
    std::optional<EvaluationResult> bestValidation;
    std::optional<EvaluationResult> test;
    MemoryBreakdown peakMemory;                  ///< the step with the highest peak
    double meanSamplesPerSecond = 0.0;
    double meanTokensPerSecond = 0.0;
    double meanStepSeconds = 0.0;
    int64_t trainableParameters = 0;
    int64_t totalParameters = 0;
    std::string vocabulary;
    std::string lastCheckpoint;
};

/// Runs one training run synchronously on the calling thread.
class Trainer
{
public:
    /// Trains as `config` says, reporting to `observer`. Stops within one step (or one
    /// evaluation batch, or one preparation call) of control.stop; waits while control.pause is
    /// set. Each preparation stage is reported as statusChanged(Preparing, "loading the task", …). Errors in the
    /// configuration or data, and a loss that becomes NaN or infinite, end the run with status
    /// Failed and a message saying what to change; nothing is thrown for them.
    static TrainResult run(const RunConfig &config, TrainerObserver &observer, const RunControl &control);
};

} // namespace ladder
