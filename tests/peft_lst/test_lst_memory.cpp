// SPDX-License-Identifier: GPL-3.0-or-later
#include <QObject>
#include <QTest>
class TestLstMemory : public QObject
{
    Q_OBJECT
};
QTEST_APPLESS_MAIN(TestLstMemory)
#include "test_lst_memory.moc"
