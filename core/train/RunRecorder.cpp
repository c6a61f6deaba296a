// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/RunRecorder.h"

#include "runtime/BuildInfo.h"
#include "store/RunStore.h"
#include "store/RunWriter.h"
#include "util/Error.h"

#include <filesystem>

namespace ladder {

RunRecord runRecordFor(const RunConfig &config)
{
    RunRecord record;
    record.name = config.displayName();
    record.method = methodName(config.method.kind);
    record.backbone = config.backbone.path.empty() ? config.backbone.preset : config.backbone.path;
    record.task = config.task.kind + "/" + (config.task.kind == "file" ? config.task.train : config.task.name);
    record.configJson = config.toJson();
    record.seed = static_cast<int64_t>(config.train.seed);
    record.host = currentHostFacts();
    record.host.libtorchVersion = libtorchVersion();
    return record;
}

RunStatus storedRunStatus(TrainerStatus status)
{
    switch (status) {
    case TrainerStatus::Finished:
        return RunStatus::Finished;
    case TrainerStatus::Stopped:
        return RunStatus::Stopped;
    default:
        return RunStatus::Failed;
    }
}

RunConfig prepareResumedRun(RunStore &store, RunId run)
{
    // Checked before prepareResume, which trims the run's curves back to its checkpoint: a run
    // that cannot continue is left exactly as it was.
    const std::string label = "run " + std::to_string(run);
    if (store.run(run).status != RunStatus::Finished) {
        const std::optional<CheckpointRecord> checkpoint = store.lastCheckpoint(run);
        if (!checkpoint)
            throw Error::inFile(store.path(),
                label + " has no checkpoint to continue from (it ran without train.checkpoint_every and "
                    "train.output_dir); train its configuration again: `ladder show " + std::to_string(run)
                    + " --json` prints it");
        std::error_code ec;
        if (!std::filesystem::is_regular_file(std::filesystem::path(checkpoint->path) / "position.json", ec))
            throw Error::inFile(store.path(),
                label + ": its last checkpoint, step " + std::to_string(checkpoint->step) + " in "
                    + checkpoint->path + ", is gone (no position.json there)"
                    + (std::filesystem::path(checkpoint->path).is_relative()
                            ? "; runs recorded before checkpoint paths were absolute resume from the folder "
                              "training started in"
                            : ""));
    }
    const ResumePoint point = store.prepareResume(run);
    RunConfig config = RunConfig::fromJson(point.run.configJson, store.path() + ": run " + std::to_string(run));
    config.train.resumeFrom = point.checkpoint ? point.checkpoint->path : std::string();
    return config;
}

RunRecorder::RunRecorder(const std::string &databasePath, RunId run)
    : m_store(std::make_unique<RunStore>(databasePath))
    , m_writer(std::make_unique<RunWriter>(m_store->path(), run))
    , m_run(run)
{
}

RunRecorder::~RunRecorder() = default;

void RunRecorder::prepared(const RunPreparation &p)
{
    m_store->setParameterCounts(m_run, p.trainableParameters, p.totalParameters);
    m_store->setDevice(m_run, p.device);
}

void RunRecorder::stepFinished(const StepMetrics &m)
{
    m_writer->addMetric("loss", m.step, m.loss);
    m_writer->addMetric("learning_rate", m.step, m.learningRate);
    m_writer->addMetric("grad_norm", m.step, m.gradientNorm);
    m_writer->addMetric(kThroughputSeries, m.step, m.samplesPerSecond);
    m_writer->addMetric(kExamplesSeries, m.step, static_cast<double>(m.examples));
    m_writer->addMetric("tokens_per_second", m.step, m.tokensPerSecond);
}

void RunRecorder::memoryMeasured(int64_t step, const MemoryBreakdown &memory)
{
    const std::pair<const char *, int64_t> categories[] = {{"frozen_weights", memory.frozenWeights},
        {"trainable_weights", memory.trainableWeights}, {"gradients", memory.gradients},
        {"optimizer_state", memory.optimizerState}, {"activations", memory.activations},
        {"tensor_peak", memory.peak}, {"rss", memory.rss}};
    for (const auto &[category, bytes] : categories)
        m_writer->addMemory({category, step, 0, bytes});
    // A caching allocator (CUDA) holds more than the live tensors; the CPU's holds nothing more.
    if (memory.device != "cpu")
        m_writer->addMemory({"reserved", step, 0, memory.reserved});
}

void RunRecorder::evaluated(const EvaluationResult &result)
{
    for (const MetricValue &metric : result.evaluation.metrics)
        m_writer->addEvaluation({result.split, metric.name, result.step, 0, metric.value});
    m_writer->addEvaluation({result.split, "score", result.step, 0, result.evaluation.score});
}

void RunRecorder::gatesMeasured(int64_t step, const std::vector<double> &gates)
{
    for (std::size_t i = 0; i < gates.size(); ++i)
        m_writer->addGate({static_cast<int>(i), step, gates[i]});
}

void RunRecorder::checkpointWritten(int64_t step, const std::string &path)
{
    // Absolute: `ladder train --resume` may run from another folder than training did.
    m_writer->addCheckpoint({step, 0, std::filesystem::absolute(path).string()});
}

void RunRecorder::finish(TrainerStatus status, const std::string &message)
{
    m_writer->finish(storedRunStatus(status), status == TrainerStatus::Failed ? message : std::string());
}

} // namespace ladder
