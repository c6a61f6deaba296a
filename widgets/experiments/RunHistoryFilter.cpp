// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/RunHistoryFilter.h"

#include "experiments/RunHistoryModel.h"

namespace ladder {

RunHistoryFilter::RunHistoryFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(RunHistoryModel::SortRole);
    // Rows that change while sorted (a live run's steps) move to their place.
    setDynamicSortFilter(true);
}

void RunHistoryFilter::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

QString RunHistoryFilter::filterText() const
{
    return m_text;
}

void RunHistoryFilter::setStatusFilter(std::optional<RunStatus> status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

std::optional<RunStatus> RunHistoryFilter::statusFilter() const
{
    return m_status;
}

bool RunHistoryFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_status && index.data(RunHistoryModel::StatusRole).toInt() != static_cast<int>(*m_status))
        return false;
    if (m_words.isEmpty())
        return true;
    const QString text = index.data(RunHistoryModel::SearchTextRole).toString();
    for (const QString &word : m_words) {
        if (!text.contains(word))
            return false;
    }
    return true;
}

bool RunHistoryFilter::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (!a.isValid() || !b.isValid())
        return !a.isValid() && b.isValid();
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
        return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
    return a.toDouble() < b.toDouble();
}

} // namespace ladder
