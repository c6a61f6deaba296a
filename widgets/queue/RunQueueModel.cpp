// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/RunQueueModel.h"

#include "queue/RunQueue.h"
#include "settings/Theme.h"

#include <QApplication>
#include <QBrush>
#include <QColor>

#include <algorithm>

namespace ladder {

RunQueueModel::RunQueueModel(RunQueue *queue, QObject *parent)
    : QAbstractTableModel(parent)
    , m_queue(queue)
    , m_ids(queue->entryIds())
{
    connect(queue, &RunQueue::entryAdded, this, &RunQueueModel::added);
    connect(queue, &RunQueue::entryMoved, this, &RunQueueModel::moved);
    connect(queue, &RunQueue::entryRemoved, this, &RunQueueModel::removed);
    connect(queue, &RunQueue::entryChanged, this, &RunQueueModel::changed);
}

qint64 RunQueueModel::entryIdAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int RunQueueModel::rowOf(qint64 entryId) const
{
    return static_cast<int>(m_ids.indexOf(entryId));
}

int RunQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_ids.size());
}

int RunQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunQueueModel::data(const QModelIndex &index, int role) const
{
    const QueueEntry *entry = m_queue->entry(entryIdAt(index.row()));
    if (!index.isValid() || entry == nullptr)
        return {};
    if (role == EntryIdRole)
        return entry->id;
    if (role == StateRole)
        return static_cast<int>(entry->state);
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return entry->name;
        break;
    case MethodColumn:
        if (role == Qt::DisplayRole)
            return entry->methodLabel;
        break;
    case StateColumn:
        if (role == Qt::DisplayRole) {
            if (entry->stopRequested && !isEnded(entry->state))
                return tr("stopping");
            if (entry->pauseRequested && entry->state != QueueEntryState::Paused && !isEnded(entry->state))
                return tr("pausing");
            return queueEntryStateText(entry->state);
        }
        if (role == Qt::ToolTipRole && !entry->message.isEmpty())
            return entry->message;
        if (role == Qt::ForegroundRole && entry->state == QueueEntryState::Failed)
            return QBrush(errorColour(QApplication::palette()));
        break;
    case ProgressColumn:
        if (role == Qt::DisplayRole) {
            if (entry->totalSteps > 0)
                return tr("%1 / %2").arg(entry->step).arg(entry->totalSteps);
            return entry->step > 0 ? QString::number(entry->step) : QString();
        }
        if (role == ProgressFractionRole) {
            if (entry->totalSteps <= 0)
                return -1.0;
            return std::min(1.0, static_cast<double>(entry->step) / static_cast<double>(entry->totalSteps));
        }
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignCenter);
        break;
    case RunIdColumn:
        if (role == Qt::DisplayRole && entry->runId > 0)
            return entry->runId;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant RunQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case MethodColumn:
        return tr("Method");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case RunIdColumn:
        return tr("Run");
    default:
        return {};
    }
}

void RunQueueModel::added(qint64 entryId, int row)
{
    beginInsertRows({}, row, row);
    m_ids.insert(row, entryId);
    endInsertRows();
}

void RunQueueModel::moved(qint64 entryId, int fromRow, int toRow)
{
    // beginMoveRows names the destination as the row the moved one lands before.
    const int destination = toRow > fromRow ? toRow + 1 : toRow;
    if (!beginMoveRows({}, fromRow, fromRow, {}, destination))
        return;
    m_ids.move(fromRow, toRow);
    endMoveRows();
    Q_UNUSED(entryId)
}

void RunQueueModel::removed(qint64 entryId, int row)
{
    Q_UNUSED(entryId)
    beginRemoveRows({}, row, row);
    m_ids.remove(row);
    endRemoveRows();
}

void RunQueueModel::changed(qint64 entryId)
{
    const int row = rowOf(entryId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace ladder
