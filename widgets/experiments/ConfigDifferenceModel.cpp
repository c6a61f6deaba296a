// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/ConfigDifferenceModel.h"

#include "experiments/ComparedRunLabels.h"

#include <QBrush>
#include <QColor>

namespace ladder {

namespace {

// A JSON string shows without its quotes; numbers, booleans, arrays and objects as JSON.
QString shown(const std::optional<std::string> &json)
{
    if (!json)
        return QStringLiteral("—");
    QString text = QString::fromStdString(*json);
    if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
        text = text.mid(1, text.size() - 2);
    return text;
}

} // namespace

ConfigDifferenceModel::ConfigDifferenceModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ConfigDifferenceModel::setComparison(const RunComparison &comparison)
{
    std::vector<RunId> ids;
    for (const ComparedRun &run : comparison.runs)
        ids.push_back(run.run.id);
    const QStringList labels = comparedRunLabels(comparison.runs);
    bool same = ids == m_runIds && labels == m_runLabels && comparison.differences.size() == m_differences.size();
    for (std::size_t i = 0; same && i < m_differences.size(); ++i)
        same = m_differences[i].path == comparison.differences[i].path
            && m_differences[i].values == comparison.differences[i].values;
    if (same)
        return; // a live refresh of runs whose configuration cannot change: keep the view as it is
    beginResetModel();
    m_differences = comparison.differences;
    m_runLabels = labels;
    m_runIds = ids;
    endResetModel();
}

int ConfigDifferenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_differences.size());
}

int ConfigDifferenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_runIds.size());
}

QVariant ConfigDifferenceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const ConfigDifference &difference = m_differences[static_cast<std::size_t>(index.row())];
    const auto &value = difference.values.at(static_cast<std::size_t>(index.column()));
    const bool differs = index.column() > 0 && value != difference.values.front();
    switch (role) {
    case Qt::DisplayRole:
        return shown(value);
    case Qt::ToolTipRole:
        return value ? QString::fromStdString(*value) : tr("Not set in this run's configuration");
    case DiffersRole:
        return differs;
    case Qt::BackgroundRole:
        if (differs)
            return QBrush(QColor(0xff, 0xe8, 0xa3));
        return {};
    case Qt::ForegroundRole:
        if (differs)
            return QBrush(QColor(0x20, 0x20, 0x20));
        return {};
    default:
        return {};
    }
}

QVariant ConfigDifferenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section >= rowCount())
            return {};
        const QString pointer = QString::fromStdString(m_differences[static_cast<std::size_t>(section)].path);
        if (role == Qt::DisplayRole) {
            // "/method/rank" reads as the key path `--set` and docs/run-config.md use: method.rank.
            QString path = pointer.startsWith(QLatin1Char('/')) ? pointer.mid(1) : pointer;
            path.replace(QLatin1Char('/'), QLatin1Char('.'));
            return path.replace(QStringLiteral("~1"), QStringLiteral("/"))
                .replace(QStringLiteral("~0"), QStringLiteral("~"));
        }
        if (role == Qt::ToolTipRole)
            return pointer;
        return {};
    }
    if (section >= columnCount())
        return {};
    if (role == Qt::DisplayRole)
        return m_runLabels.at(section);
    if (role == Qt::ToolTipRole)
        return section == 0 ? tr("Run %1: the reference the other runs are compared with").arg(m_runIds.front())
                            : tr("Run %1: highlighted values differ from run %2's")
                                  .arg(m_runIds[static_cast<std::size_t>(section)])
                                  .arg(m_runIds.front());
    return {};
}

} // namespace ladder
