// SPDX-License-Identifier: GPL-3.0-or-later
// The run database lives in the per-user data folder (XDG), shared by `ladder` and the workbench.

#include "store/DataLocation.h"

#include <QtTest>

#include <cstdlib>

class TestDataLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        ::setenv("HOME", "/home/someone", 1);
        ::unsetenv("XDG_DATA_HOME");
        ::unsetenv("LADDER_DB");
    }

    void defaultPathFollowsXdg_data()
    {
        QTest::addColumn<QString>("xdgDataHome"); // empty: unset
        QTest::addColumn<QString>("expected");
        QTest::newRow("unset") << QString()
                               << QStringLiteral("/home/someone/.local/share/ladder-workbench/runs.sqlite");
        QTest::newRow("absolute") << QStringLiteral("/data/me")
                                  << QStringLiteral("/data/me/ladder-workbench/runs.sqlite");
        QTest::newRow("relative is ignored")
            << QStringLiteral("data") << QStringLiteral("/home/someone/.local/share/ladder-workbench/runs.sqlite");
    }

    void defaultPathFollowsXdg()
    {
        QFETCH(QString, xdgDataHome);
        QFETCH(QString, expected);
        if (!xdgDataHome.isEmpty())
            ::setenv("XDG_DATA_HOME", xdgDataHome.toLocal8Bit().constData(), 1);
        QCOMPARE(QString::fromStdString(ladder::defaultDatabasePath()), expected);
    }

    void anExplicitPathWinsThenTheEnvironment()
    {
        ::setenv("LADDER_DB", "/tmp/env.sqlite", 1);
        QCOMPARE(QString::fromStdString(ladder::resolveDatabasePath("/tmp/flag.sqlite")),
            QStringLiteral("/tmp/flag.sqlite"));
        QCOMPARE(QString::fromStdString(ladder::resolveDatabasePath()), QStringLiteral("/tmp/env.sqlite"));
        ::unsetenv("LADDER_DB");
        QCOMPARE(QString::fromStdString(ladder::resolveDatabasePath()),
            QStringLiteral("/home/someone/.local/share/ladder-workbench/runs.sqlite"));
    }
};

QTEST_APPLESS_MAIN(TestDataLocation)
#include "test_data_location.moc"
