// SPDX-License-Identifier: GPL-3.0-or-later
// One training run on a worker thread, its observer callbacks delivered as signals on the GUI
// thread (ARCHITECTURE.md, "Threading").
#pragma once

#include "train/RunConfig.h"
#include "train/Trainer.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class QThread;

namespace ladder {

class TrainingSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainingSession)

public:
    explicit TrainingSession(QObject *parent = nullptr);
    /// Asks a running run to stop and waits for its thread (at most one step or one
    /// preparation call).
    ~TrainingSession() override;

    bool isRunning() const;

    /// Starts `config` on a new thread. With a non-empty `databasePath` the run is created in
    /// that store (before this returns: see runId()) and every curve point is recorded there.
    /// An automatic thread count (train.threads 0) becomes windowThreads(0), and the stored
    /// configuration says so. Returns false, emitting nothing, when a run is already going or the
    /// store refuses the run (`error` says why).
    bool start(const RunConfig &config, const QString &databasePath, QString *error = nullptr);
    /// Continues the stored run `run` from its last checkpoint under the same id, as
    /// `ladder train --resume` does (prepareResumedRun). Returns false, emitting nothing, when a run
    /// is going or the store refuses (a finished run, one a live process owns, an unknown id).
    bool resume(qint64 run, const QString &databasePath, QString *error = nullptr);
    /// Stop and cancel take effect during preparation too (between its stages and inside its
    /// loops: Trainer::run), so requestStop() and the destructor wait at most for one preparation
    /// call (e.g. training a vocabulary) or one step.
    void requestStop();
    void setPaused(bool paused);
    /// The store's id of the current (or last) run; 0 when it is not stored.
    qint64 runId() const { return m_runId; }

    /// Intra-op threads for a run the window trains: `requested` when it is set (> 0), otherwise
    /// one per core but one, at least one. The window's own thread needs a core while the run
    /// trains: with every core given to LibTorch's threads, each redraw of the live plots
    /// deschedules one of them and the others wait for it at the next barrier (measured on the
    /// 2-core demo run: 73 % of `ladder train`'s samples/s with two threads, 98 % with one).
    static int windowThreads(int requested);

Q_SIGNALS:
    void statusChanged(ladder::TrainerStatus status, const QString &message);
    void prepared(const ladder::RunPreparation &preparation);
    void stepFinished(const ladder::StepMetrics &metrics);
    void memoryMeasured(qint64 step, const ladder::MemoryBreakdown &memory);
    void evaluated(const ladder::EvaluationResult &result);
    void gatesMeasured(qint64 step, const std::vector<double> &gates);
    void logLine(const QString &line);
    /// The run ended (finished, stopped or failed); the thread is gone when this arrives.
    void finished(const ladder::TrainResult &result);

private:
    /// Trains `config` on a new thread, recording into run m_runId of `database` when both are set.
    void launch(const RunConfig &config, const std::string &database);
    void threadEnded();

    std::unique_ptr<RunControl> m_control;
    QThread *m_thread = nullptr;
    qint64 m_runId = 0;
    std::shared_ptr<TrainResult> m_result;
};

} // namespace ladder
