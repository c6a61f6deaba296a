// SPDX-License-Identifier: GPL-3.0-or-later
#include "designer/TaskPicker.h"

#include "corpus/DemoTasks.h"
#include "data/GenericTask.h"
#include "data/TaskFiles.h"
#include "designer/RecentPathsButton.h"
#include "settings/Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>
#include <map>

namespace ladder {

namespace {

// Page order of the stack and the kind combo's data: RunConfig's task.kind.
const QStringList kKinds{QStringLiteral("demo"), QStringLiteral("glue"), QStringLiteral("file")};
constexpr int kPreviewRows = 20;

QLabel *errorLabel(const char *name)
{
    auto *label = new QLabel;
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    showAsError(label);
    label->hide();
    return label;
}

QString formatForSuffix(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("csv") || suffix == QStringLiteral("jsonl"))
        return suffix;
    if (suffix == QStringLiteral("json") || suffix == QStringLiteral("ndjson"))
        return QStringLiteral("jsonl");
    return QStringLiteral("tsv");
}

} // namespace

TaskPicker::TaskPicker(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("taskKind"));
    m_kind->addItem(tr("Demo task"), kKinds[0]);
    m_kind->addItem(tr("GLUE folder"), kKinds[1]);
    m_kind->addItem(tr("File (TSV, CSV, JSONL)"), kKinds[2]);
    layout->addWidget(m_kind);
    m_demo = new QComboBox;
    m_demo->setObjectName(QStringLiteral("task"));
    for (const DemoTaskInfo &info : demoTaskInfos()) {
        m_demo->addItem(QString::fromStdString(info.name));
        m_demo->setItemData(m_demo->count() - 1, QString::fromStdString(info.description), Qt::ToolTipRole);
    }
    // Pages in one column, only the current one shown: hidden widgets take no room, so a demo
    // task keeps the form short while a file's preview gets its height.
    m_pages = {m_demo, buildGluePage(), buildFilePage()};
    for (QWidget *page : m_pages)
        layout->addWidget(page);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int index) {
        for (int i = 0; i < m_pages.size(); ++i)
            m_pages[i]->setVisible(i == index);
        // The enclosing form caches our height for its width; a new page changes it.
        this->layout()->invalidate();
        updateGeometry();
        Q_EMIT taskChanged();
    });
    for (int i = 1; i < m_pages.size(); ++i)
        m_pages[i]->hide();
    connect(m_demo, &QComboBox::currentIndexChanged, this, &TaskPicker::taskChanged);
    connect(m_glueTask, &QComboBox::currentIndexChanged, this, &TaskPicker::taskChanged);
}

QWidget *TaskPicker::buildGluePage()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_glueFolder = new QLineEdit;
    m_glueFolder->setObjectName(QStringLiteral("glueFolder"));
    m_glueFolder->setReadOnly(true);
    m_glueFolder->setPlaceholderText(tr("a folder with CoLA/, SST-2/, … or one of them"));
    m_chooseGlueFolder = new RecentPathsButton(WorkbenchSettings::PathKind::GlueFolder, page);
    m_chooseGlueFolder->setObjectName(QStringLiteral("chooseGlueFolder"));
    row->addWidget(m_glueFolder, 1);
    row->addWidget(m_chooseGlueFolder);
    layout->addLayout(row);
    m_glueTask = new QComboBox;
    m_glueTask->setObjectName(QStringLiteral("glueTask"));
    m_glueTask->setToolTip(tr("The GLUE tasks found in the folder, by the names `ladder train` uses (task.name)"));
    layout->addWidget(m_glueTask);
    m_glueError = errorLabel("glueError");
    layout->addWidget(m_glueError);
    connect(m_chooseGlueFolder, &RecentPathsButton::browseRequested, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("GLUE folder"),
            m_chooseGlueFolder->dialogStart(m_glueFolder->text()));
        if (!dir.isEmpty())
            chooseGlueFolder(dir);
    });
    connect(m_chooseGlueFolder, &RecentPathsButton::recentChosen, this, &TaskPicker::chooseGlueFolder);
    return page;
}

QWidget *TaskPicker::buildFilePage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_file = new QLineEdit;
    m_file->setObjectName(QStringLiteral("taskFile"));
    m_file->setReadOnly(true);
    m_file->setPlaceholderText(tr("training file"));
    m_chooseFile = new RecentPathsButton(WorkbenchSettings::PathKind::TaskFile, page);
    m_chooseFile->setObjectName(QStringLiteral("chooseTaskFile"));
    row->addWidget(m_file, 1);
    row->addWidget(m_chooseFile);
    form->addRow(row);
    m_format = new QComboBox;
    m_format->setObjectName(QStringLiteral("taskFormat"));
    m_format->addItem(tr("TSV (tabs, quotes are text)"), QStringLiteral("tsv"));
    m_format->addItem(tr("CSV (RFC 4180)"), QStringLiteral("csv"));
    m_format->addItem(tr("JSONL (one object per line)"), QStringLiteral("jsonl"));
    form->addRow(tr("Format"), m_format);
    m_textColumns = new QListWidget;
    m_textColumns->setObjectName(QStringLiteral("textColumns"));
    m_textColumns->setDragDropMode(QAbstractItemView::InternalMove);
    m_textColumns->setToolTip(tr("Tick the columns that hold the text; drag to set the order they are written in"));
    m_textColumns->setMaximumHeight(90);
    form->addRow(tr("Text columns"), m_textColumns);
    m_labelColumn = new QComboBox;
    m_labelColumn->setObjectName(QStringLiteral("labelColumn"));
    form->addRow(tr("Label column"), m_labelColumn);
    m_regression = new QCheckBox(tr("the label is a number (regression)"));
    m_regression->setObjectName(QStringLiteral("regression"));
    form->addRow(QString(), m_regression);
    m_balance = new QLabel;
    m_balance->setObjectName(QStringLiteral("classBalance"));
    m_balance->setWordWrap(true);
    form->addRow(tr("Labels"), m_balance);
    m_fileError = errorLabel("fileError");
    form->addRow(m_fileError);
    m_previewModel = new QStandardItemModel(this);
    m_preview = new QTableView;
    m_preview->setObjectName(QStringLiteral("taskPreview"));
    m_preview->setModel(m_previewModel);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 6);
    m_preview->horizontalHeader()->setStretchLastSection(true);
    m_preview->setMinimumHeight(160);
    form->addRow(m_preview);

    connect(m_chooseFile, &RecentPathsButton::browseRequested, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Task file"), m_chooseFile->dialogStart(m_file->text()),
            tr("Task files (*.tsv *.csv *.jsonl *.json);;All files (*)"));
        if (!path.isEmpty())
            chooseFile(path);
    });
    connect(m_chooseFile, &RecentPathsButton::recentChosen, this, &TaskPicker::chooseFile);
    connect(m_format, &QComboBox::currentIndexChanged, this, &TaskPicker::readColumns);
    connect(m_textColumns, &QListWidget::itemChanged, this, &TaskPicker::updatePreview);
    connect(m_textColumns->model(), &QAbstractItemModel::rowsMoved, this, &TaskPicker::updatePreview);
    connect(m_labelColumn, &QComboBox::currentIndexChanged, this, &TaskPicker::updatePreview);
    connect(m_regression, &QCheckBox::toggled, this, &TaskPicker::updatePreview);
    return page;
}

void TaskPicker::setTask(const TaskConfig &task)
{
    {
        const QSignalBlocker blockKind(m_kind);
        m_kind->setCurrentIndex(std::max(0, int(kKinds.indexOf(QString::fromStdString(task.kind)))));
    }
    if (task.kind == "demo") {
        const QSignalBlocker blocker(m_demo);
        m_demo->setCurrentText(QString::fromStdString(task.name));
    } else if (task.kind == "glue") {
        chooseGlueFolder(QString::fromStdString(task.dir));
        const QSignalBlocker blocker(m_glueTask);
        const int index = m_glueTask->findData(QString::fromStdString(task.dir));
        if (index >= 0)
            m_glueTask->setCurrentIndex(index);
    } else if (task.kind == "file") {
        const QSignalBlocker blockFormat(m_format);
        m_file->setText(QString::fromStdString(task.train));
        m_format->setCurrentIndex(std::max(0, m_format->findData(QString::fromStdString(task.format))));
        {
            const QSignalBlocker blockRegression(m_regression);
            m_regression->setChecked(task.regression);
        }
        readColumns();
        const QSignalBlocker blockList(m_textColumns);
        const QSignalBlocker blockLabel(m_labelColumn);
        m_labelColumn->setCurrentText(QString::fromStdString(task.labelColumn));
        // The configured text columns first, in their order, ticked; the others after them.
        int position = 0;
        for (const std::string &column : task.textColumns) {
            const QList<QListWidgetItem *> items = m_textColumns->findItems(QString::fromStdString(column), Qt::MatchExactly);
            if (items.isEmpty())
                continue;
            QListWidgetItem *item = m_textColumns->takeItem(m_textColumns->row(items.first()));
            m_textColumns->insertItem(position++, item);
        }
        for (int i = 0; i < m_textColumns->count(); ++i)
            m_textColumns->item(i)->setCheckState(i < position ? Qt::Checked : Qt::Unchecked);
        updatePreview();
    }
    Q_EMIT m_kind->currentIndexChanged(m_kind->currentIndex());
}

TaskConfig TaskPicker::task(const TaskConfig &base) const
{
    TaskConfig task = base;
    task.kind = m_kind->currentData().toString().toStdString();
    if (task.kind == "demo") {
        task.name = m_demo->currentText().toStdString();
    } else if (task.kind == "glue") {
        task.name = m_glueTask->currentText().toStdString();
        task.dir = m_glueTask->currentData().toString().toStdString();
    } else {
        task.train = m_file->text().toStdString();
        task.format = m_format->currentData().toString().toStdString();
        task.textColumns = checkedTextColumns();
        task.labelColumn = m_labelColumn->currentText().toStdString();
        task.regression = m_regression->isChecked();
    }
    return task;
}

bool TaskPicker::chooseGlueFolder(const QString &dir)
{
    m_kind->setCurrentIndex(int(kKinds.indexOf(QStringLiteral("glue"))));
    m_glueFolder->setText(dir);
    m_glueFolder->setToolTip(dir);
    std::vector<GlueTaskFolder> found;
    QString error;
    try {
        found = findGlueTasks(dir.toStdString());
        if (found.empty())
            error = tr("no GLUE task files in %1 (expected folders such as SST-2/ or RTE/ with train.tsv and dev.tsv, as GLUE distributes them)").arg(dir);
    } catch (const std::exception &e) {
        error = QString::fromStdString(e.what());
    }
    {
        const QSignalBlocker blocker(m_glueTask);
        m_glueTask->clear();
        for (const GlueTaskFolder &task : found) {
            m_glueTask->addItem(QString::fromStdString(task.name), QString::fromStdString(task.dir));
            m_glueTask->setItemData(m_glueTask->count() - 1, QString::fromStdString(task.dir), Qt::ToolTipRole);
        }
    }
    m_glueTask->setVisible(!found.empty());
    m_glueError->setText(error);
    m_glueError->setVisible(!error.isEmpty());
    if (error.isEmpty())
        m_chooseGlueFolder->remember(dir);
    layout()->invalidate();
    updateGeometry();
    Q_EMIT taskChanged();
    return error.isEmpty();
}

bool TaskPicker::chooseFile(const QString &path)
{
    m_kind->setCurrentIndex(int(kKinds.indexOf(QStringLiteral("file"))));
    m_file->setText(path);
    m_file->setToolTip(path);
    {
        const QSignalBlocker blocker(m_format);
        m_format->setCurrentIndex(m_format->findData(formatForSuffix(path)));
    }
    {
        const QSignalBlocker blocker(m_textColumns);
        m_textColumns->clear(); // a new file: choose its columns afresh
    }
    readColumns();
    if (m_fileError->isHidden())
        m_chooseFile->remember(path);
    return m_fileError->isHidden();
}

void TaskPicker::setSettings(WorkbenchSettings *settings)
{
    m_chooseGlueFolder->setSettings(settings);
    m_chooseFile->setSettings(settings);
}

void TaskPicker::readColumns()
{
    const std::vector<std::string> wasChecked = checkedTextColumns();
    const QString wasLabel = m_labelColumn->currentText();
    std::vector<std::string> columns;
    try {
        columns = readTableColumns(m_file->text().toStdString(),
            tableFormatFromName(m_format->currentData().toString().toStdString()));
    } catch (const std::exception &e) {
        const QSignalBlocker blockList(m_textColumns);
        const QSignalBlocker blockLabel(m_labelColumn);
        m_textColumns->clear();
        m_labelColumn->clear();
        m_previewModel->clear();
        m_balance->clear();
        setFileError(QString::fromStdString(e.what()));
        Q_EMIT taskChanged();
        return;
    }
    {
        const QSignalBlocker blockLabel(m_labelColumn);
        m_labelColumn->clear();
        for (const std::string &column : columns)
            m_labelColumn->addItem(QString::fromStdString(column));
        // A column named "label" is the usual choice; otherwise the last, where GLUE puts it.
        QString label = wasLabel;
        if (m_labelColumn->findText(label) < 0)
            label = m_labelColumn->findText(QStringLiteral("label")) >= 0 ? QStringLiteral("label")
                                                                          : QString::fromStdString(columns.back());
        m_labelColumn->setCurrentText(label);
    }
    {
        const QSignalBlocker blockList(m_textColumns);
        m_textColumns->clear();
        const bool fresh = wasChecked.empty();
        for (const std::string &column : columns) {
            auto *item = new QListWidgetItem(QString::fromStdString(column));
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
            item->setFlags(item->flags() & ~Qt::ItemIsDropEnabled);
            const bool checked = fresh ? item->text() != m_labelColumn->currentText()
                                       : std::find(wasChecked.begin(), wasChecked.end(), column) != wasChecked.end();
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            m_textColumns->addItem(item);
        }
    }
    updatePreview();
}

std::vector<std::string> TaskPicker::checkedTextColumns() const
{
    std::vector<std::string> columns;
    for (int i = 0; i < m_textColumns->count(); ++i)
        if (m_textColumns->item(i)->checkState() == Qt::Checked)
            columns.push_back(m_textColumns->item(i)->text().toStdString());
    return columns;
}

void TaskPicker::setFileError(const QString &message)
{
    m_fileError->setText(message);
    m_fileError->setVisible(!message.isEmpty());
}

void TaskPicker::updatePreview()
{
    const quint64 generation = ++m_previewGeneration; // a read still running is now stale
    m_previewModel->clear();
    m_balance->clear();
    GenericTaskSpec spec;
    try {
        spec.format = tableFormatFromName(m_format->currentData().toString().toStdString());
    } catch (const std::exception &e) {
        setFileError(QString::fromStdString(e.what()));
        Q_EMIT taskChanged();
        return;
    }
    spec.textColumns = checkedTextColumns();
    spec.labelColumn = m_labelColumn->currentText().toStdString();
    spec.regression = m_regression->isChecked();
    if (spec.textColumns.empty()) {
        setFileError(tr("Tick at least one text column."));
        Q_EMIT taskChanged();
        return;
    }
    setFileError({});
    // The whole file, as the run reads it, so a malformed row anywhere shows here rather than at
    // step 0 — on a worker thread: GLUE's MNLI is 393k rows, seconds the window must not freeze.
    const QString path = m_file->text();
    m_balance->setText(tr("reading %1…").arg(QFileInfo(path).fileName()));
    auto *watcher = new QFutureWatcher<FileRead>(this);
    connect(watcher, &QFutureWatcher<FileRead>::finished, this, [this, watcher, generation, spec] {
        watcher->deleteLater();
        if (generation == m_previewGeneration)
            showFileRead(spec, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run([file = path.toStdString(), spec]() -> FileRead {
        try {
            return {readGenericFile(file, spec), {}};
        } catch (const std::exception &e) {
            return {{}, QString::fromStdString(e.what())};
        }
    }));
    Q_EMIT taskChanged();
}

bool TaskPicker::isReadingFile() const
{
    return m_previewGeneration != m_shownGeneration;
}

void TaskPicker::showFileRead(const GenericTaskSpec &spec, const FileRead &read)
{
    m_shownGeneration = m_previewGeneration;
    m_balance->clear();
    if (!read.error.isEmpty()) {
        setFileError(read.error);
        Q_EMIT previewUpdated();
        Q_EMIT taskChanged();
        return;
    }
    const Dataset &data = read.data;
    QStringList headers;
    for (const std::string &column : spec.textColumns)
        headers << QString::fromStdString(column);
    headers << QString::fromStdString(spec.labelColumn);
    m_previewModel->setHorizontalHeaderLabels(headers);
    const int rows = static_cast<int>(std::min<std::size_t>(data.examples.size(), kPreviewRows));
    for (int r = 0; r < rows; ++r) {
        const Example &example = data.examples[static_cast<std::size_t>(r)];
        QList<QStandardItem *> cells;
        for (const std::string &text : example.texts)
            cells << new QStandardItem(QString::fromStdString(text));
        cells << new QStandardItem(spec.regression ? QString::number(example.score) : QString::fromStdString(example.label));
        m_previewModel->appendRow(cells);
        m_previewModel->setVerticalHeaderItem(r, new QStandardItem(QString::number(example.line)));
    }
    m_preview->resizeColumnsToContents();
    const QLocale locale;
    if (spec.regression) {
        m_balance->setText(tr("regression: %1 rows").arg(locale.toString(static_cast<qlonglong>(data.examples.size()))));
    } else {
        std::map<std::string, qlonglong> counts;
        for (const Example &example : data.examples)
            ++counts[example.label];
        QStringList parts;
        for (const auto &[label, count] : counts)
            parts << tr("%1: %2").arg(QString::fromStdString(label), locale.toString(count));
        m_balance->setText(parts.join(QStringLiteral(" · ")));
    }
    Q_EMIT previewUpdated();
    Q_EMIT taskChanged();
}

} // namespace ladder
