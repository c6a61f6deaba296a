// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/QueueView.h"

#include "queue/RunQueue.h"
#include "queue/RunQueueModel.h"
#include "settings/WorkbenchSettings.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPainter>
#include <QSpinBox>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QThread>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace ladder {

namespace {

const QString kHeaderState = QStringLiteral("queue/header");

/// Draws the progress column as a bar with "step / total" on it.
class ProgressDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const double fraction = index.data(RunQueueModel::ProgressFractionRole).toDouble();
        if (fraction < 0.0) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        // The selection background first, so a selected row reads as selected under its bar.
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        QStyle *style = option.widget != nullptr ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(3, 3, -3, -3);
        bar.minimum = 0;
        bar.maximum = 1000;
        bar.progress = static_cast<int>(fraction * 1000.0 + 0.5);
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        bar.state = option.state | QStyle::State_Horizontal;
        bar.palette = option.palette;
        bar.fontMetrics = option.fontMetrics;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
};

} // namespace

QueueView::QueueView(RunQueue *queue, WorkbenchSettings *settings, QWidget *parent)
    : QWidget(parent)
    , m_queue(queue)
    , m_settings(settings)
    , m_model(new RunQueueModel(queue, this))
    , m_table(new QTableView(this))
    , m_parallelRuns(new QSpinBox(this))
    , m_details(new QLabel(this))
{
    m_table->setObjectName(QStringLiteral("queueTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // One line a run: a long name is elided in its middle (method and task stay readable; the
    // tooltip has it whole) rather than wrapped into a row too short for it.
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setItemDelegateForColumn(RunQueueModel::ProgressColumn, new ProgressDelegate(m_table));
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(RunQueueModel::NameColumn, QHeaderView::Stretch);
    header->resizeSection(RunQueueModel::MethodColumn, 110);
    header->resizeSection(RunQueueModel::StateColumn, 90);
    header->resizeSection(RunQueueModel::ProgressColumn, 140);
    header->resizeSection(RunQueueModel::RunIdColumn, 50);
    if (const QByteArray state = m_settings->viewState(kHeaderState); !state.isEmpty())
        header->restoreState(state);
    const auto saveHeader
        = [this] { m_settings->setViewState(kHeaderState, m_table->horizontalHeader()->saveState()); };
    connect(header, &QHeaderView::sectionResized, this, saveHeader);
    connect(header, &QHeaderView::sectionMoved, this, saveHeader);

    QStyle *s = style();
    m_moveUp = new QAction(s->standardIcon(QStyle::SP_ArrowUp), tr("Move up"), this);
    m_moveUp->setToolTip(tr("Start the selected queued run earlier"));
    m_moveDown = new QAction(s->standardIcon(QStyle::SP_ArrowDown), tr("Move down"), this);
    m_moveDown->setToolTip(tr("Start the selected queued run later"));
    m_pause = new QAction(s->standardIcon(QStyle::SP_MediaPause), tr("Pause"), this);
    m_pause->setToolTip(tr("Pause the selected run (it keeps its place among the runs training) or resume it"));
    m_cancel = new QAction(s->standardIcon(QStyle::SP_DialogCancelButton), tr("Cancel"), this);
    m_cancel->setToolTip(tr("A queued run never starts; a training run stops and keeps what it recorded"));
    m_clearEnded = new QAction(tr("Clear ended"), this);
    m_clearEnded->setToolTip(
        tr("Remove finished, stopped, failed and cancelled runs from the list (they stay in the store)"));
    connect(m_moveUp, &QAction::triggered, this, [this] { m_queue->moveUp(selectedEntry()); });
    connect(m_moveDown, &QAction::triggered, this, [this] { m_queue->moveDown(selectedEntry()); });
    connect(m_pause, &QAction::triggered, this, &QueueView::pauseOrResume);
    connect(m_cancel, &QAction::triggered, this, [this] { m_queue->cancel(selectedEntry()); });
    connect(m_clearEnded, &QAction::triggered, m_queue, &RunQueue::clearEnded);

    auto *toolBar = new QToolBar(this);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setIconSize(QSize(16, 16));
    toolBar->addActions({m_moveUp, m_moveDown, m_pause, m_cancel});
    toolBar->addSeparator();
    toolBar->addAction(m_clearEnded);

    m_parallelRuns->setObjectName(QStringLiteral("parallelRuns"));
    m_parallelRuns->setRange(1, std::max(2, QThread::idealThreadCount()));
    m_parallelRuns->setValue(std::min(m_settings->parallelRuns(), m_parallelRuns->maximum()));
    m_parallelRuns->setToolTip(tr("How many queued runs train at once; the cores are split between them"));
    m_queue->setMaxConcurrent(m_parallelRuns->value());
    connect(m_parallelRuns, qOverload<int>(&QSpinBox::valueChanged), this, [this](int runs) {
        m_queue->setMaxConcurrent(runs);
        m_settings->setParallelRuns(runs);
    });
    auto *parallelLabel = new QLabel(tr("Parallel runs"), this);
    parallelLabel->setBuddy(m_parallelRuns);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(toolBar, 1);
    top->addWidget(parallelLabel);
    top->addWidget(m_parallelRuns);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_table);
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_details);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &QueueView::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &QueueView::updateActions);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &QueueView::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &QueueView::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &QueueView::updateActions);
    updateActions();
}

qint64 QueueView::selectedEntry() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_model->entryIdAt(rows.first().row());
}

void QueueView::selectEntry(qint64 entryId)
{
    const int row = m_model->rowOf(entryId);
    if (row >= 0)
        m_table->selectRow(row);
    else
        m_table->clearSelection();
}

void QueueView::updateActions()
{
    const qint64 id = selectedEntry();
    const QueueEntry *entry = m_queue->entry(id);
    m_moveUp->setEnabled(m_queue->canMove(id, -1));
    m_moveDown->setEnabled(m_queue->canMove(id, +1));
    const bool training = entry != nullptr && m_queue->session(id) != nullptr && !entry->stopRequested;
    m_pause->setEnabled(training);
    const bool resume = training && entry->pauseRequested;
    m_pause->setText(resume ? tr("Resume") : tr("Pause"));
    m_pause->setIcon(style()->standardIcon(resume ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_cancel->setEnabled(entry != nullptr && !isEnded(entry->state) && !entry->stopRequested);
    m_details->setText(entry != nullptr && !entry->message.isEmpty()
            ? tr("%1: %2").arg(entry->name, entry->message)
            : QString());
    m_details->setVisible(!m_details->text().isEmpty());
    const QVector<qint64> ids = m_queue->entryIds();
    m_clearEnded->setEnabled(std::any_of(ids.begin(), ids.end(), [this](qint64 other) {
        const QueueEntry *e = m_queue->entry(other);
        return e != nullptr && isEnded(e->state);
    }));
}

void QueueView::pauseOrResume()
{
    const qint64 id = selectedEntry();
    if (const QueueEntry *entry = m_queue->entry(id))
        m_queue->setPaused(id, !entry->pauseRequested);
}

} // namespace ladder
