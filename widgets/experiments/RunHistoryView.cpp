// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/RunHistoryView.h"

#include "experiments/RunHistoryFilter.h"
#include "experiments/RunHistoryModel.h"
#include "experiments/RunStatusText.h"
#include "experiments/TableCsv.h"
#include "settings/WorkbenchSettings.h"

#include "util/Error.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace ladder {

namespace {

const QString kHeaderStateKey = QStringLiteral("runHistory/header");

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        *error = QCoreApplication::translate("RunHistoryView", "%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

RunHistoryView::RunHistoryView(RunHistoryModel *model, WorkbenchSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_settings(settings)
    , m_filter(new RunHistoryFilter(this))
    , m_filterEdit(new QLineEdit(this))
    , m_statusCombo(new QComboBox(this))
    , m_table(new QTableView(this))
{
    m_filter->setSourceModel(model);

    m_filterEdit->setPlaceholderText(tr("Filter by name, method, task, backbone or tag"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &RunHistoryFilter::setFilterText);

    m_statusCombo->addItem(tr("All statuses"), -1);
    for (RunStatus status : allRunStatuses())
        m_statusCombo->addItem(runStatusText(status), static_cast<int>(status));
    connect(m_statusCombo, &QComboBox::currentIndexChanged, this, [this] {
        const int status = m_statusCombo->currentData().toInt();
        m_filter->setStatusFilter(status < 0 ? std::nullopt : std::optional(static_cast<RunStatus>(status)));
    });

    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &RunHistoryView::showContextMenu);
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this] { Q_EMIT openRequested(selectedRunIds()); });

    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, &RunHistoryView::showHeaderMenu);
    const QByteArray state = m_settings ? m_settings->viewState(kHeaderStateKey) : QByteArray();
    if (state.isEmpty() || !header->restoreState(state)) {
        m_table->sortByColumn(RunHistoryModel::IdColumn, Qt::DescendingOrder);
        m_table->resizeColumnsToContents();
        header->resizeSection(RunHistoryModel::NameColumn,
            std::min(header->sectionSize(RunHistoryModel::NameColumn), 28 * fontMetrics().averageCharWidth()));
    }
    connect(header, &QHeaderView::sectionMoved, this, &RunHistoryView::saveHeaderState);
    connect(header, &QHeaderView::sectionResized, this, &RunHistoryView::saveHeaderState);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &RunHistoryView::saveHeaderState);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filterEdit, 1);
    filters->addWidget(m_statusCombo);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);

    createActions();
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunHistoryView::updateActions);
    // A refresh can change a selected run's status (and so whether it can resume).
    connect(m_filter, &QAbstractItemModel::dataChanged, this, &RunHistoryView::updateActions);
    updateActions();
}

RunHistoryView::~RunHistoryView() = default;

void RunHistoryView::createActions()
{
    const auto add = [this](const QString &text, void (RunHistoryView::*slot)()) {
        auto *action = new QAction(text, this);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_openAction = new QAction(tr("Open"), this);
    connect(m_openAction, &QAction::triggered, this, [this] { Q_EMIT openRequested(selectedRunIds()); });
    m_compareAction = new QAction(tr("Compare"), this);
    connect(m_compareAction, &QAction::triggered, this, [this] { Q_EMIT compareRequested(selectedRunIds()); });
    m_renameAction = add(tr("Rename…"), &RunHistoryView::renameSelected);
    m_tagsAction = add(tr("Tags…"), &RunHistoryView::editTagsOfSelected);
    m_notesAction = add(tr("Notes…"), &RunHistoryView::editNotesOfSelected);
    m_deleteAction = add(tr("Delete…"), &RunHistoryView::deleteSelected);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_deleteAction);
    m_exportCsvAction = add(tr("Export as CSV…"), &RunHistoryView::exportSelectedCsv);
    m_exportJsonAction = add(tr("Export as JSON…"), &RunHistoryView::exportSelectedJson);
    m_loadConfigurationAction
        = add(tr("Load configuration into the designer"), &RunHistoryView::loadConfigurationOfSelected);
    m_resumeAction = add(tr("Resume"), &RunHistoryView::resumeSelected);
}

void RunHistoryView::updateActions()
{
    const QList<qint64> ids = selectedRunIds();
    const bool any = !ids.isEmpty();
    const bool one = ids.size() == 1;
    m_openAction->setEnabled(any);
    m_compareAction->setEnabled(any);
    m_renameAction->setEnabled(one);
    m_tagsAction->setEnabled(one);
    m_notesAction->setEnabled(one);
    m_deleteAction->setEnabled(any);
    m_exportCsvAction->setEnabled(any);
    m_exportJsonAction->setEnabled(any);
    m_loadConfigurationAction->setEnabled(one);
    m_resumeAction->setEnabled(one && m_model->canResume(ids.first()));
}

QList<qint64> RunHistoryView::selectedRunIds() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    for (const QModelIndex &index : rows)
        ids << index.data(RunHistoryModel::RunIdRole).toLongLong();
    return ids;
}

void RunHistoryView::selectRuns(const QList<qint64> &ids)
{
    QItemSelection selection;
    for (qint64 id : ids) {
        const int sourceRow = m_model->rowOf(id);
        if (sourceRow < 0)
            continue;
        const QModelIndex index = m_filter->mapFromSource(m_model->index(sourceRow, 0));
        if (index.isValid())
            selection.select(index, index);
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!selection.isEmpty())
        m_table->scrollTo(selection.indexes().first());
}

QByteArray RunHistoryView::selectedRowsCsv() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    const QHeaderView *header = m_table->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns << logical;
    }
    return tableCsv(m_filter, rows, columns);
}

void RunHistoryView::showContextMenu(const QPoint &position)
{
    if (selectedRunIds().isEmpty())
        return;
    updateActions();
    QMenu menu(this);
    menu.addAction(m_openAction);
    menu.addAction(m_compareAction);
    menu.addSeparator();
    menu.addAction(m_renameAction);
    menu.addAction(m_tagsAction);
    menu.addAction(m_notesAction);
    menu.addSeparator();
    menu.addAction(m_exportCsvAction);
    menu.addAction(m_exportJsonAction);
    menu.addSeparator();
    menu.addAction(m_loadConfigurationAction);
    menu.addAction(m_resumeAction);
    menu.addSeparator();
    menu.addAction(m_deleteAction);
    menu.exec(m_table->viewport()->mapToGlobal(position));
}

void RunHistoryView::showHeaderMenu(const QPoint &position)
{
    QHeaderView *header = m_table->horizontalHeader();
    QMenu menu(this);
    for (int column = 0; column < m_model->columnCount(); ++column) {
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The name identifies a run: it stays.
        action->setEnabled(column != RunHistoryModel::NameColumn);
        connect(action, &QAction::toggled, this, [this, header, column](bool shown) {
            header->setSectionHidden(column, !shown);
            saveHeaderState();
        });
    }
    menu.exec(header->mapToGlobal(position));
}

void RunHistoryView::saveHeaderState()
{
    if (m_settings)
        m_settings->setViewState(kHeaderStateKey, m_table->horizontalHeader()->saveState());
}

QString RunHistoryView::runTitle(qint64 id) const
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return tr("run %1").arg(id);
    return tr("run %1 “%2”").arg(id).arg(QString::fromStdString(m_model->run(row).run.name));
}

void RunHistoryView::renameSelected()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.size() != 1)
        return;
    const int row = m_model->rowOf(ids.first());
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename run"), tr("Name of run %1:").arg(ids.first()),
        QLineEdit::Normal, QString::fromStdString(m_model->run(row).run.name), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    try {
        m_model->renameRun(ids.first(), name.trimmed());
    } catch (const Error &error) {
        QMessageBox::warning(this, tr("Rename run"), QString::fromStdString(error.what()));
    }
}

void RunHistoryView::editTagsOfSelected()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.size() != 1)
        return;
    QStringList tags;
    for (const std::string &tag : m_model->run(m_model->rowOf(ids.first())).run.tags)
        tags << QString::fromStdString(tag);
    bool ok = false;
    const QString text
        = QInputDialog::getText(this, tr("Tags"), tr("Tags of %1, separated by commas:").arg(runTitle(ids.first())),
            QLineEdit::Normal, tags.join(QStringLiteral(", ")), &ok);
    if (!ok)
        return;
    try {
        m_model->setTags(ids.first(), text.split(QLatin1Char(','), Qt::SkipEmptyParts));
    } catch (const Error &error) {
        QMessageBox::warning(this, tr("Tags"), QString::fromStdString(error.what()));
    }
}

void RunHistoryView::editNotesOfSelected()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.size() != 1)
        return;
    bool ok = false;
    const QString notes
        = QInputDialog::getMultiLineText(this, tr("Notes"), tr("Notes on %1:").arg(runTitle(ids.first())),
            QString::fromStdString(m_model->run(m_model->rowOf(ids.first())).run.notes), &ok);
    if (!ok)
        return;
    try {
        m_model->setNotes(ids.first(), notes);
    } catch (const Error &error) {
        QMessageBox::warning(this, tr("Notes"), QString::fromStdString(error.what()));
    }
}

void RunHistoryView::deleteSelected()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.isEmpty())
        return;
    QStringList titles;
    for (qint64 id : ids)
        titles << runTitle(id);
    const QString question = ids.size() == 1
        ? tr("Delete %1 with its curves, evaluations and notes? This cannot be undone.").arg(titles.first())
        : tr("Delete these %n runs with their curves, evaluations and notes? This cannot be undone.\n\n%1", nullptr,
            static_cast<int>(ids.size()))
              .arg(titles.join(QLatin1Char('\n')));
    if (QMessageBox::question(
            this, tr("Delete runs"), question, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        != QMessageBox::Yes)
        return;
    QStringList failures;
    for (qint64 id : ids) {
        try {
            m_model->removeRun(id);
        } catch (const Error &error) {
            // The store refuses a run a live process is writing; say which and why.
            failures << QString::fromStdString(error.what());
        }
    }
    if (!failures.isEmpty())
        QMessageBox::warning(this, tr("Delete runs"),
            tr("Some runs were not deleted:\n\n%1\n\nStop a running run before deleting it.")
                .arg(failures.join(QLatin1Char('\n'))));
}

void RunHistoryView::exportSelectedCsv()
{
    if (selectedRunIds().isEmpty())
        return;
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export runs as CSV"), QStringLiteral("runs.csv"), tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!writeFile(file, selectedRowsCsv(), &error))
        QMessageBox::warning(this, tr("Export runs as CSV"), error);
}

void RunHistoryView::exportSelectedJson()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.isEmpty())
        return;
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export runs as JSON"), QStringLiteral("runs.json"), tr("JSON files (*.json)"));
    if (file.isEmpty())
        return;
    QString error;
    try {
        if (!writeFile(file, m_model->exportJson(ids), &error))
            QMessageBox::warning(this, tr("Export runs as JSON"), error);
    } catch (const Error &exportError) {
        QMessageBox::warning(this, tr("Export runs as JSON"), QString::fromStdString(exportError.what()));
    }
}

void RunHistoryView::loadConfigurationOfSelected()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.size() == 1)
        Q_EMIT loadConfigurationRequested(
            QString::fromStdString(m_model->run(m_model->rowOf(ids.first())).run.configJson));
}

void RunHistoryView::resumeSelected()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.size() == 1 && m_model->canResume(ids.first()))
        Q_EMIT resumeRequested(ids.first());
}

} // namespace ladder
