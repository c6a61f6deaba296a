// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "about/VersionPanel.h"
#include "plots/LiveCurves.h"
#include "run/RunDesigner.h"
#include "run/TrainingSession.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollArea>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

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

} // namespace

MainWindow::MainWindow(const QString &databasePath, QWidget *parent)
    : QMainWindow(parent)
    , m_databasePath(databasePath)
{
    setWindowTitle(tr("Ladder Workbench %1").arg(QApplication::applicationVersion()));
    setObjectName(QStringLiteral("mainWindow"));

    m_curves = new LiveCurves(this);
    setCentralWidget(m_curves);

    m_designer = new RunDesigner;
    auto *designerScroll = new QScrollArea;
    designerScroll->setWidget(m_designer);
    designerScroll->setWidgetResizable(true);
    auto *designerDock = new QDockWidget(tr("Run"), this);
    designerDock->setObjectName(QStringLiteral("runDock"));
    designerDock->setWidget(designerScroll);
    designerDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, designerDock);

    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    auto *logDock = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("logDock"));
    logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);

    m_session = new TrainingSession(this);

    QToolBar *toolbar = addToolBar(tr("Run"));
    toolbar->setObjectName(QStringLiteral("runToolbar"));
    m_runAction = toolbar->addAction(tr("&Train"), this, &MainWindow::startRun);
    m_runAction->setShortcut(Qt::CTRL | Qt::Key_Return);
    m_pauseAction = toolbar->addAction(tr("&Pause"));
    m_pauseAction->setCheckable(true);
    connect(m_pauseAction, &QAction::toggled, m_session, &TrainingSession::setPaused);
    m_stopAction = toolbar->addAction(tr("&Stop"), m_session, &TrainingSession::requestStop);
    toolbar->addSeparator();
    toolbar->addAction(tr("&Demo"), this, &MainWindow::startDemo);

    m_statusLabel = new QLabel(tr("Ready"));
    m_statusLabel->setObjectName(QStringLiteral("runStatus"));
    m_progress = new QProgressBar;
    m_progress->setMaximumWidth(240);
    m_progress->setFormat(tr("step %v of %m"));
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_progress);

    connect(m_session, &TrainingSession::prepared, this, [this](const RunPreparation &p) {
        m_curves->reset(p.totalSteps);
        m_progress->setRange(0, static_cast<int>(p.totalSteps));
        m_progress->setValue(static_cast<int>(p.startStep));
        appendLog(tr("%1: %2 of %3 parameters train; %4 steps; vocabulary: %5")
                      .arg(QString::fromStdString(p.task))
                      .arg(p.trainableParameters)
                      .arg(p.totalParameters)
                      .arg(p.totalSteps)
                      .arg(QString::fromStdString(p.vocabulary)));
    });
    connect(m_session, &TrainingSession::stepFinished, this, [this](const StepMetrics &m) {
        m_curves->addStep(m);
        m_progress->setValue(static_cast<int>(m.step));
        m_statusLabel->setText(tr("step %1/%2 · loss %3 · %4 samples/s · ETA %5")
                                   .arg(m.step)
                                   .arg(m.totalSteps)
                                   .arg(m.loss, 0, 'f', 4)
                                   .arg(m.samplesPerSecond, 0, 'f', 1)
                                   .arg(duration(m.etaSeconds)));
    });
    connect(m_session, &TrainingSession::memoryMeasured, m_curves, &LiveCurves::addMemory);
    connect(m_session, &TrainingSession::evaluated, m_curves, &LiveCurves::addEvaluation);
    connect(m_session, &TrainingSession::logLine, this, &MainWindow::appendLog);
    connect(m_session, &TrainingSession::statusChanged, this, [this](TrainerStatus status, const QString &message) {
        if (status == TrainerStatus::Paused || status == TrainerStatus::Failed)
            appendLog(QString::fromStdString(trainerStatusName(status)) + (message.isEmpty() ? QString() : QStringLiteral(": ") + message));
    });
    connect(m_session, &TrainingSession::finished, this, &MainWindow::runFinished);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *quit = fileMenu->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Ladder Workbench"), this, [this] {
        QDialog dialog(this);
        dialog.setWindowTitle(tr("About Ladder Workbench"));
        auto *layout = new QVBoxLayout(&dialog);
        layout->addWidget(new VersionPanel(&dialog));
        dialog.exec();
    });

    setRunning(false);
    resize(1280, 820);
}

bool MainWindow::startRun()
{
    QString error;
    const std::optional<RunConfig> config = m_designer->config(&error);
    if (config && m_session->start(*config, m_databasePath, &error)) {
        m_log->clear();
        m_curves->reset(config->train.maxSteps);
        appendLog(tr("run %1 started%2")
                      .arg(QString::fromStdString(config->name))
                      .arg(m_session->runId() > 0
                              ? tr(" (run %1 in %2)").arg(m_session->runId()).arg(m_databasePath)
                              : QString()));
        setRunning(true);
        return true;
    }
    m_statusLabel->setText(tr("Cannot start: %1").arg(error));
    appendLog(tr("cannot start: %1").arg(error));
    return false;
}

bool MainWindow::startDemo()
{
    if (m_session->isRunning())
        return false;
    m_designer->setConfig(RunDesigner::demoConfig());
    return startRun();
}

void MainWindow::runFinished(const TrainResult &result)
{
    setRunning(false);
    QString summary = QString::fromStdString(trainerStatusName(result.status));
    if (!result.message.empty())
        summary += QStringLiteral(": ") + QString::fromStdString(result.message);
    if (result.test)
        summary += tr(" · test score %1").arg(result.test->evaluation.score, 0, 'f', 2);
    if (result.peakMemory.peak > 0)
        summary += tr(" · peak tensor memory %1").arg(mebibytes(result.peakMemory.peak));
    m_statusLabel->setText(summary);
    appendLog(summary);
    if (!m_imageWhenRunEnds.isEmpty()) {
        const QString file = std::exchange(m_imageWhenRunEnds, QString());
        // The curves redraw on a 40 ms timer: let the last points land first.
        QTimer::singleShot(200, this, [this, file] { Q_EMIT imageSaved(file, grab().save(file)); });
    }
}

void MainWindow::saveImageWhenRunEnds(const QString &file)
{
    m_imageWhenRunEnds = file;
}

void MainWindow::appendLog(const QString &line)
{
    m_log->appendPlainText(line);
}

void MainWindow::setRunning(bool running)
{
    m_runAction->setEnabled(!running);
    m_pauseAction->setEnabled(running);
    if (!running) {
        const QSignalBlocker blocker(m_pauseAction);
        m_pauseAction->setChecked(false);
    }
    m_stopAction->setEnabled(running);
    m_designer->setEnabled(!running);
}

} // namespace ladder
