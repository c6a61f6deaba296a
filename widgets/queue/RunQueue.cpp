// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/RunQueue.h"

#include "experiments/RunLabels.h"
#include "run/TrainingSession.h"
#include "store/RunStore.h"
#include "util/Error.h"

#include <QCoreApplication>
#include <QThread>

#include <algorithm>

namespace ladder {

QString queueEntryStateText(QueueEntryState state)
{
    switch (state) {
    case QueueEntryState::Queued:
        return QCoreApplication::translate("ladder::RunQueue", "queued");
    case QueueEntryState::Preparing:
        return QCoreApplication::translate("ladder::RunQueue", "preparing");
    case QueueEntryState::Running:
        return QCoreApplication::translate("ladder::RunQueue", "running");
    case QueueEntryState::Paused:
        return QCoreApplication::translate("ladder::RunQueue", "paused");
    case QueueEntryState::Finished:
        return QCoreApplication::translate("ladder::RunQueue", "finished");
    case QueueEntryState::Stopped:
        return QCoreApplication::translate("ladder::RunQueue", "stopped");
    case QueueEntryState::Failed:
        return QCoreApplication::translate("ladder::RunQueue", "failed");
    case QueueEntryState::Cancelled:
        return QCoreApplication::translate("ladder::RunQueue", "cancelled");
    }
    return {};
}

bool isEnded(QueueEntryState state)
{
    return state == QueueEntryState::Finished || state == QueueEntryState::Stopped || state == QueueEntryState::Failed
        || state == QueueEntryState::Cancelled;
}

RunQueue::RunQueue(const QString &databasePath, int maxConcurrent, QObject *parent)
    : QObject(parent)
    , m_databasePath(databasePath)
    , m_maxConcurrent(std::max(1, maxConcurrent))
{
}

RunQueue::~RunQueue()
{
    // Ask every run to stop first, so they wind down together rather than one after another.
    for (const auto &[id, session] : m_sessions)
        session->requestStop();
    for (const auto &[id, session] : m_sessions) {
        session->disconnect(this);
        delete session;
    }
}

qint64 RunQueue::enqueue(const RunConfig &config)
{
    return append(config, 0);
}

qint64 RunQueue::enqueueResume(qint64 runId, QString *error)
{
    try {
        if (m_databasePath.isEmpty())
            throw Error("runs are not recorded (no database), so none can be resumed");
        const RunRecord run = RunStore(m_databasePath.toStdString()).run(runId);
        RunConfig config = RunConfig::fromJson(run.configJson, "run " + std::to_string(runId));
        config.name = run.name;
        return append(config, runId);
    } catch (const std::exception &e) {
        if (error != nullptr)
            *error = QString::fromStdString(e.what());
        return 0;
    }
}

qint64 RunQueue::append(const RunConfig &config, qint64 resumeRunId)
{
    QueueEntry entry;
    entry.id = m_nextId++;
    entry.config = config;
    entry.resumeRunId = resumeRunId;
    const std::string json = config.toJson();
    entry.name = QString::fromStdString(config.name.empty() ? defaultRunName(json) : config.name);
    entry.methodLabel = QString::fromStdString(methodLabel(json, methodName(config.method.kind)));
    m_entries.push_back(std::move(entry));
    const qint64 id = m_entries.back().id;
    Q_EMIT entryAdded(id, static_cast<int>(m_entries.size()) - 1);
    schedule();
    return id;
}

bool RunQueue::moveUp(qint64 entryId)
{
    return move(entryId, -1);
}

bool RunQueue::moveDown(qint64 entryId)
{
    return move(entryId, +1);
}

bool RunQueue::canMove(qint64 entryId, int offset) const
{
    const int from = rowOf(entryId);
    const int to = from + offset;
    if (from < 0 || to < 0 || to >= static_cast<int>(m_entries.size()))
        return false;
    // Only among entries that never started: started ones keep the order they ran in.
    const QueueEntry &neighbour = m_entries[static_cast<std::size_t>(to)];
    const bool neighbourWaits = neighbour.state == QueueEntryState::Queued
        || (neighbour.state == QueueEntryState::Cancelled && neighbour.runId == 0);
    return m_entries[static_cast<std::size_t>(from)].state == QueueEntryState::Queued && neighbourWaits;
}

bool RunQueue::move(qint64 entryId, int offset)
{
    if (!canMove(entryId, offset))
        return false;
    const int from = rowOf(entryId);
    const int to = from + offset;
    std::swap(m_entries[static_cast<std::size_t>(from)], m_entries[static_cast<std::size_t>(to)]);
    Q_EMIT entryMoved(entryId, from, to);
    return true;
}

bool RunQueue::cancel(qint64 entryId)
{
    QueueEntry *entry = find(entryId);
    if (entry == nullptr || isEnded(entry->state))
        return false;
    if (entry->state == QueueEntryState::Queued) {
        entry->state = QueueEntryState::Cancelled;
        Q_EMIT entryChanged(entryId);
        checkIdle();
        return true;
    }
    if (entry->stopRequested)
        return true;
    entry->stopRequested = true;
    entry->message = tr("stopping");
    TrainingSession *session = m_sessions.at(entryId);
    session->requestStop();
    Q_EMIT entryChanged(entryId);
    return true;
}

bool RunQueue::setPaused(qint64 entryId, bool paused)
{
    QueueEntry *entry = find(entryId);
    const auto it = m_sessions.find(entryId);
    if (entry == nullptr || it == m_sessions.end() || entry->stopRequested)
        return false;
    entry->pauseRequested = paused;
    it->second->setPaused(paused);
    Q_EMIT entryChanged(entryId);
    return true;
}

void RunQueue::clearEnded()
{
    for (int row = static_cast<int>(m_entries.size()) - 1; row >= 0; --row) {
        if (!isEnded(m_entries[static_cast<std::size_t>(row)].state))
            continue;
        const qint64 id = m_entries[static_cast<std::size_t>(row)].id;
        m_entries.erase(m_entries.begin() + row);
        Q_EMIT entryRemoved(id, row);
    }
}

void RunQueue::setMaxConcurrent(int runs)
{
    m_maxConcurrent = std::max(1, runs);
    schedule();
}

QVector<qint64> RunQueue::entryIds() const
{
    QVector<qint64> ids;
    ids.reserve(static_cast<int>(m_entries.size()));
    for (const QueueEntry &entry : m_entries)
        ids.append(entry.id);
    return ids;
}

const QueueEntry *RunQueue::entry(qint64 entryId) const
{
    const int row = rowOf(entryId);
    return row < 0 ? nullptr : &m_entries[static_cast<std::size_t>(row)];
}

TrainingSession *RunQueue::session(qint64 entryId) const
{
    const auto it = m_sessions.find(entryId);
    return it == m_sessions.end() ? nullptr : it->second;
}

int RunQueue::queuedCount() const
{
    return static_cast<int>(std::count_if(m_entries.begin(), m_entries.end(),
        [](const QueueEntry &e) { return e.state == QueueEntryState::Queued; }));
}

QueueEntry *RunQueue::find(qint64 entryId)
{
    const int row = rowOf(entryId);
    return row < 0 ? nullptr : &m_entries[static_cast<std::size_t>(row)];
}

int RunQueue::rowOf(qint64 entryId) const
{
    const auto it
        = std::find_if(m_entries.begin(), m_entries.end(), [entryId](const QueueEntry &e) { return e.id == entryId; });
    return it == m_entries.end() ? -1 : static_cast<int>(it - m_entries.begin());
}

void RunQueue::schedule()
{
    // By id, not by reference: starting one emits signals whose receivers may change the queue.
    for (const qint64 id : entryIds()) {
        if (trainingCount() >= m_maxConcurrent)
            return;
        QueueEntry *entry = find(id);
        if (entry != nullptr && entry->state == QueueEntryState::Queued)
            start(*entry);
    }
}

void RunQueue::start(QueueEntry &entry)
{
    RunConfig config = entry.config;
    // The cores the window leaves to training (TrainingSession::windowThreads), shared out.
    if (config.train.threads <= 0)
        config.train.threads = std::max(1, TrainingSession::windowThreads(0) / m_maxConcurrent);

    const qint64 id = entry.id;
    auto *session = new TrainingSession(this);
    connect(session, &TrainingSession::statusChanged, this,
        [this, id](TrainerStatus status, const QString &message) { sessionStatus(id, status, message); });
    connect(session, &TrainingSession::prepared, this, [this, id](const RunPreparation &preparation) {
        if (QueueEntry *e = find(id)) {
            e->totalSteps = preparation.totalSteps;
            e->step = preparation.startStep;
            Q_EMIT entryChanged(id);
        }
    });
    connect(session, &TrainingSession::stepFinished, this, [this, id](const StepMetrics &metrics) {
        if (QueueEntry *e = find(id)) {
            e->step = metrics.step;
            e->totalSteps = metrics.totalSteps;
            Q_EMIT entryChanged(id);
        }
    });
    connect(session, &TrainingSession::finished, this,
        [this, id](const TrainResult &result) { sessionFinished(id, result); });

    QString error;
    const bool started = entry.resumeRunId > 0 ? session->resume(entry.resumeRunId, m_databasePath, &error)
                                               : session->start(config, m_databasePath, &error);
    if (!started) {
        delete session;
        entry.state = QueueEntryState::Failed;
        entry.message = error;
        TrainResult result;
        result.status = TrainerStatus::Failed;
        result.message = error.toStdString();
        Q_EMIT entryChanged(id);
        Q_EMIT entryFinished(id, result);
        checkIdle();
        return;
    }
    m_busy = true;
    m_sessions.emplace(id, session);
    entry.state = QueueEntryState::Preparing;
    entry.runId = session->runId();
    entry.message.clear();
    Q_EMIT entryChanged(id);
    Q_EMIT entryStarted(id, session);
}

void RunQueue::sessionStatus(qint64 entryId, TrainerStatus status, const QString &message)
{
    QueueEntry *entry = find(entryId);
    if (entry == nullptr)
        return;
    switch (status) {
    case TrainerStatus::Preparing:
        entry->state = QueueEntryState::Preparing;
        break;
    case TrainerStatus::Running:
    case TrainerStatus::Evaluating:
        entry->state = QueueEntryState::Running;
        break;
    case TrainerStatus::Paused:
        entry->state = QueueEntryState::Paused;
        break;
    case TrainerStatus::Finished:
    case TrainerStatus::Stopped:
    case TrainerStatus::Failed:
        break; // the session's finished() ends the entry, with the result
    }
    if (!entry->stopRequested)
        entry->message = status == TrainerStatus::Evaluating ? tr("evaluating %1").arg(message) : message;
    Q_EMIT entryChanged(entryId);
}

void RunQueue::sessionFinished(qint64 entryId, const TrainResult &result)
{
    const auto it = m_sessions.find(entryId);
    TrainingSession *session = it == m_sessions.end() ? nullptr : it->second;
    if (it != m_sessions.end())
        m_sessions.erase(it);
    if (QueueEntry *entry = find(entryId)) {
        switch (result.status) {
        case TrainerStatus::Finished:
            entry->state = QueueEntryState::Finished;
            break;
        case TrainerStatus::Stopped:
            entry->state = QueueEntryState::Stopped;
            break;
        default:
            entry->state = QueueEntryState::Failed;
            break;
        }
        entry->step = result.steps;
        entry->message = QString::fromStdString(result.message);
        entry->pauseRequested = false;
        Q_EMIT entryChanged(entryId);
    }
    Q_EMIT entryFinished(entryId, result);
    if (session != nullptr)
        session->deleteLater();
    schedule();
    checkIdle();
}

void RunQueue::checkIdle()
{
    if (m_busy && trainingCount() == 0 && queuedCount() == 0) {
        m_busy = false;
        Q_EMIT idle();
    }
}

} // namespace ladder
