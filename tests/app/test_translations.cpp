// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench speaks the language --lang names (or the system locale's), from the translations
// compiled into the executable; an unknown one is refused in one line that lists those available.
// The preferences' language applies when --lang is absent. Each run gets its own settings folder.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs the workbench with `settings` (INI text) as the user's settings.
Result runWorkbench(const QStringList &arguments, const QString &systemLanguage = QStringLiteral("en_US.UTF-8"),
    const QByteArray &settings = {})
{
    QTemporaryDir config;
    QDir(config.path()).mkpath(QStringLiteral("ladder-workbench"));
    if (!settings.isEmpty()) {
        QFile file(config.filePath(QStringLiteral("ladder-workbench/ladder-workbench.conf")));
        if (!file.open(QIODevice::WriteOnly) || file.write(settings) != settings.size())
            return {};
    }
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("LANG"), systemLanguage);
    environment.insert(QStringLiteral("LC_ALL"), systemLanguage);
    environment.remove(QStringLiteral("LANGUAGE"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(LADDER_BIN_DIR "/ladder-workbench"), arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void langZhCnTranslatesTheHelp()
    {
        const Result r = runWorkbench({QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("梯形侧调（Ladder Side-Tuning）工作台")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("界面语言，例如 zh_CN 或 en")), qPrintable(r.out));
        QVERIFY(!r.out.contains(QStringLiteral("Ladder Side-Tuning workbench")));
    }

    void langEqualsFormIsAccepted()
    {
        const Result r = runWorkbench({QStringLiteral("--lang=zh_CN"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("不在数据库中记录运行。")), qPrintable(r.out));
    }

    void systemLocaleChoosesChinese()
    {
        const Result r = runWorkbench({QStringLiteral("--help")}, QStringLiteral("zh_CN.UTF-8"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("梯形侧调（Ladder Side-Tuning）工作台")), qPrintable(r.out));
    }

    void langEnOverridesAChineseSystemLocale()
    {
        const Result r = runWorkbench({QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--help")},
                                      QStringLiteral("zh_CN.UTF-8"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Ladder Side-Tuning workbench")), qPrintable(r.out));
        QVERIFY(!r.out.contains(QStringLiteral("梯形侧调")));
    }

    void unknownLanguageIsRefusedListingTheAvailableOnes()
    {
        const Result r = runWorkbench({QStringLiteral("--lang"), QStringLiteral("xx"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 2);
        // One line says it all (Qt may add its own warnings about the environment around it).
        const QStringList lines = r.err.split(QLatin1Char('\n')).filter(QStringLiteral("ladder-workbench:"));
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines.first().contains(QStringLiteral("--lang xx")), qPrintable(r.err));
        // German is listed only once it has finished messages: an empty translation is none.
        QVERIFY2(lines.first().contains(QStringLiteral("available: en, zh_CN")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void preferredLanguageAppliesWithoutLang()
    {
        const Result r = runWorkbench({QStringLiteral("--help")}, QStringLiteral("en_US.UTF-8"),
            QByteArrayLiteral("[appearance]\nlanguage=zh_CN\n"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("梯形侧调（Ladder Side-Tuning）工作台")), qPrintable(r.out));
        // --lang still wins for one start.
        const Result english = runWorkbench({QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--help")},
            QStringLiteral("en_US.UTF-8"), QByteArrayLiteral("[appearance]\nlanguage=zh_CN\n"));
        QVERIFY2(english.out.contains(QStringLiteral("Ladder Side-Tuning workbench")), qPrintable(english.out));
    }

    void untranslatablePreferenceStartsInEnglishAndSaysSo()
    {
        const Result r = runWorkbench({QStringLiteral("--help")}, QStringLiteral("en_US.UTF-8"),
            QByteArrayLiteral("[appearance]\nlanguage=xx\n"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Ladder Side-Tuning workbench")), qPrintable(r.out));
        QVERIFY2(r.err.contains(QStringLiteral("the preferred language xx has no translation here")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
