// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/RunHistoryModel.h"

#include "experiments/RunFormatting.h"
#include "experiments/RunStatusText.h"

#include "store/RunExport.h"
#include "store/RunStore.h"

#include <QApplication>
#include <QBrush>

#include <algorithm>
#include <set>

namespace ladder {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

bool isLive(RunStatus status)
{
    return status == RunStatus::Running || status == RunStatus::Paused;
}

bool isNumberColumn(int column)
{
    switch (column) {
    case RunHistoryModel::IdColumn:
    case RunHistoryModel::StepsColumn:
    case RunHistoryModel::BestValidationColumn:
    case RunHistoryModel::TestScoreColumn:
    case RunHistoryModel::PeakMemoryColumn:
    case RunHistoryModel::TrainablePercentColumn:
    case RunHistoryModel::SamplesPerSecondColumn:
    case RunHistoryModel::DurationColumn:
        return true;
    default:
        return false;
    }
}

QVariant optionalNumber(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

RunHistoryModel::RunHistoryModel(const QString &databasePath, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(std::make_unique<RunStore>(databasePath.toStdString()))
{
    m_dataVersion = m_store->dataVersion();
    reload();
    m_followTimer.setInterval(1000);
    connect(&m_followTimer, &QTimer::timeout, this, &RunHistoryModel::followFile);
    m_followTimer.start();
}

RunHistoryModel::~RunHistoryModel() = default;

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RunHistoryModel::databasePath() const
{
    return fromStd(m_store->path());
}

RunId RunHistoryModel::runId(int row) const
{
    return m_rows.at(static_cast<std::size_t>(row)).run.run.id;
}

int RunHistoryModel::rowOf(RunId id) const
{
    const auto found = std::lower_bound(
        m_rows.begin(), m_rows.end(), id, [](const Row &row, RunId value) { return row.run.run.id < value; });
    if (found == m_rows.end() || found->run.run.id != id)
        return -1;
    return static_cast<int>(found - m_rows.begin());
}

const ComparedRun &RunHistoryModel::run(int row) const
{
    return m_rows.at(static_cast<std::size_t>(row)).run;
}

RunHistoryModel::Row RunHistoryModel::makeRow(ComparedRun run) const
{
    Row row;
    const RunRecord &record = run.run;
    QStringList words = { fromStd(record.name), fromStd(run.label), fromStd(run.task), fromStd(record.task),
        fromStd(run.backbone), fromStd(record.backbone) };
    for (const std::string &tag : record.tags)
        words << fromStd(tag);
    row.searchText = words.join(QLatin1Char('\n')).toLower();
    row.run = std::move(run);
    return row;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const RunRecord &record = row.run.run;
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, index.column());
    case SortRole:
        return sortValue(row, index.column());
    case RunIdRole:
        return QVariant::fromValue<qint64>(record.id);
    case StatusRole:
        return static_cast<int>(record.status);
    case SearchTextRole:
        return row.searchText;
    case Qt::TextAlignmentRole:
        if (isNumberColumn(index.column()))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn) {
            if (const QColor colour = runStatusColor(record.status, QApplication::palette()); colour.isValid())
                return QBrush(colour);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn: {
            QString tip = fromStd(record.name);
            if (!record.tags.empty()) {
                QStringList tags;
                for (const std::string &tag : record.tags)
                    tags << fromStd(tag);
                tip += QLatin1Char('\n') + tr("Tags: %1").arg(tags.join(QStringLiteral(", ")));
            }
            if (!record.notes.empty())
                tip += QLatin1Char('\n') + fromStd(record.notes);
            return tip;
        }
        case BackboneColumn:
            return fromStd(record.backbone);
        case TaskColumn:
            return fromStd(record.task);
        case BestValidationColumn:
            if (!row.run.bestValidationScore)
                return {};
            return tr("Best validation score, at step %1").arg(row.run.bestValidationStep);
        case PeakMemoryColumn:
            if (!row.run.peakBytes)
                return {};
            return tr("Highest tensor memory the allocator measured on %1, at step %2")
                .arg(fromStd(record.host.device))
                .arg(row.run.peakStep);
        case StatusColumn:
            // Why a failed run failed, in the words the error used.
            return record.statusMessage.empty() ? QVariant() : QVariant(fromStd(record.statusMessage));
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant RunHistoryModel::displayValue(const Row &row, int column) const
{
    const ComparedRun &run = row.run;
    const RunRecord &record = run.run;
    switch (column) {
    case IdColumn:
        return QVariant::fromValue<qint64>(record.id);
    case NameColumn:
        return fromStd(record.name);
    case BackboneColumn:
        return fromStd(run.backbone);
    case MethodColumn:
        return fromStd(run.label);
    case TaskColumn:
        return fromStd(run.task);
    case StatusColumn:
        return runStatusText(record.status);
    case StepsColumn:
        return record.startedAt > 0 || run.steps > 0 ? QVariant::fromValue<qint64>(run.steps) : QVariant();
    case BestValidationColumn:
        return run.bestValidationScore ? formatScore(*run.bestValidationScore) : QVariant();
    case TestScoreColumn:
        return run.testScore ? formatScore(*run.testScore) : QVariant();
    case PeakMemoryColumn:
        return run.peakBytes ? formatBytes(static_cast<double>(*run.peakBytes)) : QVariant();
    case TrainablePercentColumn:
        return run.trainablePercent ? formatPercent(*run.trainablePercent) : QVariant();
    case SamplesPerSecondColumn:
        return run.samplesPerSecond ? formatRate(*run.samplesPerSecond) : QVariant();
    case StartedColumn:
        return formatTime(record.startedAt);
    case DurationColumn:
        return run.durationSeconds > 0 ? formatDuration(run.durationSeconds) : QVariant();
    default:
        return {};
    }
}

QVariant RunHistoryModel::sortValue(const Row &row, int column) const
{
    const ComparedRun &run = row.run;
    const RunRecord &record = run.run;
    switch (column) {
    case IdColumn:
        return QVariant::fromValue<qint64>(record.id);
    case StatusColumn:
        return static_cast<int>(record.status);
    case StepsColumn:
        return QVariant::fromValue<qint64>(run.steps);
    case BestValidationColumn:
        return optionalNumber(run.bestValidationScore);
    case TestScoreColumn:
        return optionalNumber(run.testScore);
    case PeakMemoryColumn:
        return run.peakBytes ? QVariant::fromValue<qint64>(*run.peakBytes) : QVariant();
    case TrainablePercentColumn:
        return optionalNumber(run.trainablePercent);
    case SamplesPerSecondColumn:
        return optionalNumber(run.samplesPerSecond);
    case StartedColumn:
        return record.startedAt > 0 ? QVariant(record.startedAt) : QVariant();
    case DurationColumn:
        return run.durationSeconds > 0 ? QVariant(run.durationSeconds) : QVariant();
    default:
        return displayValue(row, column).toString().toLower();
    }
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case StepsColumn:
            return tr("The last optimizer step the run recorded");
        case BestValidationColumn:
            return tr("The best validation score (the task's metric, ×100)");
        case TestScoreColumn:
            return tr("The test split's score (the task's metric, ×100)");
        case PeakMemoryColumn:
            return tr("Peak training tensor memory");
        case TrainablePercentColumn:
            return tr("Trainable parameters as a share of all parameters");
        case SamplesPerSecondColumn:
            return tr("Mean training throughput");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue((isNumberColumn(section) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("ID");
    case NameColumn:
        return tr("Name");
    case BackboneColumn:
        return tr("Backbone");
    case MethodColumn:
        return tr("Method");
    case TaskColumn:
        return tr("Task");
    case StatusColumn:
        return tr("Status");
    case StepsColumn:
        return tr("Steps");
    case BestValidationColumn:
        return tr("Best validation");
    case TestScoreColumn:
        return tr("Test");
    case PeakMemoryColumn:
        return tr("Peak memory");
    case TrainablePercentColumn:
        return tr("Trainable");
    case SamplesPerSecondColumn:
        return tr("Samples/s");
    case StartedColumn:
        return tr("Started");
    case DurationColumn:
        return tr("Duration");
    default:
        return {};
    }
}

void RunHistoryModel::refresh()
{
    const std::int64_t version = m_store->dataVersion();
    if (version == m_dataVersion)
        return;
    m_dataVersion = version;
    reload();
}

void RunHistoryModel::followFile()
{
    // An exception must not leave a timer slot: Qt's event loop cannot carry it.
    try {
        refresh();
    } catch (const std::exception &error) {
        Q_EMIT followFailed(QString::fromStdString(error.what()));
    }
}

void RunHistoryModel::reload()
{
    const std::vector<RunRecord> records = m_store->listRuns();
    if (m_rows.empty()) {
        // Nothing to preserve yet: one insert of every row.
        if (records.empty())
            return;
        std::vector<Row> rows;
        rows.reserve(records.size());
        for (const RunRecord &record : records)
            rows.push_back(makeRow(compareRun(*m_store, record.id)));
        beginInsertRows({}, 0, static_cast<int>(rows.size()) - 1);
        m_rows = std::move(rows);
        endInsertRows();
        return;
    }
    removeMissing(records);
    insertNew(records);
    updateChanged(records);
}

void RunHistoryModel::removeMissing(const std::vector<RunRecord> &records)
{
    std::set<RunId> present;
    for (const RunRecord &record : records)
        present.insert(record.id);
    // From the end, one removal per contiguous block of vanished rows.
    int row = rowCount() - 1;
    while (row >= 0) {
        if (present.count(runId(row))) {
            --row;
            continue;
        }
        const int last = row;
        while (row >= 0 && !present.count(runId(row)))
            --row;
        const int first = row + 1;
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
    }
}

void RunHistoryModel::insertNew(const std::vector<RunRecord> &records)
{
    // Both lists are ordered by id; new ids that land next to each other go in as one block.
    std::size_t i = 0;
    while (i < records.size()) {
        if (rowOf(records[i].id) >= 0) {
            ++i;
            continue;
        }
        const auto position = std::lower_bound(m_rows.begin(), m_rows.end(), records[i].id,
            [](const Row &row, RunId value) { return row.run.run.id < value; });
        const RunId nextExisting = position == m_rows.end() ? INT64_MAX : position->run.run.id;
        const int first = static_cast<int>(position - m_rows.begin());
        std::vector<Row> block;
        while (i < records.size() && records[i].id < nextExisting) {
            block.push_back(makeRow(compareRun(*m_store, records[i].id)));
            ++i;
        }
        beginInsertRows({}, first, first + static_cast<int>(block.size()) - 1);
        m_rows.insert(
            m_rows.begin() + first, std::make_move_iterator(block.begin()), std::make_move_iterator(block.end()));
        endInsertRows();
    }
}

void RunHistoryModel::updateChanged(const std::vector<RunRecord> &records)
{
    for (const RunRecord &record : records) {
        const int row = rowOf(record.id);
        if (row < 0)
            continue;
        Row &current = m_rows[static_cast<std::size_t>(row)];
        const RunRecord &before = current.run.run;
        // Curves only grow while a run is live; a status change covers a run that just ended
        // (its last points) and one a resume trimmed back to its checkpoint.
        const bool figuresMayHaveChanged
            = isLive(before.status) || isLive(record.status) || before.status != record.status;
        if (figuresMayHaveChanged) {
            current = makeRow(compareRun(*m_store, record.id));
        } else if (!(before == record)) {
            // Name, tags, notes: the figures stay, the labels may follow the record.
            ComparedRun run = current.run;
            run.run = record;
            current = makeRow(std::move(run));
        } else {
            continue;
        }
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void RunHistoryModel::renameRun(RunId id, const QString &name)
{
    m_store->setName(id, name.toStdString());
    reload();
}

void RunHistoryModel::setTags(RunId id, const QStringList &tags)
{
    const RunRecord record = m_store->run(id);
    std::set<std::string> wanted;
    for (const QString &tag : tags) {
        const QString trimmed = tag.trimmed();
        if (!trimmed.isEmpty())
            wanted.insert(trimmed.toStdString());
    }
    for (const std::string &tag : record.tags) {
        if (!wanted.count(tag))
            m_store->removeTag(id, tag);
    }
    for (const std::string &tag : wanted) {
        if (std::find(record.tags.begin(), record.tags.end(), tag) == record.tags.end())
            m_store->addTag(id, tag);
    }
    reload();
}

void RunHistoryModel::setNotes(RunId id, const QString &notes)
{
    m_store->setNotes(id, notes.toStdString());
    reload();
}

void RunHistoryModel::removeRun(RunId id)
{
    m_store->removeRun(id);
    reload();
}

QByteArray RunHistoryModel::exportJson(const QList<qint64> &ids) const
{
    const std::vector<RunId> runs(ids.begin(), ids.end());
    return QByteArray::fromStdString(exportRunsJson(*m_store, runs));
}

bool RunHistoryModel::canResume(RunId id) const
{
    const int row = rowOf(id);
    if (row < 0)
        return false;
    const RunStatus status = run(row).run.status;
    const bool resumable
        = status == RunStatus::Interrupted || status == RunStatus::Stopped || status == RunStatus::Failed;
    return resumable && m_store->lastCheckpoint(id).has_value();
}

} // namespace ladder
