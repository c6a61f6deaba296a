// SPDX-License-Identifier: GPL-3.0-or-later
// The paper-style table of a comparison (core's ComparisonRow: method, trainable share,
// training memory, score per task and their mean, samples/s), formatted for a QTableView.
#pragma once

#include "experiments/RunComparison.h"

#include <QAbstractTableModel>

namespace ladder {

class ComparisonTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComparisonTableModel)

public:
    /// The number behind a cell as compareRuns() gave it (double; bytes as qint64); invalid
    /// when the cell is empty or not a number.
    static constexpr int ValueRole = Qt::UserRole + 1;

    enum FixedColumn { MethodColumn, BackboneColumn, TrainableColumn, MemoryColumn, FirstTaskColumn };

    explicit ComparisonTableModel(QObject *parent = nullptr);

    void setComparison(const RunComparison &comparison);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int meanColumn() const;
    int samplesPerSecondColumn() const;
    /// The column of `task`, or -1.
    int taskColumn(const std::string &task) const;

private:
    std::vector<ComparisonRow> m_rows;
    std::vector<std::string> m_tasks;
};

} // namespace ladder
