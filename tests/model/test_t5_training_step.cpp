// SPDX-License-Identifier: GPL-3.0-or-later
// The model trains: dropout obeys train()/eval(), a few AdamW steps lower the loss on a fixed
// batch, and the teaching presets train a step quickly (the measured time is printed).
#include "model/T5Init.h"
#include "util/Threads.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTest>

#include <algorithm>

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
    void initTestCase() { configureThreads(2); }

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

    /// A full step (zero_grad, forward with labels, backward, AdamW) at batch 32, 128 source
    /// and 8 target tokens, dropout on, 2 threads. The presets' comment records the measured
    /// time; the bound here only catches a gross regression on a loaded machine.
    void teachingPresetsTrainAStepQuickly_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::newRow("t5-tiny") << QStringLiteral("t5-tiny");
        QTest::newRow("t5-mini") << QStringLiteral("t5-mini");
    }
    void teachingPresetsTrainAStepQuickly()
    {
        QFETCH(QString, preset);
        const T5Config config = T5Config::preset(preset.toStdString());
        T5ForConditionalGeneration model = createRandomT5(config, 1);
        model->train();
        torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(3e-4).weight_decay(0.0));
        const T5Inputs inputs = randomBatch(config, 32, 128, 8);
        std::vector<double> seconds;
        for (int step = 0; step < 6; ++step) {
            QElapsedTimer timer;
            timer.start();
            for (auto &parameter : model->parameters()) // zero_grad(set_to_none), not in 1.13's API
                parameter.mutable_grad().reset();
            model->forward(inputs).loss.backward();
            optimizer.step();
            if (step > 0) // the first step allocates optimizer state
                seconds.push_back(static_cast<double>(timer.nsecsElapsed()) * 1e-9);
        }
        std::sort(seconds.begin(), seconds.end());
        const double median = seconds[seconds.size() / 2];
        qInfo("%s: median training step %.3f s (batch 32, 128 → 8 tokens, %d threads)",
              qPrintable(preset), median, at::get_num_threads());
        QVERIFY2(median < 3.0, std::to_string(median).c_str());
    }
};

QTEST_APPLESS_MAIN(TestT5TrainingStep)
#include "test_t5_training_step.moc"
