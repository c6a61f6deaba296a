// SPDX-License-Identifier: GPL-3.0-or-later
// The model trains: dropout obeys train()/eval() and a few AdamW steps lower the loss on a
// fixed batch. (Step times are measured by benchmarks/bench_t5_step, never by ctest.)
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
