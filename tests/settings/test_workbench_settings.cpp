// SPDX-License-Identifier: GPL-3.0-or-later
// WorkbenchSettings: every value reads back after the settings are reopened, and defaults hold
// where nothing was stored or what was stored is unusable.

#include "settings/WorkbenchSettings.h"

#include <QTemporaryDir>
#include <QtTest>

class TestWorkbenchSettings : public QObject
{
    Q_OBJECT

private slots:
    void defaultsWhenNothingIsStored()
    {
        const ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("empty.ini")));
        QVERIFY(settings.windowGeometry().isEmpty());
        QVERIFY(settings.windowState().isEmpty());
        QVERIFY(settings.viewState(QStringLiteral("history")).isEmpty());
        QCOMPARE(settings.parallelRuns(), 1);
        QVERIFY(settings.comparedMethods().isEmpty());
        QVERIFY(settings.methodLearningRates().isEmpty());
    }

    void valuesSurviveAReopen()
    {
        const QString file = m_dir.filePath(QStringLiteral("kept.ini"));
        const QMap<QString, double> rates{{QStringLiteral("lst"), 1e-2}, {QStringLiteral("lora"), 3e-4}};
        {
            ladder::WorkbenchSettings settings(file);
            settings.setWindowGeometry(QByteArrayLiteral("geometry"));
            settings.setWindowState(QByteArrayLiteral("state"));
            settings.setViewState(QStringLiteral("history"), QByteArrayLiteral("columns"));
            settings.setParallelRuns(3);
            settings.setComparedMethods({QStringLiteral("lst"), QStringLiteral("lora")});
            settings.setMethodLearningRates(rates);
            settings.sync();
        }
        const ladder::WorkbenchSettings settings(file);
        QCOMPARE(settings.windowGeometry(), QByteArrayLiteral("geometry"));
        QCOMPARE(settings.windowState(), QByteArrayLiteral("state"));
        QCOMPARE(settings.viewState(QStringLiteral("history")), QByteArrayLiteral("columns"));
        QVERIFY(settings.viewState(QStringLiteral("queue")).isEmpty());
        QCOMPARE(settings.parallelRuns(), 3);
        QCOMPARE(settings.comparedMethods(), QStringList({QStringLiteral("lst"), QStringLiteral("lora")}));
        QCOMPARE(settings.methodLearningRates(), rates);
    }

    void replacingTheRatesForgetsRemovedMethods()
    {
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("rates.ini")));
        settings.setMethodLearningRates({{QStringLiteral("lst"), 1e-2}, {QStringLiteral("full"), 1e-4}});
        settings.setMethodLearningRates({{QStringLiteral("lst"), 3e-3}});
        QCOMPARE(settings.methodLearningRates(), (QMap<QString, double>{{QStringLiteral("lst"), 3e-3}}));
    }

    void unusableValuesFallBackToDefaults()
    {
        const QString file = m_dir.filePath(QStringLiteral("bad.ini"));
        {
            QSettings raw(file, QSettings::IniFormat);
            raw.setValue(QStringLiteral("queue/parallelRuns"), 0);
            raw.setValue(QStringLiteral("compareMethods/learningRates/lst"), QStringLiteral("fast"));
            raw.setValue(QStringLiteral("compareMethods/learningRates/lora"), -1.0);
        }
        const ladder::WorkbenchSettings settings(file);
        QCOMPARE(settings.parallelRuns(), 1);
        QVERIFY(settings.methodLearningRates().isEmpty());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestWorkbenchSettings)
#include "test_workbench_settings.moc"
