// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "about/VersionPanel.h"
#include "experiments/CompareView.h"
#include "experiments/RunHistoryModel.h"
#include "experiments/RunHistoryView.h"
#include "plots/RunCurveData.h"
#include "plots/RunCurves.h"
#include "queue/CompareMethodsDialog.h"
#include "queue/MethodComparison.h"
#include "queue/QueueView.h"
#include "queue/RunQueue.h"
#include "designer/RunDesigner.h"
#include "run/TrainingSession.h"
#include "settings/PreferencesDialog.h"
#include "settings/WorkbenchSettings.h"
#include "teaching/LadderView.h"
#include "store/RunStore.h"
#include "WelcomePage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScreen>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <exception>
#include <utility>

namespace ladder {

namespace {

QString mebibytes(int64_t bytes)
{
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MiB");
}

QString duration(double seconds)
{
    const auto total = static_cast<qint64>(seconds + 0.5);
    return QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

QDockWidget *dock(const QString &title, const QString &objectName, QWidget *content, QMainWindow *window)
{
    auto *widget = new QDockWidget(title, window);
    widget->setObjectName(objectName);
    widget->setWidget(content);
    return widget;
}

} // namespace

MainWindow::MainWindow(const QString &databasePath, WorkbenchSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_databasePath(databasePath)
    , m_ownSettings(settings == nullptr ? std::make_unique<WorkbenchSettings>() : nullptr)
    , m_settings(settings != nullptr ? settings : m_ownSettings.get())
{
    setWindowTitle(tr("Ladder Workbench %1").arg(QApplication::applicationVersion()));
    setObjectName(QStringLiteral("mainWindow"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_centre = new QTabWidget;
    m_centre->setObjectName(QStringLiteral("centre"));
    m_curves = new RunCurves;
    m_centre->addTab(m_curves, tr("Curves"));
    setCentralWidget(m_centre);

    m_ladder = new LadderView;
    m_centre->addTab(m_ladder, tr("Ladder"));

    m_designer = new RunDesigner;
    m_designer->setSettings(m_settings);
    auto *designerScroll = new QScrollArea;
    designerScroll->setWidget(m_designer);
    designerScroll->setWidgetResizable(true);
    QDockWidget *designerDock = dock(tr("Run"), QStringLiteral("runDock"), designerScroll, this);
    designerDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, designerDock);
    // The designer's forms need their labels and editors side by side.
    designerScroll->setMinimumWidth(m_designer->sizeHint().width() + 24);

    m_queue = new RunQueue(m_databasePath, m_settings->parallelRuns(), this);
    m_queueView = new QueueView(m_queue, m_settings);
    QDockWidget *queueDock = dock(tr("Queue"), QStringLiteral("queueDock"), m_queueView, this);

    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    QDockWidget *logDock = dock(tr("Log"), QStringLiteral("logDock"), m_log, this);

    createHistory();
    if (m_history != nullptr) {
        QDockWidget *historyDock = dock(tr("History"), QStringLiteral("historyDock"), m_history, this);
        addDockWidget(Qt::BottomDockWidgetArea, historyDock);
        splitDockWidget(historyDock, queueDock, Qt::Horizontal);
        resizeDocks({historyDock, queueDock}, {3, 2}, Qt::Horizontal);
    } else {
        addDockWidget(Qt::BottomDockWidgetArea, queueDock);
    }
    tabifyDockWidget(queueDock, logDock);
    queueDock->raise();

    connect(m_queue, &RunQueue::entryStarted, this, &MainWindow::followSession);
    connect(m_queue, &RunQueue::entryFinished, this, &MainWindow::entryFinished);
    connect(m_queue, &RunQueue::entryChanged, this, &MainWindow::updateActions);
    connect(m_queue, &RunQueue::idle, this, &MainWindow::queueIdle);

    createActions();
    m_statusLabel = new QLabel(tr("Ready"));
    m_statusLabel->setObjectName(QStringLiteral("runStatus"));
    m_progress = new QProgressBar;
    m_progress->setMaximumWidth(240);
    m_progress->setFormat(tr("step %v of %m"));
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_progress);

    // The ladder view follows the designer as the user edits, and the followed run's gates.
    connect(m_designer, &RunDesigner::configChanged, this, &MainWindow::showDesignInLadderView);
    restoreLastConfiguration();
    showDesignInLadderView();

    updateActions();
    restoreLayout();
    showWelcomeIfHistoryEmpty();
}

void MainWindow::restoreLastConfiguration()
{
    const QString json = m_settings->lastConfiguration();
    if (json.isEmpty())
        return;
    try {
        m_designer->setConfig(RunConfig::fromJson(json.toStdString(), "the last session's run"));
    } catch (const std::exception &e) {
        // Written by another version, or edited by hand: start from the demo and say why.
        appendLog(tr("the last session's run could not be restored, the demo's is shown: %1")
                      .arg(QString::fromStdString(e.what())));
    }
}

void MainWindow::showWelcomeIfHistoryEmpty()
{
    if (!m_historyModel || m_historyModel->rowCount() > 0)
        return;
    m_welcome = new WelcomePage;
    m_centre->insertTab(0, m_welcome, tr("Welcome"));
    m_centre->setCurrentWidget(m_welcome);
    // It leaves with the first run in the history: one started here, or by `ladder train`.
    connect(m_historyModel.get(), &QAbstractItemModel::rowsInserted, this, &MainWindow::removeWelcome);
    connect(m_welcome, &WelcomePage::demoRequested, this, &MainWindow::startDemo);
    connect(m_welcome, &WelcomePage::ladderViewRequested, this, &MainWindow::showLadderView);
    connect(m_welcome, &WelcomePage::designRequested, this, [this] {
        if (auto *designerDock = findChild<QDockWidget *>(QStringLiteral("runDock"))) {
            designerDock->show();
            designerDock->raise();
        }
        // Keyboard users start at the designer's first field.
        if (auto *backbone = m_designer->findChild<QWidget *>(QStringLiteral("backbone")))
            backbone->setFocus(Qt::OtherFocusReason);
    });
}

void MainWindow::removeWelcome()
{
    if (m_welcome == nullptr)
        return;
    m_centre->removeTab(m_centre->indexOf(m_welcome));
    m_welcome->deleteLater();
    m_welcome = nullptr;
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(m_settings, QStringLiteral(":/i18n"), this);
    dialog.exec();
}

void MainWindow::showDesignInLadderView()
{
    if (const std::optional<RunConfig> config = m_designer->config())
        m_ladder->setDesign(*config);
}

void MainWindow::showLadderView()
{
    m_centre->setCurrentWidget(m_ladder);
}

MainWindow::~MainWindow() = default;

void MainWindow::createHistory()
{
    if (m_databasePath.isEmpty())
        return;
    try {
        m_historyModel = std::make_unique<RunHistoryModel>(m_databasePath);
        m_compare = new CompareView(m_databasePath, m_settings);
    } catch (const std::exception &e) {
        // The store cannot be read (another program's file, a newer schema…): train and plot
        // anyway; the first run will report the same error where it is recorded.
        m_historyModel.reset();
        delete m_compare;
        m_compare = nullptr;
        appendLog(tr("run history unavailable: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    m_centre->insertTab(1, m_compare, tr("Compare"));
    m_history = new RunHistoryView(m_historyModel.get(), m_settings);
    connect(m_history, &RunHistoryView::openRequested, this, &MainWindow::openRuns);
    connect(m_history, &RunHistoryView::compareRequested, this, &MainWindow::compareRuns);
    connect(m_history, &RunHistoryView::loadConfigurationRequested, this, &MainWindow::loadConfiguration);
    connect(m_history, &RunHistoryView::resumeRequested, this, &MainWindow::resumeRun);
    connect(m_historyModel.get(), &RunHistoryModel::followFailed, this, &MainWindow::showStatus);
}

void MainWindow::createActions()
{
    QToolBar *toolbar = addToolBar(tr("Run"));
    toolbar->setObjectName(QStringLiteral("runToolbar"));
    m_runAction = toolbar->addAction(tr("&Train"), this, &MainWindow::startRun);
    m_runAction->setShortcut(Qt::CTRL | Qt::Key_Return);
    m_runAction->setToolTip(tr("Train the designed run now (Ctrl+Return)"));
    m_queueAction = toolbar->addAction(tr("&Queue"), this, &MainWindow::queueRun);
    m_queueAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_Return);
    m_queueAction->setToolTip(tr("Add the designed run to the queue (Ctrl+Shift+Return)"));
    m_compareMethodsAction = toolbar->addAction(tr("&Compare methods…"), this, &MainWindow::compareMethods);
    m_compareMethodsAction->setToolTip(
        tr("Queue the designed run once per method — same backbone, task, data order and seed — and compare them"));
    toolbar->addSeparator();
    m_pauseAction = toolbar->addAction(tr("&Pause"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setToolTip(tr("Pause or resume the run the curves follow"));
    m_pauseAction->setShortcut(Qt::CTRL | Qt::Key_P);
    connect(m_pauseAction, &QAction::toggled, this, [this](bool paused) { m_queue->setPaused(m_followedEntry, paused); });
    m_stopAction = toolbar->addAction(tr("&Stop"), this, [this] { m_queue->cancel(m_followedEntry); });
    m_stopAction->setToolTip(tr("Stop the run the curves follow (it is kept, stopped, in the history)"));
    m_stopAction->setShortcut(Qt::CTRL | Qt::Key_Period);
    toolbar->addSeparator();
    m_demoAction = toolbar->addAction(tr("&Demo"), this, &MainWindow::startDemo);
    m_demoAction->setToolTip(tr("LST, Adapters and LoRA on the shipped wordnet-t5-tiny, compared as they train"));

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *preferences = fileMenu->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferences->setShortcut(Qt::CTRL | Qt::Key_Comma);
    preferences->setMenuRole(QAction::PreferencesRole);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addActions({m_runAction, m_queueAction, m_compareMethodsAction});
    runMenu->addSeparator();
    runMenu->addActions({m_pauseAction, m_stopAction});
    runMenu->addSeparator();
    runMenu->addAction(m_demoAction);
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *widget : findChildren<QDockWidget *>())
        viewMenu->addAction(widget->toggleViewAction());
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Ladder Workbench"), this, [this] {
        QDialog dialog(this);
        dialog.setWindowTitle(tr("About Ladder Workbench"));
        auto *layout = new QVBoxLayout(&dialog);
        layout->addWidget(new VersionPanel(&dialog));
        dialog.exec();
    });
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings->windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: fill the screen (a 1600×1000 one entirely), the docks at useful sizes.
        const QSize available = screen() != nullptr ? screen()->availableGeometry().size() : QSize(1600, 1000);
        resize(available.boundedTo(QSize(1600, 1000)));
    }
    restoreState(m_settings->windowState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // The designed run comes back at the next start; a form with an invalid field keeps the
    // last valid one.
    if (const std::optional<RunConfig> config = m_designer->config())
        m_settings->setLastConfiguration(QString::fromStdString(config->toJson()));
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->sync();
    QMainWindow::closeEvent(event);
}

std::optional<RunConfig> MainWindow::designedRun()
{
    QString error;
    std::optional<RunConfig> config = m_designer->config(&error);
    if (!config) {
        showStatus(tr("Cannot start: %1").arg(error));
        return std::nullopt;
    }
    // The designer has no name field: a name it carries came from a loaded run or the demo and
    // would mislabel a changed run. Unnamed runs are stored under a descriptive default name.
    config->name.clear();
    return config;
}

bool MainWindow::startRun()
{
    if (m_queue->trainingCount() >= m_queue->maxConcurrent() || m_queue->queuedCount() > 0) {
        showStatus(tr("Cannot start: every training slot is taken; queue the run instead"));
        return false;
    }
    const std::optional<RunConfig> config = designedRun();
    if (!config)
        return false;
    // A new run starts a new picture: the curves show it alone (and keep it once it ends).
    m_openedRuns.clear();
    plotOpenedRuns();
    m_queue->enqueue(*config);
    m_centre->setCurrentWidget(m_curves);
    return true;
}

bool MainWindow::queueRun()
{
    const std::optional<RunConfig> config = designedRun();
    if (!config)
        return false;
    const qint64 entry = m_queue->enqueue(*config);
    appendLog(tr("queued: %1").arg(m_queue->entry(entry)->name));
    return true;
}

void MainWindow::compareMethods()
{
    const std::optional<RunConfig> config = designedRun();
    if (!config)
        return;
    CompareMethodsDialog dialog(*config, m_settings, this);
    if (dialog.exec() == QDialog::Accepted)
        queueComparison(dialog.configs());
}

bool MainWindow::startDemo()
{
    if (m_queue->trainingCount() > 0 || m_queue->queuedCount() > 0) {
        showStatus(tr("Cannot start the demo while runs are going"));
        return false;
    }
    const RunConfig demo = RunDesigner::demoConfig();
    m_designer->setConfig(demo);
    queueComparison(methodComparisonConfigs(demo, defaultComparedMethods(), demoLearningRates()));
    return true;
}

void MainWindow::queueComparison(const std::vector<RunConfig> &configs)
{
    // The curves overlay the compared runs as they end, and nothing else.
    m_openedRuns.clear();
    plotOpenedRuns();
    m_comparedEntries.clear();
    for (const RunConfig &config : configs)
        m_comparedEntries.append(m_queue->enqueue(config));
    if (m_compare != nullptr) {
        // The first run may have started inside enqueue(), before its entry was listed here.
        QList<qint64> started;
        for (qint64 entry : std::as_const(m_comparedEntries)) {
            if (const qint64 run = m_queue->entry(entry)->runId; run > 0)
                started.append(run);
        }
        m_compare->setRuns(started);
        m_centre->setCurrentWidget(m_compare);
    }
    appendLog(tr("comparing %n method(s), queued", nullptr, static_cast<int>(configs.size())));
}

void MainWindow::followSession(qint64 entryId, TrainingSession *session)
{
    m_followedEntry = entryId;
    const QString name = m_queue->entry(entryId)->name;
    const QString label = m_queue->entry(entryId)->methodLabel;
    appendLog(tr("%1: started%2")
                  .arg(name,
                      session->runId() > 0 ? tr(" (run %1 in %2)").arg(session->runId()).arg(m_databasePath) : QString()));
    // A run started later takes the curves over; this one's signals then only reach the log.
    auto followed = [this, entryId] { return m_followedEntry == entryId; };
    connect(session, &TrainingSession::prepared, this, [=](const RunPreparation &p) {
        appendLog(tr("%1: %2 of %3 parameters train; %4 steps; vocabulary: %5")
                      .arg(name)
                      .arg(p.trainableParameters)
                      .arg(p.totalParameters)
                      .arg(p.totalSteps)
                      .arg(QString::fromStdString(p.vocabulary)));
        if (!followed())
            return;
        // Without a store the run has no id: its queue entry's, negated, tells it apart.
        m_curves->beginLiveRun(session->runId() > 0 ? session->runId() : -entryId, label, p.totalSteps);
        if (const QueueEntry *entry = m_queue->entry(entryId)) {
            m_ladder->setDesign(entry->config);
            m_ladder->clearGateValues();
        }
        m_progress->setRange(0, static_cast<int>(p.totalSteps));
        m_progress->setValue(static_cast<int>(p.startStep));
    });
    connect(session, &TrainingSession::stepFinished, this, [=](const StepMetrics &m) {
        if (!followed())
            return;
        m_curves->addStep(m);
        m_progress->setValue(static_cast<int>(m.step));
        m_statusLabel->setText(tr("%1 · step %2/%3 · loss %4 · %5 samples/s · ETA %6")
                                   .arg(name)
                                   .arg(m.step)
                                   .arg(m.totalSteps)
                                   .arg(m.loss, 0, 'f', 4)
                                   .arg(m.samplesPerSecond, 0, 'f', 1)
                                   .arg(duration(m.etaSeconds)));
    });
    connect(session, &TrainingSession::memoryMeasured, this, [=](qint64 step, const MemoryBreakdown &memory) {
        if (followed())
            m_curves->addMemory(step, memory);
    });
    connect(session, &TrainingSession::evaluated, this, [=](const EvaluationResult &result) {
        if (followed())
            m_curves->addEvaluation(result);
    });
    connect(session, &TrainingSession::gatesMeasured, this, [=](qint64 step, const std::vector<double> &gates) {
        if (followed())
            m_ladder->showGates(step, gates);
    });
    connect(session, &TrainingSession::logLine, this,
        [=](const QString &line) { appendLog(QStringLiteral("%1: %2").arg(name, line)); });
    connect(session, &TrainingSession::statusChanged, this, [=](TrainerStatus status, const QString &message) {
        // Preparation can take a while (Fisher initialisation, a vocabulary): say what it does.
        if (status == TrainerStatus::Preparing && !message.isEmpty() && followed())
            m_statusLabel->setText(tr("%1 · preparing: %2").arg(name, message));
        if (status == TrainerStatus::Paused || status == TrainerStatus::Failed)
            appendLog(QStringLiteral("%1: %2%3").arg(name, QString::fromStdString(trainerStatusName(status)),
                message.isEmpty() ? QString() : QStringLiteral(": ") + message));
    });
    if (m_comparedEntries.contains(entryId) && m_compare != nullptr && session->runId() > 0) {
        QList<qint64> runs = m_compare->runs();
        runs.append(session->runId());
        m_compare->setRuns(runs);
    }
    updateActions();
}

void MainWindow::entryFinished(qint64 entryId, const TrainResult &result)
{
    const QueueEntry *entry = m_queue->entry(entryId);
    // "finished after 5 steps" says its status itself; "the loss became NaN…" needs "failed: ".
    const std::string status = trainerStatusName(result.status);
    const bool messageSaysStatus = result.message.compare(0, status.size(), status) == 0;
    QString summary = (entry != nullptr ? entry->name + QStringLiteral(": ") : QString())
        + QString::fromStdString(messageSaysStatus ? result.message : status);
    if (!result.message.empty() && !messageSaysStatus)
        summary += QStringLiteral(": ") + QString::fromStdString(result.message);
    if (result.test)
        summary += tr(" · test score %1").arg(result.test->evaluation.score, 0, 'f', 2);
    if (result.peakMemory.peak > 0)
        summary += tr(" · peak tensor memory %1").arg(mebibytes(result.peakMemory.peak));
    appendLog(summary);
    if (entryId == m_followedEntry) {
        m_statusLabel->setText(summary);
        // The finished run stays on the curves, now read back from the store like any opened run;
        // without a store, as it was drawn.
        const qint64 runId = entry != nullptr ? entry->runId : 0;
        if (runId > 0) {
            if (!m_openedRuns.contains(runId))
                m_openedRuns.append(runId);
            m_curves->clearLiveRun();
            plotOpenedRuns();
        } else {
            m_curves->keepLiveRun();
        }
    }
    // The history and the compare view follow the store on their own timers; a run that ended
    // here is shown ended at once.
    if (m_historyModel)
        m_historyModel->refresh();
    if (m_compare != nullptr && m_comparedEntries.contains(entryId))
        m_compare->refresh();
    updateActions();
}

void MainWindow::openRuns(const QList<qint64> &runIds)
{
    m_openedRuns = runIds;
    plotOpenedRuns();
    m_centre->setCurrentWidget(m_curves);
}

void MainWindow::plotOpenedRuns()
{
    QList<RunCurveData> curves;
    if (m_databasePath.isEmpty() || m_openedRuns.isEmpty()) {
        m_curves->setStoredRuns(curves);
        return;
    }
    try {
        const RunStore store(m_databasePath.toStdString());
        for (qint64 id : std::as_const(m_openedRuns))
            curves.append(loadStoredCurves(store, id, kPlotPointsPerCurve));
    } catch (const std::exception &e) {
        showStatus(tr("Cannot open the runs: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    m_curves->setStoredRuns(curves);
}

void MainWindow::compareRuns(const QList<qint64> &runIds)
{
    if (m_compare == nullptr)
        return;
    m_compare->setRuns(runIds);
    m_openedRuns = runIds;
    plotOpenedRuns();
    m_centre->setCurrentWidget(m_compare);
}

void MainWindow::loadConfiguration(const QString &configJson)
{
    try {
        m_designer->setConfig(RunConfig::fromJson(configJson.toStdString(), "the stored run"));
        showStatus(tr("Configuration loaded into the designer"));
    } catch (const std::exception &e) {
        showStatus(tr("Cannot load the configuration: %1").arg(QString::fromStdString(e.what())));
    }
}

void MainWindow::resumeRun(qint64 runId)
{
    QString error;
    if (m_queue->enqueueResume(runId, &error) > 0)
        appendLog(tr("queued: resume run %1").arg(runId));
    else
        showStatus(tr("Cannot resume run %1: %2").arg(runId).arg(error));
}

void MainWindow::queueIdle()
{
    updateActions();
    if (m_imageWhenQueueEnds.isEmpty())
        return;
    const QString file = std::exchange(m_imageWhenQueueEnds, QString());
    if (m_compare != nullptr) {
        m_compare->refresh();
        m_centre->setCurrentWidget(m_compare);
    }
    // Plots redraw on short timers: let the last points land first.
    QTimer::singleShot(300, this, [this, file] { Q_EMIT imageSaved(file, grab().save(file)); });
}

void MainWindow::saveImageWhenQueueEnds(const QString &file)
{
    m_imageWhenQueueEnds = file;
}

void MainWindow::appendLog(const QString &line)
{
    m_log->appendPlainText(line);
}

void MainWindow::showStatus(const QString &text)
{
    m_statusLabel->setText(text);
    appendLog(text);
}

void MainWindow::updateActions()
{
    const QueueEntry *followed = m_queue->entry(m_followedEntry);
    const bool training = followed != nullptr && !isEnded(followed->state) && followed->state != QueueEntryState::Queued;
    m_runAction->setEnabled(m_queue->trainingCount() < m_queue->maxConcurrent() && m_queue->queuedCount() == 0);
    m_demoAction->setEnabled(m_queue->trainingCount() == 0 && m_queue->queuedCount() == 0);
    m_pauseAction->setEnabled(training);
    m_stopAction->setEnabled(training);
    const QSignalBlocker blocker(m_pauseAction);
    m_pauseAction->setChecked(training && followed->state == QueueEntryState::Paused);
}

} // namespace ladder
