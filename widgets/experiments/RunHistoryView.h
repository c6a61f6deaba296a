// SPDX-License-Identifier: GPL-3.0-or-later
// The run history dock's content: every stored run in a sortable, filterable table, with the
// actions a user takes on runs (open, compare, rename, tag, annotate, delete, export, load the
// configuration, resume).
#pragma once

#include "store/RunRecords.h"

#include <QList>
#include <QWidget>

class QAction;
class QComboBox;
class QLineEdit;
class QMenu;
class QTableView;

namespace ladder {

class RunHistoryFilter;
class RunHistoryModel;
class WorkbenchSettings;

class RunHistoryView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunHistoryView)

public:
    /// Shows `model` (not owned; it must outlive the view). `settings` (may be null; not owned)
    /// keeps the table's column order, widths, hidden columns and sort order between starts.
    RunHistoryView(RunHistoryModel *model, WorkbenchSettings *settings, QWidget *parent = nullptr);
    ~RunHistoryView() override;

    /// The selected runs in the order the table shows them.
    QList<qint64> selectedRunIds() const;
    /// Selects these runs (those the filters hide stay unselected) and scrolls to the first.
    void selectRuns(const QList<qint64> &ids);
    /// The selected rows as the table shows them (visible columns in their order) as CSV.
    QByteArray selectedRowsCsv() const;

    QTableView *table() const { return m_table; }
    RunHistoryFilter *filter() const { return m_filter; }
    QLineEdit *filterEdit() const { return m_filterEdit; }
    QComboBox *statusCombo() const { return m_statusCombo; }

Q_SIGNALS:
    void openRequested(const QList<qint64> &runIds);
    void compareRequested(const QList<qint64> &runIds);
    void loadConfigurationRequested(const QString &configJson);
    void resumeRequested(qint64 runId);

private:
    void createActions();
    void updateActions();
    void showContextMenu(const QPoint &position);
    void showHeaderMenu(const QPoint &position);
    void saveHeaderState();
    QString runTitle(qint64 id) const;

    void renameSelected();
    void editTagsOfSelected();
    void editNotesOfSelected();
    void deleteSelected();
    void exportSelectedCsv();
    void exportSelectedJson();
    void loadConfigurationOfSelected();
    void resumeSelected();

    RunHistoryModel *m_model = nullptr;
    WorkbenchSettings *m_settings = nullptr;
    RunHistoryFilter *m_filter = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QComboBox *m_statusCombo = nullptr;
    QTableView *m_table = nullptr;

    QAction *m_openAction = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_tagsAction = nullptr;
    QAction *m_notesAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QAction *m_exportJsonAction = nullptr;
    QAction *m_loadConfigurationAction = nullptr;
    QAction *m_resumeAction = nullptr;
};

} // namespace ladder
