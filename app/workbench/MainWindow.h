// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMainWindow>

#include <memory>
#include <optional>
#include <vector>

class QAction;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QTabWidget;

namespace ladder {

class CompareView;
class LadderView;
class RunCurves;
class RunDesigner;
class RunHistoryModel;
class RunHistoryView;
class RunQueue;
class QueueView;
class TrainingSession;
class WelcomePage;
class WorkbenchSettings;
struct RunConfig;
struct TrainResult;

/// The workbench's main window, an experiment browser: the run designer (left), the curves of
/// the live and the opened runs, the compare view and the ladder view for teaching (centre, as
/// tabs), the run history and the
/// run queue (docks), the log. Runs train on worker threads through the queue and are recorded
/// in the run database `ladder runs` reads; without a database the history and the compare view
/// are absent.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /// `databasePath`: where runs are recorded (empty: not recorded). `settings`: what the
    /// window remembers (null: the user's settings).
    explicit MainWindow(const QString &databasePath, WorkbenchSettings *settings = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    RunDesigner *designer() const { return m_designer; }
    RunCurves *curves() const { return m_curves; }
    RunQueue *queue() const { return m_queue; }
    QueueView *queueView() const { return m_queueView; }
    /// Null without a database.
    RunHistoryView *history() const { return m_history; }
    RunHistoryModel *historyModel() const { return m_historyModel.get(); }
    CompareView *compareView() const { return m_compare; }
    LadderView *ladderView() const { return m_ladder; }
    /// Brings the ladder view (teaching: LST's architecture, its gates, where memory goes) forward.
    void showLadderView();
    /// The welcome page, shown while the run history is empty; null once it has left.
    WelcomePage *welcomePage() const { return m_welcome; }

    /// Saves the window to `file` (PNG, JPEG… by its suffix) once the queue has no more runs,
    /// after the views' last redraw, showing the compare view when there is one; then emits
    /// imageSaved.
    void saveImageWhenQueueEnds(const QString &file);

Q_SIGNALS:
    /// `ok` false: the image could not be written (unknown suffix, unwritable folder).
    void imageSaved(const QString &file, bool ok);

public Q_SLOTS:
    /// Starts the designer's run now; false (with the reason in the status bar and the log) when
    /// it is invalid or every training slot is taken (queue it instead).
    bool startRun();
    /// Appends the designer's run to the queue; false when it is invalid.
    bool queueRun();
    /// Asks which methods to compare (and their learning rates), queues the designer's run once
    /// per method and opens the compare view on them.
    void compareMethods();
    /// The built-in demo: LST, Adapters and LoRA on the shipped wordnet-t5-tiny, queued as
    /// Compare methods would, the compare view following them. False if runs are going.
    bool startDemo();
    /// Shows these stored runs' curves (an overlay when several).
    void openRuns(const QList<qint64> &runIds);
    /// Shows these runs in the compare view and their curves together.
    void compareRuns(const QList<qint64> &runIds);
    /// The preferences: theme, language, recent folders.
    void showPreferences();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createHistory();
    void createActions();
    std::optional<RunConfig> designedRun();
    void queueComparison(const std::vector<RunConfig> &configs);
    void followSession(qint64 entryId, TrainingSession *session);
    void entryFinished(qint64 entryId, const TrainResult &result);
    void plotOpenedRuns();
    void showDesignInLadderView();
    void loadConfiguration(const QString &configJson);
    void resumeRun(qint64 runId);
    void queueIdle();
    void appendLog(const QString &line);
    void showStatus(const QString &text);
    void updateActions();
    void restoreLayout();
    /// The designer's run from the last session (the demo's when none or unreadable).
    void restoreLastConfiguration();
    void showWelcomeIfHistoryEmpty();
    void removeWelcome();

    QString m_databasePath;
    std::unique_ptr<WorkbenchSettings> m_ownSettings;
    WorkbenchSettings *m_settings = nullptr;
    QString m_imageWhenQueueEnds;

    RunDesigner *m_designer = nullptr;
    QTabWidget *m_centre = nullptr;
    RunCurves *m_curves = nullptr;
    CompareView *m_compare = nullptr;
    LadderView *m_ladder = nullptr;
    WelcomePage *m_welcome = nullptr;
    std::unique_ptr<RunHistoryModel> m_historyModel;
    RunHistoryView *m_history = nullptr;
    RunQueue *m_queue = nullptr;
    QueueView *m_queueView = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_statusLabel = nullptr;

    QAction *m_runAction = nullptr;
    QAction *m_queueAction = nullptr;
    QAction *m_compareMethodsAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_demoAction = nullptr;

    /// The queue entry the curves and the progress bar follow (the last one started).
    qint64 m_followedEntry = 0;
    /// Runs the curves show besides the live one: opened from the history, or finished here.
    QList<qint64> m_openedRuns;
    /// Queue entries of the last Compare methods (or demo), whose runs the compare view follows.
    QList<qint64> m_comparedEntries;
};

} // namespace ladder
