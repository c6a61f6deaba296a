// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/ComparisonTableModel.h"

#include "experiments/RunFormatting.h"

#include <QFont>

#include <algorithm>

namespace ladder {

namespace {

// Marks of scores that are not (only) test scores, the ones `ladder compare` and the exports use.
QString sourceMark(ScoreSource source)
{
    switch (source) {
    case ScoreSource::Test:
        return {};
    case ScoreSource::Validation:
        return ComparisonTableModel::tr(" (val)");
    case ScoreSource::Mixed:
        return ComparisonTableModel::tr(" (mixed)");
    }
    return {};
}

} // namespace

ComparisonTableModel::ComparisonTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ComparisonTableModel::setComparison(const RunComparison &comparison)
{
    const bool sameShape = comparison.tasks == m_tasks && comparison.rows.size() == m_rows.size();
    if (sameShape) {
        // A live refresh: same rows and columns, new numbers; the view keeps its selection.
        m_rows = comparison.rows;
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_rows = comparison.rows;
    m_tasks = comparison.tasks;
    endResetModel();
}

int ComparisonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ComparisonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstTaskColumn + static_cast<int>(m_tasks.size()) + 2;
}

int ComparisonTableModel::meanColumn() const
{
    return FirstTaskColumn + static_cast<int>(m_tasks.size());
}

int ComparisonTableModel::samplesPerSecondColumn() const
{
    return meanColumn() + 1;
}

int ComparisonTableModel::taskColumn(const std::string &task) const
{
    const auto found = std::find(m_tasks.begin(), m_tasks.end(), task);
    return found == m_tasks.end() ? -1 : FirstTaskColumn + static_cast<int>(found - m_tasks.begin());
}

QVariant ComparisonTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const ComparisonRow &row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    const bool isTask = column >= FirstTaskColumn && column < meanColumn();
    const TaskScore *cell = nullptr;
    if (isTask) {
        const auto found = row.scores.find(m_tasks[static_cast<std::size_t>(column - FirstTaskColumn)]);
        if (found != row.scores.end())
            cell = &found->second;
    }

    if (role == ValueRole) {
        if (column == TrainableColumn && row.trainablePercent)
            return *row.trainablePercent;
        if (column == MemoryColumn && row.peakBytes)
            return QVariant::fromValue<qint64>(*row.peakBytes);
        if (cell)
            return cell->value;
        if (column == meanColumn() && row.meanScore)
            return *row.meanScore;
        if (column == samplesPerSecondColumn() && row.samplesPerSecond)
            return *row.samplesPerSecond;
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
        case MethodColumn:
            return QString::fromStdString(row.method);
        case BackboneColumn:
            return QString::fromStdString(row.backbone);
        case TrainableColumn:
            return row.trainablePercent ? formatPercent(*row.trainablePercent) : QVariant();
        case MemoryColumn:
            return row.peakBytes ? formatBytes(static_cast<double>(*row.peakBytes)) : QVariant();
        default:
            break;
        }
        if (cell)
            return QString(formatScore(cell->value) + sourceMark(cell->source));
        if (column == meanColumn())
            return row.meanScore ? formatScore(*row.meanScore) : QVariant();
        if (column == samplesPerSecondColumn())
            return row.samplesPerSecond ? formatRate(*row.samplesPerSecond) : QVariant();
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue((column >= TrainableColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role == Qt::FontRole && column == meanColumn()) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ToolTipRole) {
        if (cell) {
            QStringList ids;
            for (RunId id : cell->runs)
                ids << QString::number(id);
            const QString what = cell->source == ScoreSource::Test ? tr("Test score")
                : cell->source == ScoreSource::Validation ? tr("Best validation score (the run has no test score)")
                                                          : tr("Mean of test and best validation scores");
            return tr("%1, mean over runs %2").arg(what, ids.join(QStringLiteral(", ")));
        }
        if (column == meanColumn() && !row.meanScore)
            return tr("No mean: the row has no score on every task");
        if (column == MemoryColumn)
            return tr("The highest peak training memory of the row's runs");
    }
    return {};
}

QVariant ComparisonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section >= FirstTaskColumn && section < meanColumn())
        return tr("Score ×100: the test score; (val) the best validation score of a run without one; "
                  "(mixed) a mean over runs of both kinds");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MethodColumn:
        return tr("Method");
    case BackboneColumn:
        return tr("Backbone");
    case TrainableColumn:
        return tr("Trainable");
    case MemoryColumn:
        return tr("Peak memory");
    default:
        break;
    }
    if (section == meanColumn())
        return tr("Mean");
    if (section == samplesPerSecondColumn())
        return tr("Samples/s");
    if (section >= FirstTaskColumn && section < meanColumn())
        return QString::fromStdString(m_tasks[static_cast<std::size_t>(section - FirstTaskColumn)]);
    return {};
}

} // namespace ladder
