// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include. The one place a training run becomes store rows,
// shared by `ladder train` and the workbench's training worker.
#pragma once

#include "store/RunRecords.h"
#include "train/RunConfig.h"
#include "train/Trainer.h"

#include <memory>
#include <string>

namespace ladder {

class RunStore;
class RunWriter;

/// The store's row for a new run of `config`: name (the configuration's, or when it gives none
/// the descriptive default of RunConfig::displayName()), method, backbone, task, seed, the full
/// configuration and the host it runs on.
RunRecord runRecordFor(const RunConfig &config);

/// How a trainer status ends a stored run.
RunStatus storedRunStatus(TrainerStatus status);

/// A stored run made ready to continue (`ladder train --resume`, the workbench's Resume): its own
/// configuration, continued from its last checkpoint under the same run id; RunStore::prepareResume
/// drops the points recorded after that checkpoint. Throws ladder::Error, leaving the run as it
/// was, for a run without a checkpoint or whose checkpoint folder is gone, a finished run, one a
/// live process owns, or one the store does not have.
RunConfig prepareResumedRun(RunStore &store, RunId run);

/// Forwards every observer callback to a run in the store: step metrics, memory by category,
/// evaluations, LST gates, checkpoints and parameter counts. Lives on the training thread (the
/// RunWriter belongs to it); finish() records how the run ended.
class RunRecorder : public TrainerObserver
{
public:
    /// Opens `databasePath` and records into run `run`, which must exist (RunStore::createRun
    /// or prepareResume). Throws ladder::Error when the database cannot be opened.
    RunRecorder(const std::string &databasePath, RunId run);
    ~RunRecorder() override;
    RunRecorder(const RunRecorder &) = delete;
    RunRecorder &operator=(const RunRecorder &) = delete;

    void prepared(const RunPreparation &preparation) override;
    void stepFinished(const StepMetrics &metrics) override;
    void memoryMeasured(int64_t step, const MemoryBreakdown &memory) override;
    void evaluated(const EvaluationResult &result) override;
    void gatesMeasured(int64_t step, const std::vector<double> &gates) override;
    void checkpointWritten(int64_t step, const std::string &path) override;

    /// Records how the run ended and why (TrainResult::message for a failure).
    void finish(TrainerStatus status, const std::string &message = {});
    RunId run() const { return m_run; }

private:
    std::unique_ptr<RunStore> m_store;
    std::unique_ptr<RunWriter> m_writer;
    RunId m_run;
};

/// Sends each callback to two observers in turn (e.g. a progress display and a RunRecorder).
class ObserverPair : public TrainerObserver
{
public:
    ObserverPair(TrainerObserver &first, TrainerObserver &second) : m_first(first), m_second(second) {}

    void statusChanged(TrainerStatus status, const std::string &message) override
    {
        m_first.statusChanged(status, message);
        m_second.statusChanged(status, message);
    }
    void prepared(const RunPreparation &p) override
    {
        m_first.prepared(p);
        m_second.prepared(p);
    }
    void stepFinished(const StepMetrics &m) override
    {
        m_first.stepFinished(m);
        m_second.stepFinished(m);
    }
    void memoryMeasured(int64_t step, const MemoryBreakdown &memory) override
    {
        m_first.memoryMeasured(step, memory);
        m_second.memoryMeasured(step, memory);
    }
    void evaluated(const EvaluationResult &result) override
    {
        m_first.evaluated(result);
        m_second.evaluated(result);
    }
    void gatesMeasured(int64_t step, const std::vector<double> &gates) override
    {
        m_first.gatesMeasured(step, gates);
        m_second.gatesMeasured(step, gates);
    }
    void checkpointWritten(int64_t step, const std::string &path) override
    {
        m_first.checkpointWritten(step, path);
        m_second.checkpointWritten(step, path);
    }
    void logLine(const std::string &line) override
    {
        m_first.logLine(line);
        m_second.logLine(line);
    }

private:
    TrainerObserver &m_first;
    TrainerObserver &m_second;
};

} // namespace ladder
