// SPDX-License-Identifier: GPL-3.0-or-later
// Every method learns the polarity demo task on t5-tiny (random weights, trained vocabulary)
// to a stated validation accuracy within a bounded number of steps. Slow (label "slow").
#include "TrainerTestSupport.h"

#include <QtTest>

using namespace ladder;
using namespace ladder::testing;

class TestTrainerLearning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { useCacheIn(m_cache); }

    void everyMethodLearnsPolarity_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<qint64>("steps");
        QTest::addColumn<double>("learningRate");
        QTest::addColumn<double>("accuracy");
        // Chance is 50%. Frozen random backbones leave the small methods less to work with.
        QTest::newRow("full") << "full" << qint64(60) << 1e-3 << 90.0;
        QTest::newRow("bitfit") << "bitfit" << qint64(60) << 1e-2 << 75.0;
        QTest::newRow("adapter") << "adapter" << qint64(60) << 3e-3 << 85.0;
        QTest::newRow("lora") << "lora" << qint64(60) << 3e-3 << 85.0;
        QTest::newRow("prompt") << "prompt" << qint64(60) << 0.3 << 60.0;
        QTest::newRow("lst") << "lst" << qint64(60) << 3e-3 << 85.0;
    }

    void everyMethodLearnsPolarity()
    {
        QFETCH(QString, method);
        QFETCH(qint64, steps);
        QFETCH(double, learningRate);
        QFETCH(double, accuracy);
        RunConfig config = tinyRun(methodKindFromName(method.toStdString()), steps);
        config.train.learningRate = learningRate;
        config.method.prompt.length = 8;
        config.method.lst.init = SideInit::Random; // Fisher pruning of a random backbone adds time, not signal
        RecordingObserver observer;
        RunControl control;
        const TrainResult result = Trainer::run(config, observer, control);
        QVERIFY2(result.status == TrainerStatus::Finished, result.message.c_str());
        QVERIFY(result.finalValidation.has_value());
        const double reached = result.finalValidation->evaluation.metric("accuracy");
        qInfo("%s: validation accuracy %.1f after %lld steps, loss %.3f -> %.3f", qPrintable(method), reached,
            static_cast<long long>(steps), result.losses.front(), result.losses.back());
        QVERIFY2(reached >= accuracy, qPrintable(QStringLiteral("accuracy %1 < %2").arg(reached).arg(accuracy)));
        QVERIFY(result.losses.back() < result.losses.front());
    }

private:
    QTemporaryDir m_cache;
};

QTEST_GUILESS_MAIN(TestTrainerLearning)
#include "test_trainer_learning.moc"
