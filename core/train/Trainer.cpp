// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Trainer.h"

#include "memory/DeviceMemory.h"
#include "train/RunPreflight.h"
#include "memory/MemoryMeter.h"
#include "model/T5Checkpoint.h"
#include "model/T5Init.h"
#include "peft/FineTuningModel.h"
#include "runtime/Threads.h"
#include "tokenizer/SentencePieceTokenizer.h"
#include "train/Batching.h"
#include "train/Checkpoint.h"
#include "train/Evaluator.h"
#include "train/LrSchedule.h"
#include "train/MemoryAccounting.h"
#include "train/MixedPrecision.h"
#include "train/RunLoop.h"
#include "train/TaskData.h"
#include "train/Vocabulary.h"
#include "util/Error.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace ladder {

std::string trainerStatusName(TrainerStatus status)
{
    switch (status) {
    case TrainerStatus::Preparing:
        return "preparing";
    case TrainerStatus::Running:
        return "running";
    case TrainerStatus::Paused:
        return "paused";
    case TrainerStatus::Evaluating:
        return "evaluating";
    case TrainerStatus::Finished:
        return "finished";
    case TrainerStatus::Stopped:
        return "stopped";
    case TrainerStatus::Failed:
        return "failed";
    }
    return "unknown";
}

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// One training run's state; Trainer::run builds it, runs it and turns its outcome into a result.
class TrainingRun
{
public:
    TrainingRun(const RunConfig &config, TrainerObserver &observer, const RunControl &control)
        : m_config(config), m_observer(observer), m_control(control)
    {
    }

    TrainResult run();

private:
    void prepare();
    void trainLoop();
    std::vector<int64_t> nextMicroBatch();
    void measureMemory(StepMetrics &metrics, int64_t gradientBytesThisStep);
    std::optional<EvaluationResult> evaluate(const std::string &split, int64_t step, bool trackBest);
    /// Ends the run (RunStopped) once a stop is requested. Preparation calls it between its
    /// stages and inside their loops, so a stop (or closing the window) need not wait for the
    /// whole preparation: only for the one call it is in (sentencepiece training is one call).
    void stopIfRequested() const { ladder::stopIfRequested(m_control); }
    /// Starts a preparation stage: stops if asked to, then reports the stage as the Preparing
    /// status's message ("loading the task", …), so a user sees what the wait is for.
    void beginStage(const std::string &stage)
    {
        stopIfRequested();
        m_stage = stage;
        setStatus(TrainerStatus::Preparing, stage);
    }
    void log(const std::string &line) { m_observer.logLine(line); }
    void setStatus(TrainerStatus status, const std::string &message = {})
    {
        m_result.status = status;
        m_observer.statusChanged(status, message);
    }

    const RunConfig &m_config;
    TrainerObserver &m_observer;
    const RunControl &m_control;
    TrainResult m_result;

    LoadedTask m_task;
    std::optional<SentencePieceTokenizer> m_tokenizer;
    TokenizedSplit m_train, m_validation, m_test;
    std::unique_ptr<FineTuningModel> m_model;
    std::vector<torch::Tensor> m_parameters;
    std::unique_ptr<torch::optim::AdamW> m_optimizer;
    torch::Device m_device = torch::kCPU;
    std::unique_ptr<DeviceMemoryAccounting> m_deviceMemory; ///< the tensor figures of m_device
    double m_peakRate = 0.0;
    int64_t m_totalSteps = 0;
    int64_t m_batchesPerEpoch = 0;

    TrainingPosition m_position;
    std::vector<std::vector<int64_t>> m_epochOrder;
    int64_t m_orderEpoch = -1;
    bool m_bf16 = false; ///< train.precision "bf16": forward passes under autocast
    MemoryBreakdown m_weights;
    std::string m_stage; ///< the preparation stage under way; empty once training runs
};

void TrainingRun::prepare()
{
    const TrainSettings &train = m_config.train;
    requireDeviceAvailable(train.device);
    if (train.device == "cuda")
        m_device = torch::Device(torch::kCUDA);
    m_bf16 = train.precision == "bf16";
    const int threads = configureThreads(train.threads);
    log("threads: " + std::to_string(threads));

    beginStage("loading the task");
    m_task = loadTask(m_config);
    log("task " + m_task.name + ": " + std::to_string(m_task.splits.train.examples.size()) + " train, "
        + std::to_string(m_task.splits.validation.examples.size()) + " validation, "
        + std::to_string(m_task.splits.test.examples.size()) + " test examples");

    // The backbone first: its config sizes the vocabulary a preset trains.
    T5ForConditionalGeneration backbone{nullptr};
    T5Config backboneConfig;
    const std::string backbonePath = resolveBackbonePath(m_config.backbone);
    if (!backbonePath.empty()) {
        beginStage("loading the backbone");
        LoadedT5 loaded = loadT5(backbonePath);
        backbone = loaded.model;
        backboneConfig = loaded.config;
    } else {
        backboneConfig = T5Config::preset(m_config.backbone.preset);
    }
    beginStage("preparing the vocabulary");
    const VocabularyChoice vocabulary =
        resolveVocabulary(m_config, m_task, backboneConfig.vocabSize, [this](const std::string &line) { log(line); });
    m_tokenizer = SentencePieceTokenizer::load(vocabulary.modelPath);
    if (m_tokenizer->vocabSize() > backboneConfig.vocabSize)
        throw Error(vocabulary.modelPath + ": the vocabulary has " + std::to_string(m_tokenizer->vocabSize())
            + " ids but the backbone's embedding only " + std::to_string(backboneConfig.vocabSize));
    m_result.vocabulary = vocabulary.describe();
    log("vocabulary: " + m_result.vocabulary);

    beginStage("tokenizing the task");
    const SentencePieceTokenizer &tokenizer = *m_tokenizer;
    // Checked per text: a large task's tokenisation takes seconds.
    const TextEncoder encode = [this, &tokenizer](const std::string &text) {
        stopIfRequested();
        return tokenizer.encode(text);
    };
    m_train = tokenizeSplit(m_task, m_task.splits.train, encode, train.maxSourceLength, train.maxTargetLength);
    Dataset validation = m_task.splits.validation;
    if (train.evalLimit > 0 && static_cast<int64_t>(validation.examples.size()) > train.evalLimit)
        validation.examples.resize(static_cast<std::size_t>(train.evalLimit));
    m_validation = tokenizeSplit(m_task, validation, encode, train.maxSourceLength, train.maxTargetLength);
    m_test = tokenizeSplit(m_task, m_task.splits.test, encode, train.maxSourceLength, train.maxTargetLength);

    // Weights, method init and dropout all draw from LibTorch's generator, seeded here.
    if (!backbone) {
        beginStage("initialising the backbone's random weights");
        backbone = createRandomT5(backboneConfig, train.seed);
    }
    beginStage("applying " + methodName(m_config.method.kind));
    torch::manual_seed(train.seed);
    MethodContext context;
    context.seed = train.seed;
    auto fisherIndex = std::make_shared<int64_t>(0);
    // LST's Fisher initialisation runs a forward and backward pass per example: checked per example.
    context.nextFisherBatch = [this, fisherIndex]() -> std::optional<T5Inputs> {
        stopIfRequested();
        if (*fisherIndex >= m_train.size())
            return std::nullopt;
        Batch batch = collateBatch(m_train, {(*fisherIndex)++});
        return batch.inputs;
    };
    m_model = applyMethod(backbone, m_config.method, context);
    stopIfRequested();
    m_model->module().to(m_device);
    m_deviceMemory = makeDeviceMemoryAccounting(train.device);
    m_parameters = m_model->trainableParameters();
    if (m_parameters.empty())
        throw Error("method." + methodName(m_config.method.kind) + ": the method left no trainable parameter");

    m_peakRate = m_config.effectiveLearningRate();
    m_optimizer = makeAdamW(m_parameters, m_peakRate, train.weightDecay);

    m_batchesPerEpoch = (m_train.size() + train.batchSize - 1) / train.batchSize;
    const int64_t stepsPerEpoch = (m_batchesPerEpoch + train.gradAccumulation - 1) / train.gradAccumulation;
    m_totalSteps = train.maxSteps > 0 ? train.maxSteps : train.epochs * stepsPerEpoch;
    m_position.runName = m_config.displayName();

    if (!train.resumeFrom.empty()) {
        beginStage("reading the checkpoint");
        m_position = readCheckpoint(train.resumeFrom, *m_model, *m_optimizer);
        log("resumed from " + train.resumeFrom + " at step " + std::to_string(m_position.step));
    } else {
        torch::manual_seed(train.seed + 1); // dropout stream, independent of how the method initialised
    }

    countWeightBytes(m_model->module(), m_weights);
    for (const torch::Tensor &parameter : m_parameters)
        m_result.trainableParameters += parameter.numel();
    for (const torch::Tensor &parameter : m_model->module().parameters())
        m_result.totalParameters += parameter.numel();

    RunPreparation preparation;
    preparation.task = m_task.name;
    preparation.vocabulary = m_result.vocabulary;
    preparation.trainExamples = m_train.size();
    preparation.validationExamples = m_validation.size();
    preparation.testExamples = m_test.size();
    preparation.truncatedSources = m_train.truncatedSources + m_validation.truncatedSources + m_test.truncatedSources;
    preparation.truncatedTargets = m_train.truncatedTargets + m_validation.truncatedTargets + m_test.truncatedTargets;
    preparation.trainableParameters = m_result.trainableParameters;
    preparation.totalParameters = m_result.totalParameters;
    preparation.device = m_deviceMemory->device();
    preparation.totalSteps = m_totalSteps;
    preparation.startStep = m_position.step;
    preparation.learningRate = m_peakRate;
    if (preparation.truncatedSources > 0 || preparation.truncatedTargets > 0)
        log("truncated " + std::to_string(preparation.truncatedSources) + " sources (max_source_length "
            + std::to_string(train.maxSourceLength) + ") and " + std::to_string(preparation.truncatedTargets)
            + " targets (max_target_length " + std::to_string(train.maxTargetLength) + ")");
    stopIfRequested();
    m_stage.clear();
    m_observer.prepared(preparation);
}

std::vector<int64_t> TrainingRun::nextMicroBatch()
{
    if (m_position.microBatch >= m_batchesPerEpoch) {
        ++m_position.epoch;
        m_position.microBatch = 0;
    }
    if (m_orderEpoch != m_position.epoch) {
        m_epochOrder = makeBatchOrder(m_train, m_config.train.batchSize, m_config.train.seed, m_position.epoch, true,
            m_config.train.lengthBuckets);
        m_orderEpoch = m_position.epoch;
    }
    return m_epochOrder[static_cast<std::size_t>(m_position.microBatch++)];
}

void TrainingRun::measureMemory(StepMetrics &metrics, int64_t gradientBytesThisStep)
{
    MemoryBreakdown memory = m_weights;
    memory.gradients = gradientBytesThisStep;
    memory.optimizerState = optimizerStateBytes(*m_optimizer);
    const DeviceMemorySnapshot device = m_deviceMemory->snapshot();
    memory.device = device.device;
    memory.reserved = device.reservedBytes;
    memory.peak = device.peakBytes;
    memory.activations = std::max<int64_t>(0, memory.peak - memory.staticBytes());
    // The categories are defined to add up to the peak; a peak below the static part (tensors
    // made before the meter was installed) is reported as the static part.
    memory.peak = std::max(memory.peak, memory.staticBytes());
    const MemorySnapshot host = MemoryMeter::snapshot();
    memory.rss = host.currentRssBytes;
    memory.peakRss = host.peakRssBytes;
    if (memory.peak > m_result.peakMemory.peak)
        m_result.peakMemory = memory;
    m_observer.memoryMeasured(metrics.step, memory);
}

std::optional<EvaluationResult> TrainingRun::evaluate(const std::string &split, int64_t step, bool trackBest)
{
    const TokenizedSplit &data = split == "test" ? m_test : m_validation;
    std::vector<int64_t> indices;
    std::vector<std::string> targets;
    for (int64_t i = 0; i < data.size(); ++i) {
        if (data.labelled[static_cast<std::size_t>(i)]) {
            indices.push_back(i);
            targets.push_back(data.targetTexts[static_cast<std::size_t>(i)]);
        }
    }
    if (indices.empty())
        return std::nullopt;
    setStatus(TrainerStatus::Evaluating, split);
    const auto start = Clock::now();
    EvaluationSetup setup;
    setup.task = &m_task;
    setup.tokenizer = &*m_tokenizer;
    setup.batchSize = m_config.train.evalBatchSize > 0 ? m_config.train.evalBatchSize : m_config.train.batchSize;
    setup.maxTargetLength = std::min<int64_t>(m_config.train.maxTargetLength, 16);
    setup.device = m_device;
    setup.stop = &m_control.stop;
    std::optional<std::vector<std::string>> predictions;
    {
        AutocastScope autocast(m_bf16, m_device);
        predictions = predictTargets(*m_model, data, indices, setup);
    }
    m_model->module().train();
    if (!predictions)
        throw RunStopped{};
    EvaluationResult result;
    result.step = step;
    result.epoch = m_position.epoch;
    result.split = split;
    result.evaluation = m_task.evaluate(*predictions, targets);
    result.examples = static_cast<int64_t>(indices.size());
    result.seconds = secondsSince(start);
    if (trackBest && (m_position.bestStep < 0 || result.evaluation.score > m_position.bestScore)) {
        m_position.bestScore = result.evaluation.score;
        m_position.bestStep = step;
        result.best = true;
        m_result.bestValidation = result;
        if (!m_config.train.outputDir.empty())
            writeTrainedState((std::filesystem::path(m_config.train.outputDir) / "best").string(), *m_model);
    }
    if (split == "validation")
        m_result.finalValidation = result;
    else
        m_result.test = result;
    std::ostringstream line;
    line << split << " at step " << step << ": score " << result.evaluation.score;
    for (const MetricValue &metric : result.evaluation.metrics)
        line << ", " << metric.name << " " << metric.value;
    log(line.str());
    m_observer.evaluated(result);
    setStatus(TrainerStatus::Running);
    return result;
}

void TrainingRun::trainLoop()
{
    const TrainSettings &train = m_config.train;
    m_model->module().train();
    const auto runStart = Clock::now();
    double trainSeconds = 0.0;
    int64_t examplesSeen = 0;
    int64_t tokensSeen = 0;
    int64_t stepsRun = 0;

    while (m_position.step < m_totalSteps) {
        waitWhilePaused(m_control,
            [this](bool paused) { setStatus(paused ? TrainerStatus::Paused : TrainerStatus::Running); });
        const auto stepStart = Clock::now();
        if (train.measureMemory) {
            MemoryMeter::resetPeak(); // the host's peak RSS
            m_deviceMemory->resetPeak();
        }
        const int64_t epochBefore = m_position.epoch;
        StepMetrics metrics;
        metrics.step = m_position.step + 1;
        metrics.totalSteps = m_totalSteps;
        double lossSum = 0.0;
        for (int64_t micro = 0; micro < train.gradAccumulation; ++micro) {
            Batch batch = collateBatch(m_train, nextMicroBatch());
            batch.inputs.inputIds = batch.inputs.inputIds.to(m_device);
            batch.inputs.attentionMask = batch.inputs.attentionMask.to(m_device);
            batch.inputs.labels = batch.inputs.labels.to(m_device);
            T5Output out;
            {
                AutocastScope autocast(m_bf16, m_device);
                out = m_model->forward(batch.inputs);
            }
            const double loss = out.loss.item<double>();
            checkLossIsFinite(loss, metrics.step,
                linearScheduleRate(m_peakRate, m_position.step, train.warmupSteps, m_totalSteps),
                "lower train.learning_rate, keep train.max_grad_norm > 0, or add warm-up steps");
            (out.loss / static_cast<double>(train.gradAccumulation)).backward();
            lossSum += loss;
            metrics.examples += batch.examples;
            metrics.tokens += batch.tokens;
            metrics.sourceLength = batch.paddedSourceLength;
            metrics.targetLength = batch.inputs.labels.size(1);
        }
        const int64_t gradientBytesThisStep = gradientBytes(m_parameters);
        const double norm = clipGradientNorm(m_parameters, train.maxGradNorm);
        const double rate = linearScheduleRate(m_peakRate, m_position.step, train.warmupSteps, m_totalSteps);
        setLearningRate(*m_optimizer, rate);
        m_optimizer->step();
        // Free the gradients (PyTorch's zero_grad(set_to_none=True)); 1.13's zero_grad() only zeroes them.
        for (torch::Tensor &parameter : m_parameters)
            parameter.mutable_grad() = torch::Tensor();
        ++m_position.step;
        ++stepsRun;

        metrics.epoch = epochBefore;
        metrics.loss = lossSum / static_cast<double>(train.gradAccumulation);
        metrics.learningRate = rate;
        metrics.gradientNorm = norm;
        metrics.stepSeconds = secondsSince(stepStart);
        trainSeconds += metrics.stepSeconds;
        examplesSeen += metrics.examples;
        tokensSeen += metrics.tokens;
        metrics.samplesPerSecond = static_cast<double>(metrics.examples) / metrics.stepSeconds;
        metrics.tokensPerSecond = static_cast<double>(metrics.tokens) / metrics.stepSeconds;
        metrics.meanSamplesPerSecond = static_cast<double>(examplesSeen) / trainSeconds;
        metrics.elapsedSeconds = secondsSince(runStart);
        metrics.etaSeconds = trainSeconds / static_cast<double>(stepsRun)
            * static_cast<double>(m_totalSteps - m_position.step);
        m_result.losses.push_back(metrics.loss);
        m_result.steps = m_position.step;
        // Kept current every step: a stop (an exception out of this loop) still reports them.
        m_result.meanSamplesPerSecond = metrics.meanSamplesPerSecond;
        m_result.meanTokensPerSecond = static_cast<double>(tokensSeen) / trainSeconds;
        m_result.meanStepSeconds = trainSeconds / static_cast<double>(stepsRun);
        m_observer.stepFinished(metrics);
        if (train.measureMemory)
            measureMemory(metrics, gradientBytesThisStep);
        if (const std::vector<double> gates = m_model->gateValues(); !gates.empty())
            m_observer.gatesMeasured(m_position.step, gates);

        const bool epochEnded = m_position.microBatch >= m_batchesPerEpoch;
        const bool due = (train.evalEvery > 0 && m_position.step % train.evalEvery == 0) || epochEnded
            || m_position.step == m_totalSteps;
        if (due) {
            evaluate("validation", m_position.step, true);
        }
        if (train.checkpointEvery > 0 && m_position.step % train.checkpointEvery == 0) {
            const std::string folder = (std::filesystem::path(train.outputDir)
                / ("checkpoint-" + std::to_string(m_position.step))).string();
            writeCheckpoint(folder, *m_model, *m_optimizer, m_position);
            m_result.lastCheckpoint = folder;
            m_observer.checkpointWritten(m_position.step, folder);
        }
    }
    if (train.evalTest)
        evaluate("test", m_position.step, false);
}

TrainResult TrainingRun::run()
{
    MemoryMeter::install();
    setStatus(TrainerStatus::Preparing);
    const RunEnding ending = runToEnd(
        [this] {
            prepare();
            setStatus(TrainerStatus::Running);
            trainLoop();
            return "finished after " + std::to_string(m_result.steps) + " steps";
        },
        [this] {
            return m_stage.empty() ? "stopped at step " + std::to_string(m_result.steps) : "stopped while " + m_stage;
        });
    m_result.message = ending.message;
    setStatus(ending.status, m_result.message);
    return m_result;
}

} // namespace

TrainResult Trainer::run(const RunConfig &config, TrainerObserver &observer, const RunControl &control)
{
    TrainingRun run(config, observer, control);
    return run.run();
}

} // namespace ladder
