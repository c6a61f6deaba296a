// SPDX-License-Identifier: GPL-3.0-or-later
// The run history as the user narrows and sorts it: a text filter over name, method label,
// task, backbone and tags; a status filter; sorting by each column's real value.
#pragma once

#include "store/RunRecords.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace ladder {

class RunHistoryFilter : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunHistoryFilter)

public:
    explicit RunHistoryFilter(QObject *parent = nullptr);

    /// Rows whose name, method label, task, backbone or a tag contains every word of `text`
    /// (case-insensitive); empty: every row.
    void setFilterText(const QString &text);
    QString filterText() const;
    /// Only runs of this status; none: every status.
    void setStatusFilter(std::optional<RunStatus> status);
    std::optional<RunStatus> statusFilter() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    /// By RunHistoryModel::SortRole; a missing value (no test score yet) sorts before any.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QStringList m_words;
    std::optional<RunStatus> m_status;
};

} // namespace ladder
