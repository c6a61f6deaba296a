// SPDX-License-Identifier: GPL-3.0-or-later
// HuggingFace's linear schedule with warm-up, value by value.
#include "train/LrSchedule.h"

#include <QtTest>

using namespace ladder;

class TestLrSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ratesMatchHuggingFace_data()
    {
        QTest::addColumn<qint64>("step");
        QTest::addColumn<qint64>("warmup");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<double>("rate");
        // peak 1.0: warm-up 0/4 … 3/4, then (total - step) / (total - warmup).
        QTest::newRow("first warm-up step trains at 0") << qint64(0) << qint64(4) << qint64(12) << 0.0;
        QTest::newRow("warm-up") << qint64(1) << qint64(4) << qint64(12) << 0.25;
        QTest::newRow("last warm-up") << qint64(3) << qint64(4) << qint64(12) << 0.75;
        QTest::newRow("peak") << qint64(4) << qint64(4) << qint64(12) << 1.0;
        QTest::newRow("decay") << qint64(8) << qint64(4) << qint64(12) << 0.5;
        QTest::newRow("end") << qint64(12) << qint64(4) << qint64(12) << 0.0;
        QTest::newRow("past the end") << qint64(20) << qint64(4) << qint64(12) << 0.0;
        QTest::newRow("no warm-up starts at peak") << qint64(0) << qint64(0) << qint64(10) << 1.0;
        QTest::newRow("no warm-up decays") << qint64(5) << qint64(0) << qint64(10) << 0.5;
    }

    void ratesMatchHuggingFace()
    {
        QFETCH(qint64, step);
        QFETCH(qint64, warmup);
        QFETCH(qint64, total);
        QFETCH(double, rate);
        QCOMPARE(linearScheduleRate(1.0, step, warmup, total), rate);
        QCOMPARE(linearScheduleRate(3e-3, step, warmup, total), 3e-3 * rate);
    }
};

QTEST_GUILESS_MAIN(TestLrSchedule)
#include "test_lr_schedule.moc"
