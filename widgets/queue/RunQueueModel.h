// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QVector>

namespace ladder {

class RunQueue;

/// The run queue as a table: one row per entry, in queue order. Follows the queue through its
/// signals (inserts, moves, removals and per-row dataChanged; never a reset).
class RunQueueModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunQueueModel)

public:
    enum Column { NameColumn, MethodColumn, StateColumn, ProgressColumn, RunIdColumn, ColumnCount };
    enum Role {
        /// qint64: the row's queue entry id.
        EntryIdRole = Qt::UserRole + 1,
        /// double in [0, 1] (progress column); -1 while the total is unknown.
        ProgressFractionRole,
        /// int: the QueueEntryState.
        StateRole,
    };

    explicit RunQueueModel(RunQueue *queue, QObject *parent = nullptr);

    RunQueue *queue() const { return m_queue; }
    qint64 entryIdAt(int row) const;
    int rowOf(qint64 entryId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void added(qint64 entryId, int row);
    void moved(qint64 entryId, int fromRow, int toRow);
    void removed(qint64 entryId, int row);
    void changed(qint64 entryId);

    RunQueue *m_queue;
    QVector<qint64> m_ids; ///< the rows as this model has announced them
};

} // namespace ladder
