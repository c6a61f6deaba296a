// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QPlainTextEdit;
class QProgressBar;

namespace ladder {

class LiveCurves;
class RunDesigner;
class TrainingSession;
struct TrainResult;

/// The workbench's main window: the run designer on the left, the live curves of the current
/// run in the middle, the run's log below. Runs train on a worker thread and are recorded in
/// the run database `ladder runs` reads.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /// `databasePath`: where runs are recorded (empty: not recorded).
    explicit MainWindow(const QString &databasePath, QWidget *parent = nullptr);

    RunDesigner *designer() const { return m_designer; }
    LiveCurves *curves() const { return m_curves; }
    TrainingSession *session() const { return m_session; }

    /// Saves the window to `file` (PNG, JPEG… by its suffix) once the next run ends, after the
    /// curves' last redraw, for slides and reports; then emits imageSaved.
    void saveImageWhenRunEnds(const QString &file);

Q_SIGNALS:
    /// `ok` false: the image could not be written (unknown suffix, unwritable folder).
    void imageSaved(const QString &file, bool ok);

public Q_SLOTS:
    /// Starts the run the designer describes; false (with the reason in the status bar and the
    /// log) when it is invalid or a run is going.
    bool startRun();
    /// Loads the built-in demo into the designer and starts it.
    bool startDemo();

private:
    void runFinished(const TrainResult &result);
    void appendLog(const QString &line);
    void setRunning(bool running);

    QString m_databasePath;
    QString m_imageWhenRunEnds;
    RunDesigner *m_designer = nullptr;
    LiveCurves *m_curves = nullptr;
    TrainingSession *m_session = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_statusLabel = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_stopAction = nullptr;
};

} // namespace ladder
