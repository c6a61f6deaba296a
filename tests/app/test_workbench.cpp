// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench: it starts and reports its versions; the run designer turns the form into a
// valid run with the predictor's estimate; a run trains on a worker thread, its curves plot
// every step, it is recorded in the store, and Stop ends it within a step. A first start with an
// empty history welcomes; the designed run comes back at the next start; a theme recolours every
// plot.

#include "MainWindow.h"
#include "TinyRun.h"
#include "about/VersionPanel.h"
#include "experiments/CompareView.h"
#include "experiments/RunHistoryModel.h"
#include "plots/RunCurves.h"
#include "queue/RunQueue.h"
#include "designer/OptionEditor.h"
#include "designer/RunDesigner.h"
#include "run/TrainingSession.h"
#include "settings/Theme.h"
#include "settings/WorkbenchSettings.h"
#include "WelcomePage.h"
#include "teaching/LadderView.h"
#include "runtime/BuildInfo.h"
#include "store/RunStore.h"

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QTabWidget>
#include <QLabel>
#include <QSpinBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {

/// The tests' tiny LoRA run (tests/queue/TinyRun.h), under this file's name.
ladder::RunConfig tinyRun(int64_t steps)
{
    return ::tinyRun("gui-test", steps);
}

/// The run a window remembered in its settings file `file` when it closed.
std::string rememberedConfiguration(const QString &file)
{
    return ladder::WorkbenchSettings(file).lastConfiguration().toStdString();
}

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Trained vocabularies go to this test's folder, not the user's cache.
        qputenv("LADDER_CACHE_DIR", m_dir.filePath(QStringLiteral("cache")).toUtf8());
        // The windows below get their own settings files; nothing reaches the user's.
        QStandardPaths::setTestModeEnabled(true);
    }

    void versionTextNamesAppQtAndLibTorch()
    {
        const QString text = ladder::VersionPanel::versionText();
        QVERIFY2(text.contains(QStringLiteral(LADDER_VERSION)), qPrintable(text));
        QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
        QVERIFY2(text.contains(QString::fromStdString(ladder::libtorchVersion())), qPrintable(text));
    }

    void designerMakesTheRunItShowsWithAPlan()
    {
        ladder::RunDesigner designer;
        ladder::RunConfig shown = tinyRun(7);
        shown.method.lora.rank = 4;
        designer.setConfig(shown);
        QString error;
        const std::optional<ladder::RunConfig> config = designer.config(&error);
        QVERIFY2(config.has_value(), qPrintable(error));
        QCOMPARE(config->toJson(), shown.toJson());
        const auto *plan = designer.findChild<QLabel *>(QStringLiteral("plan"));
        QVERIFY(plan);
        QVERIFY2(plan->text().contains(QStringLiteral("parameters train")), qPrintable(plan->text()));

        // Options are typed editors generated from their declarations: LoRA's rank is a spin box
        // that stops at the declared minimum of 1, and what it holds is what the run gets.
        auto *rank = designer.findChild<ladder::OptionEditor *>(QStringLiteral("method.rank"));
        QVERIFY(rank);
        auto *rankBox = rank->findChild<QSpinBox *>();
        QVERIFY(rankBox);
        QCOMPARE(rankBox->minimum(), 1);
        rankBox->setValue(9);
        QCOMPARE(designer.config()->method.lora.rank, int64_t(9));

        // What the editors cannot refuse, the engine does, in the plan: an LST reduction factor
        // that does not divide the backbone's widths (t5-tiny: d_model 64, d_ff 256, d_kv 16).
        ladder::RunConfig lst = tinyRun(7);
        lst.backbone.preset = "t5-tiny";
        lst.method.kind = ladder::MethodKind::Lst;
        lst.method.lst.reduction = 5;
        designer.setConfig(lst);
        QVERIFY2(plan->text().contains(QStringLiteral("does not divide")), qPrintable(plan->text()));
    }

    void runTrainsOnAWorkerThreadPlotsAndIsStored()
    {
        const QString db = m_dir.filePath(QStringLiteral("runs.sqlite"));
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("train.ini")));
        ladder::MainWindow window(db, &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // An empty history: the welcome page is up front, and leaves with the first run.
        QVERIFY(window.welcomePage() != nullptr);
        QCOMPARE(window.findChild<QTabWidget *>(QStringLiteral("centre"))->currentWidget(),
            static_cast<QWidget *>(window.welcomePage()));
        window.designer()->setConfig(tinyRun(5));
        // The live curves grow while it trains: count the loss points the session delivers.
        int liveLossPoints = 0;
        connect(window.queue(), &ladder::RunQueue::entryStarted, this, [&](qint64, ladder::TrainingSession *session) {
            connect(session, &ladder::TrainingSession::stepFinished, this,
                [&] { liveLossPoints = window.curves()->pointCount(QStringLiteral("loss")); });
        });
        QSignalSpy finished(window.queue(), &ladder::RunQueue::entryFinished);
        QVERIFY(window.startRun());
        QVERIFY(!window.startRun()); // the only training slot is taken: queue it instead
        QVERIFY(finished.wait(120000));
        const auto result = finished.takeFirst().at(1).value<ladder::TrainResult>();
        QVERIFY2(result.status == ladder::TrainerStatus::Finished, result.message.c_str());
        QCOMPARE(liveLossPoints, 5);
        QVERIFY(window.welcomePage() == nullptr);
        QCOMPARE(window.findChild<QTabWidget *>(QStringLiteral("centre"))->indexOf(window.curves()), 0);
        const auto *log = window.findChild<QPlainTextEdit *>(QStringLiteral("log"));
        QVERIFY2(log->toPlainText().contains(QStringLiteral("finished")), qPrintable(log->toPlainText()));
        // The ending is said once: "…: finished after 5 steps", not "finished: finished after…".
        const QString ending = window.findChild<QLabel *>(QStringLiteral("runStatus"))->text();
        QVERIFY2(ending.contains(QStringLiteral(": finished after 5 steps")), qPrintable(ending));
        QVERIFY2(!ending.contains(QStringLiteral("finished: finished")), qPrintable(ending));

        const ladder::RunStore store(db.toStdString());
        const std::vector<ladder::RunRecord> runs = store.listRuns();
        QCOMPARE(runs.size(), std::size_t(1));
        const ladder::RunSummary summary = store.summary(runs.front().id);
        QCOMPARE(summary.run.status, ladder::RunStatus::Finished);
        // The designer has no name field: the run gets its descriptive default name.
        QCOMPARE(summary.run.name, std::string("lora r=32 · wordnet-t5-tiny · wordnet-lexname"));
        QCOMPARE(summary.lastStep.value_or(0), int64_t(5));
        // Once it ends, the run stays on the curves, read back from the store.
        QCOMPARE(window.curves()->storedRunIds(), QList<qint64>{runs.front().id});
        QVERIFY(!window.curves()->hasLiveRun());
        // …and the history, which follows the file, lists it.
        QTRY_COMPARE_WITH_TIMEOUT(window.historyModel()->rowCount(), 1, 5000);
        if (const QString dir = qEnvironmentVariable("LADDER_SCREENSHOT_DIR"); !dir.isEmpty())
            window.grab().save(QDir(dir).filePath(QStringLiteral("window-after-run.png")));
    }

    void welcomeOffersTheDemoTheLadderViewAndTheDesigner()
    {
        const QString db = m_dir.filePath(QStringLiteral("welcome.sqlite"));
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("welcome.ini")));
        ladder::MainWindow window(db, &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *centre = window.findChild<QTabWidget *>(QStringLiteral("centre"));
        QVERIFY(window.welcomePage() != nullptr);
        if (const QString dir = qEnvironmentVariable("LADDER_SCREENSHOT_DIR"); !dir.isEmpty())
            window.grab().save(QDir(dir).filePath(QStringLiteral("welcome.png")));
        window.welcomePage()->findChild<QAbstractButton *>(QStringLiteral("welcomeLadder"))->click();
        QCOMPARE(centre->currentWidget(), static_cast<QWidget *>(window.ladderView()));
        window.welcomePage()->findChild<QAbstractButton *>(QStringLiteral("welcomeDesign"))->click();
        QTRY_VERIFY(window.designer()->isAncestorOf(QApplication::focusWidget()));
        // Without a history (no database) there is nothing to welcome to: no page.
        ladder::MainWindow noHistory(QString{}, &settings);
        QVERIFY(noHistory.welcomePage() == nullptr);
    }

    void lastDesignedRunComesBackAtTheNextStart()
    {
        const QString file = m_dir.filePath(QStringLiteral("last.ini"));
        ladder::RunConfig designed = tinyRun(7);
        designed.train.learningRate = 0.0042;
        designed.train.seed = 11;
        {
            ladder::WorkbenchSettings settings(file);
            ladder::MainWindow window(QString{}, &settings);
            window.designer()->setConfig(designed);
            window.show();
            QVERIFY(window.close());
        }
        const std::string expected = rememberedConfiguration(file);
        QVERIFY(!expected.empty());
        ladder::RunConfig shown = ladder::RunConfig::fromJson(expected, "test");
        QCOMPARE(shown.train.maxSteps, int64_t(7));
        QCOMPARE(shown.train.learningRate, 0.0042);
        QCOMPARE(shown.train.seed, int64_t(11));
        QCOMPARE(QString::fromStdString(ladder::methodName(shown.method.kind)), QStringLiteral("lora"));

        // What another version wrote, unreadable here: the demo's run, and the log says why.
        {
            ladder::WorkbenchSettings settings(file);
            settings.setLastConfiguration(QStringLiteral("{\"train\": {\"max_steps\": \"many\"}}"));
        }
        ladder::WorkbenchSettings settings(file);
        ladder::MainWindow window(QString{}, &settings);
        QCOMPARE(window.designer()->config()->toJson(), ladder::RunDesigner::demoConfig().toJson());
        const auto *log = window.findChild<QPlainTextEdit *>(QStringLiteral("log"));
        QVERIFY2(log->toPlainText().contains(QStringLiteral("train.max_steps")), qPrintable(log->toPlainText()));
    }

    void darkThemeRecoloursEveryPlotAndBack()
    {
        const QString db = m_dir.filePath(QStringLiteral("theme.sqlite"));
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("theme.ini")));
        ladder::MainWindow window(db, &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QList<QCustomPlot *> plots = window.findChildren<QCustomPlot *>();
        QVERIFY(plots.size() >= 7); // four curves, two in the compare view, the ladder view's chart
        for (ladder::Theme theme : {ladder::Theme::Dark, ladder::Theme::Light}) {
            ladder::applyTheme(theme);
            const QPalette palette = ladder::themePalette(theme);
            QCOMPARE(ladder::isDarkPalette(palette), theme == ladder::Theme::Dark);
            for (QCustomPlot *plot : plots) {
                // Qt hands a new application palette to the widgets from the event loop.
                QTRY_COMPARE(plot->palette().color(QPalette::Base), palette.color(QPalette::Base));
                // The corner of the plot as it paints: its background.
                QCOMPARE(plot->toPixmap(240, 180).toImage().pixelColor(1, 1), palette.color(QPalette::Base));
                QCOMPARE(plot->xAxis->tickLabelColor(), palette.color(QPalette::WindowText));
                QCOMPARE(plot->yAxis->labelColor(), palette.color(QPalette::WindowText));
            }
            if (const QString dir = qEnvironmentVariable("LADDER_SCREENSHOT_DIR"); !dir.isEmpty()) {
                window.showLadderView();
                window.grab().save(QDir(dir).filePath(QStringLiteral("theme-%1.png").arg(ladder::themeName(theme))));
            }
        }
        ladder::applyTheme(ladder::Theme::System);
    }

    void ladderViewShowsTheGatesOfARealLstRun()
    {
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("ladder.ini")));
        ladder::MainWindow window(QString{}, &settings);
        ladder::RunConfig lst = tinyRun(6);
        lst.method.kind = ladder::MethodKind::Lst;
        lst.method.lst.fisherSamples = 16; // the Fisher initialisation on 16 examples: a second, not minutes
        lst.train.learningRate = 3e-2;
        window.designer()->setConfig(lst);
        ladder::LadderView *view = window.ladderView();
        QVERIFY(view->ladderCount() > 0); // it follows the designer before anything runs
        QVERIFY(std::isnan(view->gateValue(0)));
        // The gates as they arrive after the first step, and after the last.
        QList<double> first;
        connect(window.queue(), &ladder::RunQueue::entryStarted, this, [&](qint64, ladder::TrainingSession *session) {
            connect(session, &ladder::TrainingSession::gatesMeasured, this, [&] {
                if (first.isEmpty())
                    for (int i = 0; i < view->ladderCount(); ++i)
                        first.append(view->gateValue(i));
            });
        });
        QSignalSpy finished(window.queue(), &ladder::RunQueue::entryFinished);
        QVERIFY(window.startRun());
        QVERIFY(finished.wait(240000));
        QCOMPARE(finished.first().at(1).value<ladder::TrainResult>().status, ladder::TrainerStatus::Finished);
        QCOMPARE(first.size(), view->ladderCount());
        int changed = 0;
        for (int i = 0; i < view->ladderCount(); ++i) {
            QVERIFY(!std::isnan(view->gateValue(i)));
            changed += view->gateValue(i) != first.at(i) ? 1 : 0;
        }
        QVERIFY2(changed > 0, "no gate moved during training");
        // No store to read the ended run back from: its curves stay as they were drawn.
        QVERIFY(!window.curves()->hasLiveRun());
        QCOMPARE(window.curves()->storedRunIds().size(), 1);
        QVERIFY(window.curves()->storedRunIds().first() < 0); // not a store's id
    }

    void windowIsSavedAsAnImageWhenTheQueueEnds()
    {
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("image.ini")));
        ladder::MainWindow window(QString{}, &settings);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.history()); // no database: no history
        const QString file = m_dir.filePath(QStringLiteral("window.png"));
        window.saveImageWhenQueueEnds(file);
        QSignalSpy saved(&window, &ladder::MainWindow::imageSaved);
        window.designer()->setConfig(tinyRun(3));
        QVERIFY(window.queueRun());
        QVERIFY(window.queueRun());
        QVERIFY(saved.wait(240000));
        QCOMPARE(saved.size(), 1); // once, after the second run
        QCOMPARE(saved.first().at(0).toString(), file);
        QVERIFY(saved.first().at(1).toBool());
        const QImage image(file);
        QCOMPARE(image.size(), window.grab().size());
        QCOMPARE(window.queue()->entryIds().size(), 2);
        for (qint64 entry : window.queue()->entryIds())
            QCOMPARE(window.queue()->entry(entry)->state, ladder::QueueEntryState::Finished);

        // An unknown format is reported, not silently dropped.
        window.saveImageWhenQueueEnds(m_dir.filePath(QStringLiteral("window.nosuchformat")));
        QVERIFY(window.startRun());
        QVERIFY(saved.wait(120000));
        QVERIFY(!saved.last().at(1).toBool());
    }

    void demoQueuesThreeMethodsAndComparesThemAsTheyRun()
    {
        const QString db = m_dir.filePath(QStringLiteral("demo-window.sqlite"));
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("demo.ini")));
        ladder::MainWindow window(db, &settings);
        QVERIFY(window.startDemo());
        QVERIFY(!window.startDemo()); // not while its runs are going
        const QVector<qint64> entries = window.queue()->entryIds();
        QCOMPARE(entries.size(), 3);
        QStringList methods;
        for (qint64 entry : entries)
            methods.append(QString::fromStdString(ladder::methodName(window.queue()->entry(entry)->config.method.kind)));
        QCOMPARE(methods, QStringList({QStringLiteral("lst"), QStringLiteral("adapter"), QStringLiteral("lora")}));
        QTRY_VERIFY_WITH_TIMEOUT(window.queue()->entry(entries.first())->runId > 0, 60000);
        const qint64 firstRun = window.queue()->entry(entries.first())->runId;
        QCOMPARE(window.compareView()->runs(), QList<qint64>{firstRun});
        for (qint64 entry : entries)
            window.queue()->cancel(entry);
        QTRY_COMPARE_WITH_TIMEOUT(window.queue()->trainingCount(), 0, 60000);
    }

    void stopEndsTheRunWithinAStep()
    {
        const QString db = m_dir.filePath(QStringLiteral("stop.sqlite"));
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("stop.ini")));
        ladder::MainWindow window(db, &settings);
        window.designer()->setConfig(tinyRun(100000));
        QSignalSpy finished(window.queue(), &ladder::RunQueue::entryFinished);
        qint64 stoppedAt = 0;
        connect(window.queue(), &ladder::RunQueue::entryStarted, this, [&](qint64 entry, ladder::TrainingSession *session) {
            connect(session, &ladder::TrainingSession::stepFinished, this, [&, entry](const ladder::StepMetrics &metrics) {
                if (stoppedAt == 0) {
                    stoppedAt = metrics.step;
                    window.queue()->cancel(entry);
                }
            });
        });
        QVERIFY(window.startRun());
        QVERIFY(finished.wait(120000));
        const auto result = finished.takeFirst().at(1).value<ladder::TrainResult>();
        QCOMPARE(result.status, ladder::TrainerStatus::Stopped);
        // Steps already queued when the stop was asked for may still land: at most one more.
        QVERIFY2(result.steps <= stoppedAt + 1, qPrintable(QString::number(result.steps)));
        const std::vector<ladder::RunRecord> runs = ladder::RunStore(db.toStdString()).listRuns();
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(runs.front().status, ladder::RunStatus::Stopped);
    }

    void panelShowsTitleAndVersions()
    {
        ladder::VersionPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const auto *title = panel.findChild<QLabel *>(QStringLiteral("appTitle"));
        QVERIFY(title);
        QCOMPARE(title->text(), QStringLiteral("Ladder Workbench"));
        const auto *versions = panel.findChild<QLabel *>(QStringLiteral("versions"));
        QVERIFY(versions);
        QCOMPARE(versions->text(), ladder::VersionPanel::versionText());
    }

    void executablePrintsVersions()
    {
        QProcess process;
        process.start(QStringLiteral(LADDER_BIN_DIR "/ladder-workbench"), {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QString out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
        QCOMPARE(out, ladder::VersionPanel::versionText());
    }

    void executableRefusesAScreenshotWithoutTheDemo()
    {
        QProcess process;
        process.start(QStringLiteral(LADDER_BIN_DIR "/ladder-workbench"),
            {QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("x.png"))});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("--screenshot needs --demo")));
    }

    void executableStartsTheDemo()
    {
        // A real start under the offscreen platform: the window comes up, the demo run starts
        // and is recorded, and the process keeps running until we end it.
        const QString db = m_dir.filePath(QStringLiteral("demo.sqlite"));
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(LADDER_BIN_DIR "/ladder-workbench"),
            {QStringLiteral("--demo"), QStringLiteral("--db"), db});
        QVERIFY(process.waitForStarted(30000));
        QVERIFY2(!process.waitForFinished(3000), qPrintable(QString::fromUtf8(process.readAllStandardError())));
        // The demo compares three methods; the first is training (the others wait in the queue).
        const std::vector<ladder::RunRecord> runs = ladder::RunStore(db.toStdString()).listRuns();
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(runs.front().method, std::string("lst"));
        QVERIFY2(QString::fromStdString(runs.front().name).startsWith(QStringLiteral("lst r=")), runs.front().name.c_str());
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestWorkbench)
#include "test_workbench.moc"
