// SPDX-License-Identifier: GPL-3.0-or-later
// LST keeps no backbone-internal activation: the peak tensor memory of a training step
// (memory meter) matches the analytic count of side activations, ladder inputs, parameters and
// optimizer state (LstMemoryEstimate) within 15%, and full fine-tuning of the same backbone at
// the same batch peaks at least 2.5× higher.
#include "LstTestSupport.h"

#include "memory/MemoryMeter.h"
#include "peft/lst/LstMemoryEstimate.h"

#include <QObject>
#include <QTest>

#include <cmath>
#include <functional>

using namespace ladder;
using namespace ladder::lsttest;

namespace {

/// The shape of the t5-mini teaching preset at the time of writing, spelled out so that the
/// test does not move with the preset: d_model 128, d_ff 512, 4 heads of 32, 2+2 layers,
/// vocabulary 8192, dropout 0.1.
T5Config miniConfig()
{
    return smallT5(128, 32, 512, 2, 4, 8192, 0.1);
}

/// Peak live tensor bytes of a steady-state step — zero_grad (to none), forward keeping only
/// the loss, backward — after a first full step has allocated AdamW's state, as PEERS.md measures.
int64_t stepPeak(const std::function<torch::Tensor()> &loss, std::vector<torch::Tensor> parameters)
{
    torch::optim::AdamW optimizer(parameters, torch::optim::AdamWOptions(3e-3).weight_decay(0.0));
    optimizer.zero_grad();
    loss().backward();
    optimizer.step();
    optimizer.zero_grad();
    MemoryMeter::resetPeak();
    loss().backward();
    const int64_t peak = MemoryMeter::snapshot().peakBytes;
    optimizer.step();
    return peak;
}

int64_t lstPeak(const T5Config &config, const MethodConfig &method, const T5Inputs &inputs)
{
    auto model = applyLst(config, method);
    model->module().train();
    return stepPeak([&] { return model->forward(inputs).loss; }, model->trainableParameters());
}

double mib(int64_t bytes)
{
    return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

} // namespace

class TestLstMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        MemoryMeter::install();
    }

    void peakMatchesTheAnalyticCount_data()
    {
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("sourceLength");
        QTest::addColumn<int>("targetLength");
        QTest::addColumn<QString>("layers");
        QTest::addColumn<double>("sideDropout");
        QTest::newRow("B32 × 64 → 2") << 32 << 64 << 2 << "all" << 0.1;
        QTest::newRow("B16 × 128 → 4") << 16 << 128 << 4 << "all" << 0.1;
        QTest::newRow("B16 × 128 → 8, side dropout off") << 16 << 128 << 8 << "all" << 0.0;
    }
    void peakMatchesTheAnalyticCount()
    {
        QFETCH(int, batch);
        QFETCH(int, sourceLength);
        QFETCH(int, targetLength);
        QFETCH(QString, layers);
        QFETCH(double, sideDropout);
        const T5Config config = miniConfig();
        const MethodConfig method = lstMethod(layers.toStdString(), SideInit::Random, 8, sideDropout);
        torch::manual_seed(31);
        const T5Inputs inputs = randomBatch(config, batch, sourceLength, targetLength);
        const int64_t measured = lstPeak(config, method, inputs);
        const LstMemoryEstimate estimate =
            estimateLstMemory(config, method.lst, {batch, sourceLength, targetLength, 4, true});
        const double ratio = static_cast<double>(measured) / static_cast<double>(estimate.peakBytes());
        const QByteArray message = QStringLiteral("measured %1 MiB, estimated %2 MiB (side activations %3, ladder inputs %4)")
                                       .arg(mib(measured), 0, 'f', 1)
                                       .arg(mib(estimate.peakBytes()), 0, 'f', 1)
                                       .arg(mib(estimate.sideActivationBytes), 0, 'f', 1)
                                       .arg(mib(estimate.ladderInputBytes), 0, 'f', 1)
                                       .toUtf8();
        qInfo("%s", message.constData());
        QVERIFY2(std::abs(ratio - 1.0) <= 0.15, message.constData());
        // The activations are a real share of the peak, so the comparison says something about them.
        QVERIFY(estimate.sideActivationBytes + estimate.ladderInputBytes > estimate.parameterBytes);
    }

    void fullFineTuningPeaksAtLeast2_5TimesHigher()
    {
        const T5Config config = miniConfig();
        torch::manual_seed(32);
        const T5Inputs inputs = randomBatch(config, 32, 64, 2);
        const int64_t lst = lstPeak(config, lstMethod("all", SideInit::Random, 8, 0.1), inputs);

        T5ForConditionalGeneration full = createRandomT5(config, 1);
        full->train();
        const int64_t fullPeak = stepPeak([&] { return full->forward(inputs).loss; }, full->parameters());
        const QByteArray message =
            QStringLiteral("full %1 MiB, LST %2 MiB").arg(mib(fullPeak), 0, 'f', 1).arg(mib(lst), 0, 'f', 1).toUtf8();
        qInfo("%s", message.constData());
        QVERIFY2(static_cast<double>(fullPeak) >= 2.5 * static_cast<double>(lst), message.constData());
    }
};

QTEST_APPLESS_MAIN(TestLstMemory)
#include "test_lst_memory.moc"
