// SPDX-License-Identifier: GPL-3.0-or-later
#include "run/TrainingSession.h"

#include "store/RunStore.h"
#include "train/RunRecorder.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>

#include <algorithm>
#include <exception>
#include <thread>

namespace ladder {

namespace {

/// Runs on the training thread; re-emits each callback as the session's signal on the GUI
/// thread. A queued functor whose context object is gone is dropped by Qt, so a late callback
/// never reaches a destroyed session.
class SignalBridge : public TrainerObserver
{
public:
    explicit SignalBridge(TrainingSession *session) : m_session(session) {}

    void statusChanged(TrainerStatus status, const std::string &message) override
    {
        post([status, message = QString::fromStdString(message)](TrainingSession *s) {
            Q_EMIT s->statusChanged(status, message);
        });
    }
    void prepared(const RunPreparation &p) override
    {
        post([p](TrainingSession *s) { Q_EMIT s->prepared(p); });
    }
    void stepFinished(const StepMetrics &m) override
    {
        post([m](TrainingSession *s) { Q_EMIT s->stepFinished(m); });
    }
    void memoryMeasured(int64_t step, const MemoryBreakdown &memory) override
    {
        post([step, memory](TrainingSession *s) { Q_EMIT s->memoryMeasured(step, memory); });
    }
    void evaluated(const EvaluationResult &result) override
    {
        post([result](TrainingSession *s) { Q_EMIT s->evaluated(result); });
    }
    void gatesMeasured(int64_t step, const std::vector<double> &gates) override
    {
        post([step, gates](TrainingSession *s) { Q_EMIT s->gatesMeasured(step, gates); });
    }
    void logLine(const std::string &line) override
    {
        post([line = QString::fromStdString(line)](TrainingSession *s) { Q_EMIT s->logLine(line); });
    }

private:
    template <typename Deliver> void post(Deliver deliver)
    {
        TrainingSession *session = m_session;
        QMetaObject::invokeMethod(session, [session, deliver] { deliver(session); }, Qt::QueuedConnection);
    }

    TrainingSession *m_session;
};

} // namespace

TrainingSession::TrainingSession(QObject *parent)
    : QObject(parent)
{
}

TrainingSession::~TrainingSession()
{
    if (m_thread != nullptr) {
        m_control->requestStop();
        m_control->setPaused(false);
        m_thread->wait();
        delete m_thread;
    }
}

bool TrainingSession::isRunning() const
{
    return m_thread != nullptr;
}

int TrainingSession::windowThreads(int requested)
{
    if (requested > 0)
        return requested;
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    return std::max(1, cores - 1);
}

bool TrainingSession::start(const RunConfig &requestedConfig, const QString &databasePath, QString *error)
{
    if (m_thread != nullptr) {
        if (error != nullptr)
            *error = tr("a run is already going");
        return false;
    }
    RunConfig config = requestedConfig;
    config.train.threads = windowThreads(config.train.threads);
    const std::string database = databasePath.toStdString();
    m_runId = 0;
    if (!database.empty()) {
        try {
            m_runId = RunStore(database).createRun(runRecordFor(config));
        } catch (const std::exception &e) {
            if (error != nullptr)
                *error = QString::fromStdString(e.what());
            return false;
        }
    }
    launch(config, database);
    return true;
}

bool TrainingSession::resume(qint64 run, const QString &databasePath, QString *error)
{
    if (m_thread != nullptr) {
        if (error != nullptr)
            *error = tr("a run is already going");
        return false;
    }
    const std::string database = databasePath.toStdString();
    RunConfig config;
    try {
        RunStore store(database);
        config = prepareResumedRun(store, run);
    } catch (const std::exception &e) {
        if (error != nullptr)
            *error = QString::fromStdString(e.what());
        return false;
    }
    m_runId = run;
    launch(config, database);
    return true;
}

void TrainingSession::launch(const RunConfig &config, const std::string &database)
{
    m_control = std::make_unique<RunControl>();
    m_result = std::make_shared<TrainResult>();
    const RunId run = m_runId;
    RunControl *control = m_control.get();
    std::shared_ptr<TrainResult> result = m_result;
    m_thread = QThread::create([this, config, database, run, control, result] {
        SignalBridge bridge(this);
        try {
            if (run > 0) {
                // The writer belongs to this thread: made and finished here.
                RunRecorder recorder(database, run);
                ObserverPair observer(bridge, recorder);
                *result = Trainer::run(config, observer, *control);
                recorder.finish(result->status, result->message);
            } else {
                *result = Trainer::run(config, bridge, *control);
            }
        } catch (const std::exception &e) {
            result->status = TrainerStatus::Failed;
            result->message = e.what();
            bridge.statusChanged(TrainerStatus::Failed, result->message);
        }
    });
    m_thread->setObjectName(QStringLiteral("training"));
    connect(m_thread, &QThread::finished, this, &TrainingSession::threadEnded);
    m_thread->start();
}

void TrainingSession::requestStop()
{
    if (m_control)
        m_control->requestStop();
}

void TrainingSession::setPaused(bool paused)
{
    if (m_control)
        m_control->setPaused(paused);
}

void TrainingSession::threadEnded()
{
    // Queued signals the thread posted before it ended are delivered before this slot (same
    // sender thread, same receiver, FIFO), so `finished` is the last thing observers see.
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    Q_EMIT finished(*m_result);
}

} // namespace ladder
