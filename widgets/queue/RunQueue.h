// SPDX-License-Identifier: GPL-3.0-or-later
// The run queue: runs wait their turn and train one (or N) at a time, each through its own
// TrainingSession, in queue order.
#pragma once

#include "train/RunConfig.h"
#include "train/Trainer.h"

#include <QObject>
#include <QString>
#include <QVector>

#include <map>
#include <vector>

namespace ladder {

class TrainingSession;

/// Where a queue entry stands. Queued entries have not started; Preparing, Running and Paused
/// ones hold a training session; the last four are ends.
enum class QueueEntryState { Queued, Preparing, Running, Paused, Finished, Stopped, Failed, Cancelled };

/// "queued", "preparing", … as people read it (translated).
QString queueEntryStateText(QueueEntryState state);
/// Finished, stopped, failed or cancelled.
bool isEnded(QueueEntryState state);

/// One run in the queue.
struct QueueEntry
{
    qint64 id = 0;                ///< stable for the queue's life; never reused
    RunConfig config;             ///< as enqueued (the thread count is chosen when it starts)
    QString name;                 ///< config.name, or the store's default name for it
    QString methodLabel;          ///< "lora r=32"
    QueueEntryState state = QueueEntryState::Queued;
    qint64 runId = 0;             ///< the store's id once started (0: not started or not stored)
    qint64 step = 0;              ///< last finished optimizer step
    qint64 totalSteps = 0;        ///< known once the run is prepared
    QString message;              ///< the trainer's last status message, or why it failed
    qint64 resumeRunId = 0;       ///< > 0: continues this stored run (enqueueResume) instead of a new one
    bool pauseRequested = false;
    bool stopRequested = false;   ///< cancelled while training: it ends stopped
};

/// Runs queued configurations in order, at most maxConcurrent() at once. Each started entry gets
/// its own TrainingSession (a worker thread) that records it in the store given at construction.
/// Lives on the GUI thread; every signal arrives there.
class RunQueue : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunQueue)

public:
    /// `databasePath`: the store runs are recorded in (empty: not recorded).
    /// `maxConcurrent`: see setMaxConcurrent().
    explicit RunQueue(const QString &databasePath, int maxConcurrent = 1, QObject *parent = nullptr);
    /// Stops every training run and waits for their threads.
    ~RunQueue() override;

    /// Appends a run; it starts when its turn comes (at once if a slot is free). Returns its id.
    qint64 enqueue(const RunConfig &config);
    /// Appends the continuation of stored run `runId` from its last checkpoint, under the same id
    /// (TrainingSession::resume). Returns its entry id, or 0 with `error` set when there is no
    /// store or the store does not have the run; a run that cannot continue (finished, owned by a
    /// live process) fails when its turn comes, with the store's reason.
    qint64 enqueueResume(qint64 runId, QString *error = nullptr);
    /// Swaps a queued entry with the one before (after) it, if that one has not started either.
    bool moveUp(qint64 entryId);
    bool moveDown(qint64 entryId);
    /// Whether moveUp()/moveDown() would move the entry.
    bool canMove(qint64 entryId, int offset) const;
    /// A queued entry is marked cancelled and never starts; a training one is asked to stop and
    /// ends stopped. False for an entry that has ended or does not exist.
    bool cancel(qint64 entryId);
    /// Pauses (or resumes) a training entry; it keeps its slot. False if it is not training.
    bool setPaused(qint64 entryId, bool paused);
    /// Removes every ended entry from the list.
    void clearEnded();

    /// At most `runs` entries train at once (at least 1). A run whose train.threads is 0 gets
    /// max(1, TrainingSession::windowThreads(0) / runs) threads when it starts (the cores
    /// the window leaves to training, shared out); one that sets threads keeps them.
    void setMaxConcurrent(int runs);
    int maxConcurrent() const { return m_maxConcurrent; }

    /// Entry ids in queue order.
    QVector<qint64> entryIds() const;
    /// The entry, or nullptr for an unknown id. Valid until the queue next changes.
    const QueueEntry *entry(qint64 entryId) const;
    /// The session of a training entry (nullptr otherwise). It is deleted after entryFinished.
    TrainingSession *session(qint64 entryId) const;
    int trainingCount() const { return static_cast<int>(m_sessions.size()); }
    int queuedCount() const;

Q_SIGNALS:
    void entryAdded(qint64 entryId, int row);
    void entryMoved(qint64 entryId, int fromRow, int toRow);
    void entryRemoved(qint64 entryId, int row);
    /// State, progress, run id or message changed.
    void entryChanged(qint64 entryId);
    /// The entry's run started; connect to the session's signals to follow it live.
    void entryStarted(qint64 entryId, ladder::TrainingSession *session);
    /// The entry's run ended (or could not start: status Failed with the reason).
    void entryFinished(qint64 entryId, const ladder::TrainResult &result);
    /// Nothing trains and nothing waits any more (after something had started).
    void idle();

private:
    qint64 append(const RunConfig &config, qint64 resumeRunId);
    QueueEntry *find(qint64 entryId);
    int rowOf(qint64 entryId) const;
    bool move(qint64 entryId, int offset);
    void schedule();
    void start(QueueEntry &entry);
    void sessionStatus(qint64 entryId, TrainerStatus status, const QString &message);
    void sessionFinished(qint64 entryId, const TrainResult &result);
    void checkIdle();

    QString m_databasePath;
    int m_maxConcurrent = 1;
    qint64 m_nextId = 1;
    bool m_busy = false;
    std::vector<QueueEntry> m_entries;
    std::map<qint64, TrainingSession *> m_sessions;
};

} // namespace ladder
