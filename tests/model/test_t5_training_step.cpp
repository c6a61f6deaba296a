// SPDX-License-Identifier: GPL-3.0-or-later
// The model trains: its dropout and attention products have the gradients of the stock ops,
// dropout obeys train()/eval(), and a few AdamW steps lower the loss on a fixed batch. (Step times are measured by benchmarks/bench_t5_step, never by ctest.)
#include "model/BatchedMatmul.h"
#include "model/T5Dropout.h"
#include "model/T5Init.h"

#include <QObject>
#include <QTest>

using namespace ladder;

namespace {

T5Config smallConfig(double dropout)
{
    T5Config config = T5Config::preset("t5-tiny");
    config.vocabSize = 512;
    config.dropoutRate = dropout;
    return config;
}

T5Inputs randomBatch(const T5Config &config, int64_t batch, int64_t sourceLength, int64_t targetLength)
{
    T5Inputs inputs;
    inputs.inputIds = torch::randint(2, config.vocabSize, {batch, sourceLength}, torch::kLong);
    inputs.attentionMask = torch::ones({batch, sourceLength}, torch::kLong);
    inputs.labels = torch::randint(2, config.vocabSize, {batch, targetLength}, torch::kLong);
    return inputs;
}

} // namespace

class TestT5TrainingStep : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dropoutKeepsOneMinusPAndScales()
    {
        torch::manual_seed(5);
        const torch::Tensor input = torch::ones({200000}, torch::requires_grad());
        const torch::Tensor output = t5Dropout(input, 0.1, true);
        const torch::Tensor kept = output != 0;
        QVERIFY(std::abs(kept.to(torch::kDouble).mean().item<double>() - 0.9) < 0.005);
        QVERIFY(torch::allclose(output.masked_select(kept), torch::full({1}, 1.0 / 0.9)));
        output.sum().backward();
        QVERIFY(torch::equal(input.grad(), output.detach())); // d(out)/d(in) = mask · scale
        QVERIFY(t5Dropout(input, 0.1, false).is_same(input));
        QVERIFY(t5Dropout(input, 0.0, true).is_same(input));
    }

    /// Same values and gradients as torch::bmm, for contiguous and transposed operands.
    void batchedMatmulMatchesBmm_data()
    {
        QTest::addColumn<bool>("transposeLeft");
        QTest::addColumn<bool>("transposeRight");
        QTest::newRow("contiguous") << false << false;
        QTest::newRow("right transposed") << false << true;
        QTest::newRow("left transposed") << true << false;
        QTest::newRow("both transposed") << true << true;
    }
    void batchedMatmulMatchesBmm()
    {
        QFETCH(bool, transposeLeft);
        QFETCH(bool, transposeRight);
        torch::manual_seed(6);
        const auto options = torch::TensorOptions().dtype(torch::kDouble).requires_grad(true);
        const torch::Tensor a = transposeLeft ? torch::randn({6, 7, 5}, options) : torch::randn({6, 5, 7}, options);
        const torch::Tensor b = transposeRight ? torch::randn({6, 9, 7}, options) : torch::randn({6, 7, 9}, options);
        const auto left = [&] { return transposeLeft ? a.transpose(1, 2) : a; };
        const auto right = [&] { return transposeRight ? b.transpose(1, 2) : b; };
        const torch::Tensor weights = torch::randn({6, 5, 9}, torch::kDouble);

        const torch::Tensor ours = batchedMatmul(left(), right());
        const auto ourGrads = torch::autograd::grad({(ours * weights).sum()}, {a, b});
        const torch::Tensor stock = torch::bmm(left(), right());
        const auto stockGrads = torch::autograd::grad({(stock * weights).sum()}, {a, b});
        QVERIFY(torch::allclose(ours, stock, 1e-12, 1e-12));
        QVERIFY(torch::allclose(ourGrads[0], stockGrads[0], 1e-12, 1e-12));
        QVERIFY(torch::allclose(ourGrads[1], stockGrads[1], 1e-12, 1e-12));
    }

    void dropoutFollowsTrainAndEval()
    {
        const T5Config config = smallConfig(0.1);
        T5ForConditionalGeneration model = createRandomT5(config, 1);
        torch::manual_seed(2);
        const T5Inputs inputs = randomBatch(config, 2, 10, 4);
        torch::NoGradGuard noGrad;
        model->train();
        QVERIFY(!torch::equal(model->forward(inputs).logits, model->forward(inputs).logits));
        model->eval();
        QVERIFY(torch::equal(model->forward(inputs).logits, model->forward(inputs).logits));
    }

    void adamWStepsLowerTheLoss()
    {
        const T5Config config = smallConfig(0.0);
        T5ForConditionalGeneration model = createRandomT5(config, 1);
        torch::manual_seed(3);
        const T5Inputs inputs = randomBatch(config, 4, 12, 5);
        torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(1e-3).weight_decay(0.0));
        model->train();
        double first = 0.0, last = 0.0;
        for (int step = 0; step < 10; ++step) {
            optimizer.zero_grad();
            const torch::Tensor loss = model->forward(inputs).loss;
            loss.backward();
            optimizer.step();
            (step == 0 ? first : last) = loss.item<double>();
        }
        QVERIFY2(last < 0.8 * first, (std::to_string(first) + " → " + std::to_string(last)).c_str());
    }
};

QTEST_APPLESS_MAIN(TestT5TrainingStep)
#include "test_t5_training_step.moc"
