// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench starts, shows its name and reports the versions it runs on.

#include "about/VersionPanel.h"
#include "runtime/BuildInfo.h"

#include <QLabel>
#include <QProcess>
#include <QtTest>

class TestWorkbench : public QObject
{
    Q_OBJECT

private slots:
    void versionTextNamesAppQtAndLibTorch()
    {
        const QString text = ladder::VersionPanel::versionText();
        QVERIFY2(text.contains(QStringLiteral(LADDER_VERSION)), qPrintable(text));
        QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
        QVERIFY2(text.contains(QString::fromStdString(ladder::libtorchVersion())), qPrintable(text));
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

    void executableOpensItsMainWindow()
    {
        // A real start under the offscreen platform: the window must come up and keep running
        // until we end it.
        QProcess process;
        process.start(QStringLiteral(LADDER_BIN_DIR "/ladder-workbench"), {});
        QVERIFY(process.waitForStarted(30000));
        QVERIFY2(!process.waitForFinished(3000), qPrintable(QString::fromUtf8(process.readAllStandardError())));
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
    }
};

QTEST_MAIN(TestWorkbench)
#include "test_workbench.moc"
