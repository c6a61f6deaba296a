// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench: it starts and reports its versions; the run designer turns the form into a
// valid run with the predictor's estimate; a run trains on a worker thread, its curves plot
// every step, it is recorded in the store, and Stop ends it within a step.

#include "MainWindow.h"
#include "about/VersionPanel.h"
#include "plots/LiveCurves.h"
#include "run/RunDesigner.h"
#include "run/TrainingSession.h"
#include "runtime/BuildInfo.h"
#include "store/RunStore.h"

#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

/// LoRA on the demo's backbone and task with a small split: a few seconds on one thread.
ladder::RunConfig tinyRun(int64_t steps)
{
    ladder::RunConfig config = ladder::RunDesigner::demoConfig();
    config.name = "gui-test";
    config.method.kind = ladder::MethodKind::Lora;
    config.task.trainSize = 64;
    config.task.validationSize = 16;
    config.task.testSize = 16;
    config.train.batchSize = 8;
    config.train.maxSteps = steps;
    config.train.evalEvery = steps;
    config.train.maxSourceLength = 32;
    config.train.threads = 1;
    return config;
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

        // A bad option is refused with the parser's message naming the key, shown in the plan.
        auto *rank = designer.findChild<QLineEdit *>(QStringLiteral("method.rank"));
        QVERIFY(rank);
        rank->setText(QStringLiteral("\"four\""));
        Q_EMIT rank->editingFinished();
        QVERIFY(!designer.config(&error).has_value());
        QVERIFY2(error.contains(QStringLiteral("method.rank")), qPrintable(error));
        QVERIFY2(plan->text().contains(QStringLiteral("method.rank")), qPrintable(plan->text()));
    }

    void runTrainsOnAWorkerThreadPlotsAndIsStored()
    {
        const QString db = m_dir.filePath(QStringLiteral("runs.sqlite"));
        ladder::MainWindow window(db);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.designer()->setConfig(tinyRun(5));
        QSignalSpy finished(window.session(), &ladder::TrainingSession::finished);
        QVERIFY(window.startRun());
        QVERIFY(!window.startRun()); // one run at a time
        QVERIFY(finished.wait(120000));
        const auto result = finished.takeFirst().at(0).value<ladder::TrainResult>();
        QVERIFY2(result.status == ladder::TrainerStatus::Finished, result.message.c_str());

        QCOMPARE(window.curves()->pointCount(QStringLiteral("loss")), 5);
        QCOMPARE(window.curves()->pointCount(QStringLiteral("samples_per_second")), 5);
        QCOMPARE(window.curves()->pointCount(QStringLiteral("peak")), 5);
        QCOMPARE(window.curves()->pointCount(QStringLiteral("activations")), 5);
        QCOMPARE(window.curves()->pointCount(QStringLiteral("validation")), 1);
        QCOMPARE(window.curves()->pointCount(QStringLiteral("test")), 1);
        const auto *log = window.findChild<QPlainTextEdit *>(QStringLiteral("log"));
        QVERIFY2(log->toPlainText().contains(QStringLiteral("finished")), qPrintable(log->toPlainText()));
        if (const QByteArray shot = qgetenv("LADDER_SCREENSHOT"); !shot.isEmpty())
            window.grab().save(QString::fromLocal8Bit(shot));

        const ladder::RunStore store(db.toStdString());
        const ladder::RunSummary summary = store.summary(window.session()->runId());
        QCOMPARE(summary.run.status, ladder::RunStatus::Finished);
        QCOMPARE(summary.run.name, std::string("gui-test"));
        QCOMPARE(summary.lastStep.value_or(0), int64_t(5));
        QCOMPARE(store.seriesPointCount(window.session()->runId(), "loss"), std::size_t(5));
    }

    void windowIsSavedAsAnImageWhenTheRunEnds()
    {
        ladder::MainWindow window(QString{});
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString file = m_dir.filePath(QStringLiteral("window.png"));
        window.saveImageWhenRunEnds(file);
        QSignalSpy saved(&window, &ladder::MainWindow::imageSaved);
        window.designer()->setConfig(tinyRun(3));
        QVERIFY(window.startRun());
        QVERIFY(saved.wait(120000));
        QCOMPARE(saved.first().at(0).toString(), file);
        QVERIFY(saved.first().at(1).toBool());
        const QImage image(file);
        QCOMPARE(image.size(), window.grab().size());

        // An unknown format is reported, not silently dropped.
        window.saveImageWhenRunEnds(m_dir.filePath(QStringLiteral("window.nosuchformat")));
        QVERIFY(window.startRun());
        QVERIFY(saved.wait(120000));
        QVERIFY(!saved.last().at(1).toBool());
    }

    void stopEndsTheRunWithinAStep()
    {
        const QString db = m_dir.filePath(QStringLiteral("stop.sqlite"));
        ladder::MainWindow window(db);
        window.designer()->setConfig(tinyRun(100000));
        QSignalSpy finished(window.session(), &ladder::TrainingSession::finished);
        qint64 stoppedAt = 0;
        connect(window.session(), &ladder::TrainingSession::stepFinished, &window,
            [&](const ladder::StepMetrics &metrics) {
                if (stoppedAt == 0) {
                    stoppedAt = metrics.step;
                    window.session()->requestStop();
                }
            });
        QVERIFY(window.startRun());
        QVERIFY(finished.wait(120000));
        const auto result = finished.takeFirst().at(0).value<ladder::TrainResult>();
        QCOMPARE(result.status, ladder::TrainerStatus::Stopped);
        // Steps already queued when the stop was asked for may still land: at most one more.
        QVERIFY2(result.steps <= stoppedAt + 1, qPrintable(QString::number(result.steps)));
        QCOMPARE(ladder::RunStore(db.toStdString()).run(window.session()->runId()).status, ladder::RunStatus::Stopped);
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
        process.start(QStringLiteral(LADDER_BIN_DIR "/ladder-workbench"),
            {QStringLiteral("--demo"), QStringLiteral("--db"), db});
        QVERIFY(process.waitForStarted(30000));
        QVERIFY2(!process.waitForFinished(3000), qPrintable(QString::fromUtf8(process.readAllStandardError())));
        const std::vector<ladder::RunRecord> runs = ladder::RunStore(db.toStdString()).listRuns();
        QCOMPARE(runs.size(), std::size_t(1));
        QCOMPARE(runs.front().name, std::string("demo"));
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestWorkbench)
#include "test_workbench.moc"
