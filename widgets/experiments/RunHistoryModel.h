// SPDX-License-Identifier: GPL-3.0-or-later
// Every run of the experiment store as a table, following the database file: runs another
// process writes (`ladder train`, `ladder import`) appear within two seconds.
#pragma once

#include "experiments/RunComparison.h"
#include "store/RunRecords.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

namespace ladder {

class RunStore;

class RunHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunHistoryModel)

public:
    enum Column {
        IdColumn,
        NameColumn,
        BackboneColumn,
        MethodColumn,
        TaskColumn,
        StatusColumn,
        StepsColumn,
        BestValidationColumn,
        TestScoreColumn,
        PeakMemoryColumn,
        TrainablePercentColumn,
        SamplesPerSecondColumn,
        StartedColumn,
        DurationColumn,
        ColumnCount
    };

    enum Role {
        /// The value to sort by: numbers as numbers, times as seconds; invalid when unknown.
        SortRole = Qt::UserRole + 1,
        RunIdRole, ///< qint64
        StatusRole, ///< int(RunStatus)
        /// Name, method label, task, backbone and tags in one lower-case text, for the filter box.
        SearchTextRole,
    };

    /// Opens its own connection to the database at `databasePath` and starts following it
    /// (a check of the file's data version every second). Throws ladder::Error when the
    /// database cannot be opened.
    explicit RunHistoryModel(const QString &databasePath, QObject *parent = nullptr);
    ~RunHistoryModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString databasePath() const;
    RunId runId(int row) const;
    /// The row showing `id`, or -1.
    int rowOf(RunId id) const;
    /// The row's run with the figures the comparison shows (core's compareRun(): the history
    /// and the compare view never disagree).
    const ComparedRun &run(int row) const;

    /// Checks the file now: when another connection committed since the last check, applies
    /// the difference with row inserts, removals and dataChanged (never a reset while rows
    /// exist, so selections and scroll positions survive). Only new runs, unfinished runs and
    /// runs whose status changed are read again in full; the others only when their record
    /// (name, tags, notes) changed.
    void refresh();

    // Changes made through this model's own connection (SQLite's data version does not count
    // them), each followed by a refresh. All throw ladder::Error with the store's message,
    // e.g. removeRun() for a run a live process is writing.
    void renameRun(RunId id, const QString &name);
    void setTags(RunId id, const QStringList &tags);
    void setNotes(RunId id, const QString &notes);
    void removeRun(RunId id);

    /// RunExport's JSON document of the runs (configuration, curves, evaluations, all of it).
    QByteArray exportJson(const QList<qint64> &ids) const;
    /// Whether `id` can be resumed: interrupted, stopped or failed, with a checkpoint.
    bool canResume(RunId id) const;

Q_SIGNALS:
    /// The once-a-second check could not read the file (locked too long, removed, damaged);
    /// it tries again a second later. `message` is the store's, naming the file.
    void followFailed(const QString &message);

private:
    struct Row
    {
        ComparedRun run;
        QString searchText;
    };

    Row makeRow(ComparedRun run) const;
    QVariant displayValue(const Row &row, int column) const;
    QVariant sortValue(const Row &row, int column) const;
    void reload();
    void removeMissing(const std::vector<RunRecord> &records);
    void insertNew(const std::vector<RunRecord> &records);
    void updateChanged(const std::vector<RunRecord> &records);
    void followFile();

    std::unique_ptr<RunStore> m_store;
    std::vector<Row> m_rows; // by run id ascending, as listRuns() returns them
    std::int64_t m_dataVersion = -1;
    QTimer m_followTimer;
};

} // namespace ladder
