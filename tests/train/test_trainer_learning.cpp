// SPDX-License-Identifier: GPL-3.0-or-later
// The methods learn within a bounded number of steps: full, LoRA and LST the polarity demo task on
// random t5-tiny weights; full, LoRA, adapters, BitFit and LST the WordNet categories on the
// shipped pretrained wordnet-t5-tiny (BitFit on random weights does not); prompt tuning lowers
// the loss. Slow (label "slow").
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
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<qint64>("steps");
        QTest::addColumn<double>("learningRate");
        QTest::addColumn<double>("accuracy"); // 0: only the loss must fall (see below)
        // Chance is 50%. Measured on t5-tiny (random weights, seed 0, warm-up 30, 512 examples,
        // batch 16): full fine-tuning reaches 98.4% validation accuracy at step 400, LoRA 98.4% at
        // step 200 and LST 98.4% at step 300 (learning rate 1e-2 for both: the paper's rates are
        // tuned for a pretrained backbone and do not move a random one in this many steps).
        QTest::newRow("full") << QByteArray("full") << qint64(400) << 1e-3 << 90.0;
        QTest::newRow("lora") << QByteArray("lora") << qint64(200) << 1e-2 << 90.0;
        QTest::newRow("lst") << QByteArray("lst") << qint64(300) << 1e-2 << 90.0;
        // BitFit, adapters and prompt tuning only re-weight or prefix a frozen network; on random
        // weights they lower the loss but stay at chance (measured: 50% after 200–300 steps at
        // 3e-3 and 1e-2). Their accuracy needs a pretrained backbone (the WordNet rows below);
        // here the loss must fall, which a broken gradient path would not do.
        QTest::newRow("bitfit") << QByteArray("bitfit") << qint64(100) << 1e-2 << 0.0;
        QTest::newRow("adapter") << QByteArray("adapter") << qint64(100) << 3e-3 << 0.0;
        QTest::newRow("prompt") << QByteArray("prompt") << qint64(100) << 0.3 << 0.0;
    }

    void everyMethodLearnsPolarity()
    {
        QFETCH(QByteArray, method);
        QFETCH(qint64, steps);
        QFETCH(double, learningRate);
        QFETCH(double, accuracy);
        RunConfig config = tinyRun(methodKindFromName(method.toStdString()), steps);
        config.train.learningRate = learningRate;
        config.train.warmupSteps = 30;
        config.method.prompt.length = 8;
        config.method.lst.init = SideInit::Random; // Fisher pruning of a random backbone adds time, not signal
        const TrainResult result = runQuietly(config);
        QVERIFY2(result.status == TrainerStatus::Finished, result.message.c_str());
        const double reached = result.finalValidation->evaluation.metric("accuracy");
        qInfo("%s: validation accuracy %.1f after %lld steps, loss %.3f -> %.3f", method.constData(), reached,
            static_cast<long long>(steps), result.losses.front(), result.losses.back());
        // Mean of the last ten steps against the first: one noisy batch cannot decide it.
        double tail = 0.0;
        for (std::size_t i = result.losses.size() - 10; i < result.losses.size(); ++i)
            tail += result.losses[i] / 10.0;
        QVERIFY2(tail < 0.8 * result.losses.front(),
            qPrintable(QStringLiteral("loss %1 -> %2").arg(result.losses.front()).arg(tail)));
        if (accuracy > 0)
            QVERIFY2(reached >= accuracy, qPrintable(QStringLiteral("accuracy %1 < %2").arg(reached).arg(accuracy)));
    }

    void methodsLearnWordNetCategoriesOnThePretrainedBackbone_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<double>("learningRate");
        QTest::addColumn<double>("accuracy");
        // Six categories: chance is 16.7%. Measured on the shipped wordnet-t5-tiny (seed 0,
        // warm-up 30, 512 examples, batch 16, 64 validation examples): full 81.3%, LoRA 67.2%,
        // adapters 59.4%, BitFit 60.9%, LST 60.9% after 300 steps; the bounds leave about ten
        // points for other CPUs' rounding. Prompt tuning stays at chance at this scale (as Lester
        // et al. found below ~1B parameters), so it has no row here; the polarity test above
        // checks that its gradient path lowers the loss.
        QTest::newRow("full") << QByteArray("full") << 1e-3 << 70.0;
        QTest::newRow("lora") << QByteArray("lora") << 1e-2 << 55.0;
        QTest::newRow("adapter") << QByteArray("adapter") << 3e-2 << 45.0;
        QTest::newRow("bitfit") << QByteArray("bitfit") << 3e-2 << 45.0;
        QTest::newRow("lst") << QByteArray("lst") << 1e-2 << 45.0;
    }

    void methodsLearnWordNetCategoriesOnThePretrainedBackbone()
    {
        QFETCH(QByteArray, method);
        QFETCH(double, learningRate);
        QFETCH(double, accuracy);
        const TrainResult result =
            runQuietly(lexnameRun(methodKindFromName(method.toStdString()), "wordnet-t5-tiny", learningRate));
        QVERIFY2(result.status == TrainerStatus::Finished, result.message.c_str());
        const double reached = result.finalValidation->evaluation.metric("accuracy");
        qInfo("%s: validation accuracy %.1f after 300 steps", method.constData(), reached);
        QVERIFY2(reached >= accuracy, qPrintable(QStringLiteral("accuracy %1 < %2").arg(reached).arg(accuracy)));
    }

    void reweightingARandomBackboneStaysNearChance()
    {
        // The contrast the pretrained rows stand on: BitFit on random weights of the same shape.
        const TrainResult result = runQuietly(lexnameRun(MethodKind::BitFit, "t5-tiny", 3e-2));
        QVERIFY2(result.status == TrainerStatus::Finished, result.message.c_str());
        const double reached = result.finalValidation->evaluation.metric("accuracy");
        qInfo("bitfit on random weights: validation accuracy %.1f", reached);
        QVERIFY2(reached < 35.0, qPrintable(QStringLiteral("accuracy %1").arg(reached)));
    }

private:
    /// 300 steps of the WordNet categories task on `backbone`.
    static RunConfig lexnameRun(MethodKind method, const std::string &backbone, double learningRate)
    {
        RunConfig config = tinyRun(method, 300);
        config.backbone.preset = backbone;
        config.task.name = "wordnet-lexname";
        config.train.maxSourceLength = 48;
        config.train.learningRate = learningRate;
        config.train.warmupSteps = 30;
        return config;
    }

    static TrainResult runQuietly(const RunConfig &config)
    {
        RecordingObserver observer;
        RunControl control;
        return Trainer::run(config, observer, control);
    }

    QTemporaryDir m_cache;
};

QTEST_GUILESS_MAIN(TestTrainerLearning)
#include "test_trainer_learning.moc"
