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
        QCOMPARE(settings.theme(), QStringLiteral("system"));
        QVERIFY(settings.language().isEmpty());
        QVERIFY(settings.lastConfiguration().isEmpty());
        QVERIFY(settings.recentPaths(ladder::WorkbenchSettings::PathKind::TaskFile).isEmpty());
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
            settings.setTheme(QStringLiteral("dark"));
            settings.setLanguage(QStringLiteral("zh_CN"));
            settings.setLastConfiguration(QStringLiteral("{\"method\": {\"kind\": \"lst\"}}"));
            settings.addRecentPath(ladder::WorkbenchSettings::PathKind::GlueFolder, QStringLiteral("/data/glue"));
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
        QCOMPARE(settings.theme(), QStringLiteral("dark"));
        QCOMPARE(settings.language(), QStringLiteral("zh_CN"));
        QCOMPARE(settings.lastConfiguration(), QStringLiteral("{\"method\": {\"kind\": \"lst\"}}"));
        QCOMPARE(settings.recentPaths(ladder::WorkbenchSettings::PathKind::GlueFolder), QStringList{QStringLiteral("/data/glue")});
        QVERIFY(settings.recentPaths(ladder::WorkbenchSettings::PathKind::Backbone).isEmpty());
    }

    void recentPathsAreMostRecentFirstWithoutRepeatsAndBounded()
    {
        using Kind = ladder::WorkbenchSettings::PathKind;
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("recent.ini")));
        for (int i = 0; i < ladder::WorkbenchSettings::kMaxRecentPaths + 3; ++i)
            settings.addRecentPath(Kind::TaskFile, QStringLiteral("/data/file%1.tsv").arg(i));
        QStringList paths = settings.recentPaths(Kind::TaskFile);
        QCOMPARE(paths.size(), ladder::WorkbenchSettings::kMaxRecentPaths);
        QCOMPARE(paths.first(), QStringLiteral("/data/file10.tsv"));
        QCOMPARE(paths.last(), QStringLiteral("/data/file3.tsv"));
        // Choosing one again moves it to the top instead of listing it twice.
        settings.addRecentPath(Kind::TaskFile, QStringLiteral("/data/file5.tsv"));
        paths = settings.recentPaths(Kind::TaskFile);
        QCOMPARE(paths.first(), QStringLiteral("/data/file5.tsv"));
        QCOMPARE(paths.count(QStringLiteral("/data/file5.tsv")), 1);
        QCOMPARE(paths.size(), ladder::WorkbenchSettings::kMaxRecentPaths);
        settings.clearRecentPaths();
        QVERIFY(settings.recentPaths(Kind::TaskFile).isEmpty());
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
            raw.setValue(QStringLiteral("appearance/theme"), QStringLiteral("purple"));
        }
        const ladder::WorkbenchSettings settings(file);
        QCOMPARE(settings.theme(), QStringLiteral("system"));
        QCOMPARE(settings.parallelRuns(), 1);
        QVERIFY(settings.methodLearningRates().isEmpty());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestWorkbenchSettings)
#include "test_workbench_settings.moc"
