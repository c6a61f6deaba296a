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
    /// Asks a running run to stop and waits for its thread (at most one step).
    ~TrainingSession() override;

    bool isRunning() const;

    /// Starts `config` on a new thread. With a non-empty `databasePath` the run is created in
    /// that store (before this returns: see runId()) and every curve point is recorded there.
    /// Returns false, emitting nothing, when a run is already going or the store refuses the run
    /// (`error` says why).
    bool start(const RunConfig &config, const QString &databasePath, QString *error = nullptr);
    void requestStop();
    void setPaused(bool paused);
    /// The store's id of the current (or last) run; 0 when it is not stored.
    qint64 runId() const { return m_runId; }

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
    void threadEnded();

    std::unique_ptr<RunControl> m_control;
    QThread *m_thread = nullptr;
    qint64 m_runId = 0;
    std::shared_ptr<TrainResult> m_result;
};

} // namespace ladder
