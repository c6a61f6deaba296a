// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/CompareView.h"

#include "experiments/ComparisonTableModel.h"
#include "experiments/ConfigDifferenceModel.h"
#include "experiments/PeakMemoryBars.h"
#include "experiments/ScoreMemoryBubbles.h"
#include "settings/WorkbenchSettings.h"

#include "store/RunStore.h"
#include "util/Error.h"
#include "settings/Theme.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace ladder {

namespace {

const QString kVerticalSplitter = QStringLiteral("compare/vertical");
const QString kPlotsSplitter = QStringLiteral("compare/plots");
const QString kTablesSplitter = QStringLiteral("compare/tables");

bool isUnfinished(RunStatus status)
{
    return status == RunStatus::Queued || status == RunStatus::Running || status == RunStatus::Paused;
}

bool writeText(const QString &path, const std::string &text, QString *error)
{
    QFile file(path);
    const QByteArray bytes = QByteArray::fromStdString(text);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        if (error)
            *error = QCoreApplication::translate("ladder::CompareView", "Could not write %1: %2")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

QTableView *newTable(QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    return table;
}

} // namespace

CompareView::CompareView(const QString &databasePath, WorkbenchSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_store(std::make_unique<RunStore>(databasePath.toStdString()))
    , m_settings(settings)
    , m_pages(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_missing(new QLabel(this))
    , m_tableModel(new ComparisonTableModel(this))
    , m_differenceModel(new ConfigDifferenceModel(this))
{
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setText(tr("Select runs in the run history and choose Compare."));
    m_pages->addWidget(m_message);

    auto *content = new QWidget(m_pages);
    m_vertical = new QSplitter(Qt::Vertical, content);
    m_plots = new QSplitter(Qt::Horizontal, m_vertical);
    m_memoryPlot = new PeakMemoryBars(m_plots);
    m_scorePlot = new ScoreMemoryBubbles(m_plots);
    m_tables = new QSplitter(Qt::Horizontal, m_vertical);

    auto *tableBox = new QWidget(m_tables);
    m_table = newTable(tableBox);
    m_table->setModel(m_tableModel);
    m_table->verticalHeader()->hide();
    auto *exportCsv = new QPushButton(tr("Export CSV…"), tableBox);
    auto *exportMarkdown = new QPushButton(tr("Export Markdown…"), tableBox);
    auto *exportJson = new QPushButton(tr("Export JSON…"), tableBox);
    connect(exportCsv, &QPushButton::clicked, this, [this] {
        exportWithDialog(
            tr("Export table as CSV"), tr("CSV files (*.csv)"), QStringLiteral("csv"), &CompareView::exportCsv);
    });
    connect(exportMarkdown, &QPushButton::clicked, this, [this] {
        exportWithDialog(tr("Export table as Markdown"), tr("Markdown files (*.md)"), QStringLiteral("md"),
            &CompareView::exportMarkdown);
    });
    connect(exportJson, &QPushButton::clicked, this, [this] {
        exportWithDialog(tr("Export comparison as JSON"), tr("JSON files (*.json)"), QStringLiteral("json"),
            &CompareView::exportJson);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(sectionTitle(tr("Methods side by side"), tableBox), 1);
    buttons->addWidget(exportCsv);
    buttons->addWidget(exportMarkdown);
    buttons->addWidget(exportJson);
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(buttons);
    tableLayout->addWidget(m_table, 1);
    auto *note = new QLabel(
        tr("Scores ×100: the test score; (val) the best validation score of a run without one."), tableBox);
    note->setForegroundRole(QPalette::PlaceholderText);
    tableLayout->addWidget(note);

    auto *differencesBox = new QWidget(m_tables);
    m_differences = newTable(differencesBox);
    m_differences->setModel(m_differenceModel);
    auto *differencesLayout = new QVBoxLayout(differencesBox);
    differencesLayout->setContentsMargins(0, 0, 0, 0);
    auto *differencesTitle = sectionTitle(tr("Configuration differences"), differencesBox);
    differencesTitle->setMinimumHeight(exportCsv->sizeHint().height());
    differencesLayout->addWidget(differencesTitle);
    differencesLayout->addWidget(m_differences, 1);
    auto *differencesNote = new QLabel(tr("Highlighted: values that differ from the first run's."), differencesBox);
    differencesNote->setForegroundRole(QPalette::PlaceholderText);
    differencesLayout->addWidget(differencesNote);

    m_vertical->setStretchFactor(0, 2);
    m_vertical->setStretchFactor(1, 1);
    m_tables->setStretchFactor(0, 3);
    m_tables->setStretchFactor(1, 2);
    m_missing->setWordWrap(true);
    showAsWarning(m_missing);
    m_missing->hide();
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(6, 6, 6, 6);
    contentLayout->addWidget(m_missing);
    contentLayout->addWidget(m_vertical, 1);
    m_pages->addWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    if (m_settings) {
        m_vertical->restoreState(m_settings->viewState(kVerticalSplitter));
        m_plots->restoreState(m_settings->viewState(kPlotsSplitter));
        m_tables->restoreState(m_settings->viewState(kTablesSplitter));
    }
    for (QSplitter *splitter : { m_vertical, m_plots, m_tables })
        connect(splitter, &QSplitter::splitterMoved, this, [this] {
            m_tablesSized = true;
            saveSplitters();
        });

    m_followTimer.setInterval(1000);
    connect(&m_followTimer, &QTimer::timeout, this, &CompareView::pollStore);
}

CompareView::~CompareView() = default;

void CompareView::setRuns(const QList<qint64> &runIds)
{
    m_runIds = runIds;
    // Each id once, in the order given: the core refuses a repeated id.
    m_runIds.erase(std::unique(m_runIds.begin(), m_runIds.end()), m_runIds.end());
    for (qsizetype i = m_runIds.size() - 1; i > 0; --i) {
        if (m_runIds.indexOf(m_runIds.at(i)) < i)
            m_runIds.removeAt(i);
    }
    refresh();
}

void CompareView::refresh()
{
    if (m_runIds.isEmpty()) {
        m_comparison = {};
        showMessage(tr("Select runs in the run history and choose Compare."));
        return;
    }
    std::vector<RunId> present;
    QStringList missing;
    for (qint64 id : m_runIds) {
        if (m_store->findRun(id))
            present.push_back(id);
        else
            missing << QString::number(id);
    }
    m_dataVersion = m_store->dataVersion();
    if (present.empty()) {
        m_comparison = {};
        showMessage(
            tr("None of these runs is in the store any more (deleted?): %1").arg(missing.join(QStringLiteral(", "))));
        return;
    }
    try {
        CompareOptions options;
        options.includeUnfinished = true;
        m_comparison = compareRuns(*m_store, present, options);
    } catch (const Error &error) {
        m_comparison = {};
        showMessage(QString::fromStdString(error.what()));
        return;
    }
    m_missing->setVisible(!missing.isEmpty());
    m_missing->setText(tr("Not in the store any more (deleted?): runs %1").arg(missing.join(QStringLiteral(", "))));
    showComparison();
    followIfUnfinished();
}

void CompareView::followIfUnfinished()
{
    bool unfinished = false;
    for (const ComparedRun &run : m_comparison.runs)
        unfinished = unfinished || isUnfinished(run.run.status);
    if (unfinished && !m_followTimer.isActive())
        m_followTimer.start();
    else if (!unfinished)
        m_followTimer.stop();
}

void CompareView::pollStore()
{
    // From a timer: an exception must not reach Qt's event loop.
    try {
        // Nothing committed since the last read: nothing to draw again.
        if (m_store->dataVersion() != m_dataVersion)
            refresh();
    } catch (const std::exception &error) {
        showMessage(QString::fromStdString(error.what()));
        m_followTimer.start(); // a lock held too long passes: try again
    }
}

void CompareView::showComparison()
{
    m_pages->setCurrentIndex(1);
    m_memoryPlot->setComparison(m_comparison);
    m_scorePlot->setComparison(m_comparison);
    m_tableModel->setComparison(m_comparison);
    m_differenceModel->setComparison(m_comparison);
    m_table->resizeColumnsToContents();
    m_differences->resizeColumnsToContents();
    // No cell looks picked before the user picks one.
    m_table->setCurrentIndex({});
    m_differences->setCurrentIndex({});
    if (!m_tablesSized)
        sizeTablesToContent();
}

void CompareView::sizeTablesToContent()
{
    // Until the user moves the splitter: the paper table as wide as its columns, the
    // configuration differences (one column per run) everything else.
    if (m_settings && !m_settings->viewState(kTablesSplitter).isEmpty()) {
        m_tablesSized = true;
        return;
    }
    // The splitter spans the view less the content margins; its own width lags a resize.
    const int total = width() - 12;
    if (total <= 0)
        return;
    const int wanted = m_table->horizontalHeader()->length() + 2 * m_table->frameWidth()
        + m_table->verticalScrollBar()->sizeHint().width();
    const int tableWidth = std::clamp(wanted, total / 3, total * 2 / 3);
    m_tables->setSizes({ tableWidth, total - tableWidth - m_tables->handleWidth() });
}

void CompareView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (!m_tablesSized && !m_comparison.runs.empty())
        sizeTablesToContent();
}

void CompareView::showMessage(const QString &message)
{
    m_followTimer.stop();
    m_message->setText(message);
    m_pages->setCurrentIndex(0);
}

bool CompareView::exportCsv(const QString &file, QString *error) const
{
    return writeText(file, comparisonCsv(m_comparison), error);
}

bool CompareView::exportMarkdown(const QString &file, QString *error) const
{
    return writeText(file, comparisonMarkdown(m_comparison), error);
}

bool CompareView::exportJson(const QString &file, QString *error) const
{
    return writeText(file, comparisonJson(m_comparison), error);
}

void CompareView::exportWithDialog(const QString &title, const QString &filter, const QString &suffix,
    bool (CompareView::*write)(const QString &, QString *) const)
{
    if (m_comparison.runs.empty())
        return;
    QString file = QFileDialog::getSaveFileName(this, title, QStringLiteral("comparison.") + suffix, filter);
    if (file.isEmpty())
        return;
    QString error;
    if (!(this->*write)(file, &error))
        QMessageBox::warning(this, title, error);
}

void CompareView::saveSplitters()
{
    if (!m_settings)
        return;
    m_settings->setViewState(kVerticalSplitter, m_vertical->saveState());
    m_settings->setViewState(kPlotsSplitter, m_plots->saveState());
    m_settings->setViewState(kTablesSplitter, m_tables->saveState());
}

} // namespace ladder
