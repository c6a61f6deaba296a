// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QSpinBox;
class QTableView;

namespace ladder {

class RunQueue;
class RunQueueModel;
class WorkbenchSettings;

/// The run queue dock's content: the queue's table with the selected entry's last message below
/// it, actions on the selected entry (move up, move down, pause or resume, cancel), clearing
/// ended entries, and how many runs train at once (applied to the queue and remembered in
/// `settings`).
class QueueView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueView)

public:
    /// `settings` must outlive the view; the queue starts with its parallelRuns().
    QueueView(RunQueue *queue, WorkbenchSettings *settings, QWidget *parent = nullptr);

    RunQueueModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    /// The selected entry's id (0: none).
    qint64 selectedEntry() const;
    void selectEntry(qint64 entryId);

    QAction *moveUpAction() const { return m_moveUp; }
    QAction *moveDownAction() const { return m_moveDown; }
    QAction *pauseAction() const { return m_pause; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *clearEndedAction() const { return m_clearEnded; }

private:
    void updateActions();
    void pauseOrResume();

    RunQueue *m_queue;
    WorkbenchSettings *m_settings;
    RunQueueModel *m_model;
    QTableView *m_table;
    QSpinBox *m_parallelRuns;
    QLabel *m_details; ///< the selected entry's last message (why it failed, what it does)
    QAction *m_moveUp;
    QAction *m_moveDown;
    QAction *m_pause;
    QAction *m_cancel;
    QAction *m_clearEnded;
};

} // namespace ladder
