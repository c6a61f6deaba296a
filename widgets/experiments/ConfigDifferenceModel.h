// SPDX-License-Identifier: GPL-3.0-or-later
// Where the compared runs' configurations differ: one row per key path, one column per run,
// values that differ from the first run's highlighted.
#pragma once

#include "experiments/RunComparison.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace ladder {

class ConfigDifferenceModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigDifferenceModel)

public:
    /// Whether the cell's value differs from the first run's (bool).
    static constexpr int DiffersRole = Qt::UserRole + 1;

    explicit ConfigDifferenceModel(QObject *parent = nullptr);

    void setComparison(const RunComparison &comparison);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ConfigDifference> m_differences;
    QStringList m_runLabels;
    std::vector<RunId> m_runIds;
};

} // namespace ladder
