// SPDX-License-Identifier: GPL-3.0-or-later
// The designer's task picker: a demo task, a GLUE folder (which of the nine tasks it holds, as
// the engine names them), or the user's own TSV/CSV/JSONL file with a preview of what trains —
// read through the engine's own readers, so its errors appear here with file and line. The file
// is read on a worker thread; the folder and file buttons offer the recent choices.
#pragma once

#include "data/Example.h"
#include "data/GenericTask.h"
#include "train/RunConfig.h"

#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QStandardItemModel;
class QTableView;

namespace ladder {

class RecentPathsButton;
class WorkbenchSettings;

class TaskPicker : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TaskPicker)

public:
    explicit TaskPicker(QWidget *parent = nullptr);

    /// Shows @p task: its kind, and its demo name, GLUE folder and task, or file and columns.
    void setTask(const TaskConfig &task);
    /// @p base with the picked task's fields set (kind, name, dir; or train, format, columns).
    TaskConfig task(const TaskConfig &base) const;

    /// Selects @p dir as the GLUE folder (what the folder dialog does) and lists the tasks in it;
    /// false, with "no GLUE task files in …" shown under it, when it holds none.
    bool chooseGlueFolder(const QString &dir);
    /// Selects @p path as the task file (what the file dialog does): the format follows the
    /// suffix and the columns are read at once (false when the header cannot be read); the
    /// whole file is read in the background, its preview, class balance or error shown when
    /// previewUpdated() is emitted.
    bool chooseFile(const QString &path);
    /// Whether a task file's background read has not ended yet.
    bool isReadingFile() const;
    /// Where the recent GLUE folders and task files are remembered (null: nowhere).
    void setSettings(WorkbenchSettings *settings);

Q_SIGNALS:
    void taskChanged();
    /// A background read ended and its preview, balance or error is shown.
    void previewUpdated();

private:
    QWidget *buildGluePage();
    QWidget *buildFilePage();
    /// Reads the header and offers its columns (keeping the choices that still exist).
    void readColumns();
    /// Starts reading the file with the chosen columns on a worker thread (a read still running
    /// is then ignored when it ends).
    void updatePreview();
    /// What a background read found: the examples, or the reader's message.
    struct FileRead
    {
        Dataset data;
        QString error;
    };
    /// Shows a read's preview, class balance, or the reader's error.
    void showFileRead(const GenericTaskSpec &spec, const FileRead &read);
    std::vector<std::string> checkedTextColumns() const;
    void setFileError(const QString &message);

    QComboBox *m_kind = nullptr;
    QList<QWidget *> m_pages; ///< demo, GLUE, file: in m_kind's order
    QComboBox *m_demo = nullptr;
    QLineEdit *m_glueFolder = nullptr;
    QComboBox *m_glueTask = nullptr;
    QLabel *m_glueError = nullptr;
    QLineEdit *m_file = nullptr;
    QComboBox *m_format = nullptr;
    QListWidget *m_textColumns = nullptr; ///< checkable, drag to reorder: the order they are written
    QComboBox *m_labelColumn = nullptr;
    QCheckBox *m_regression = nullptr;
    QLabel *m_balance = nullptr;
    QLabel *m_fileError = nullptr;
    QStandardItemModel *m_previewModel = nullptr;
    QTableView *m_preview = nullptr;
    RecentPathsButton *m_chooseGlueFolder = nullptr;
    RecentPathsButton *m_chooseFile = nullptr;
    quint64 m_previewGeneration = 0; ///< bumped by every read started
    quint64 m_shownGeneration = 0;   ///< the read whose result is shown
};

} // namespace ladder
