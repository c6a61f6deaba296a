// SPDX-License-Identifier: GPL-3.0-or-later
// The LST side network behaves as LST-SPEC §1 defines: training leaves the backbone untouched
// and gradient-free, the gates learn (with the 1/T gradient scale), a dropped layer passes the
// side state on unchanged, the fixed-gate mode fixes μ, greedy decoding equals step-by-step
// argmax, and the trained part saves and loads under the official names.
#include "LstTestSupport.h"

#include "io/Safetensors.h"
#include "model/T5Masks.h"
#include "util/Error.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <set>

using namespace ladder;
using namespace ladder::lsttest;

namespace {

std::map<std::string, torch::Tensor> cloneState(torch::nn::Module &module)
{
    std::map<std::string, torch::Tensor> state;
    for (const auto &item : module.named_parameters())
        state[item.key()] = item.value().detach().clone();
    for (const auto &item : module.named_buffers())
        state[item.key()] = item.value().detach().clone();
    return state;
}

void adamWSteps(FineTuningModel &model, const T5Inputs &inputs, int steps, double lr = 3e-3)
{
    torch::optim::AdamW optimizer(model.trainableParameters(), torch::optim::AdamWOptions(lr).weight_decay(0.0));
    model.module().train();
    for (int step = 0; step < steps; ++step) {
        optimizer.zero_grad();
        model.forward(inputs).loss.backward();
        optimizer.step();
    }
}

} // namespace

class TestLstSideNetwork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backboneStaysBitIdenticalAndGradientFree()
    {
        const T5Config config = tinyConfig(0.1);
        auto model = applyLst(config, lstMethod("1", SideInit::Random, 8, 0.1));
        torch::manual_seed(5);
        const T5Inputs inputs = randomBatch(config, 4, 12, 5);
        const auto backboneBefore = cloneState(*model->backbone());
        const auto before = cloneState(model->module());
        adamWSteps(*model, inputs, 3);

        for (const auto &item : model->backbone()->named_parameters()) {
            QVERIFY2(torch::equal(item.value(), backboneBefore.at(item.key())), item.key().c_str());
            QVERIFY2(!item.value().grad().defined(), item.key().c_str());
            QVERIFY(!item.value().requires_grad());
        }
        int changed = 0, trainable = 0;
        for (const auto &item : model->module().named_parameters()) {
            if (!item.value().requires_grad())
                continue;
            ++trainable;
            changed += torch::equal(item.value(), before.at(item.key())) ? 0 : 1;
        }
        // Every trained tensor moves, the relative-bias table and the gates included.
        QCOMPARE(changed, trainable);
        QVERIFY(trainable > 0);
    }

    void gatesStartAtOneHalfAndMove()
    {
        const T5Config config = tinyConfig();
        auto model = applyLst(config, lstMethod("all"));
        const std::vector<double> start = model->gateValues();
        QCOMPARE(start.size(), size_t(4)); // 2 encoder + 2 decoder kept layers
        for (double mu : start)
            QCOMPARE(mu, 0.5);
        torch::manual_seed(6);
        adamWSteps(*model, randomBatch(config, 4, 10, 4), 3);
        const std::vector<double> after = model->gateValues();
        for (size_t i = 0; i < after.size(); ++i)
            QVERIFY2(std::abs(after[i] - 0.5) > 1e-3, std::to_string(after[i]).c_str());
    }

    void gateGradientIsScaledByOneOverTemperature()
    {
        // At α = 0 every μ is ½ whatever T is, so the forward passes are identical and
        // ∂L/∂α = ∂L/∂(α/T) / T: T = 0.1 gives ten times the gradient of T = 1.
        const T5Config config = tinyConfig();
        torch::manual_seed(7);
        const T5Inputs inputs = randomBatch(config, 2, 9, 3);
        std::vector<torch::Tensor> gradients;
        for (double temperature : {0.1, 1.0}) {
            MethodConfig method = lstMethod("1");
            method.lst.gateTemperature = temperature;
            auto model = applyLst(config, method);
            model->forward(inputs).loss.backward();
            gradients.push_back(model->network()->encoder->side_gate_params.grad().clone());
        }
        QVERIFY(gradients[1][1].abs().item<double>() > 0);
        QVERIFY(torch::allclose(gradients[0], 10.0 * gradients[1], 1e-4, 1e-9));
        // Layer 0 is dropped: its α exists (as in the official code) but gets no gradient.
        QCOMPARE(gradients[0][0].item<double>(), 0.0);
    }

    void droppedLayerPassesTheStateUnchanged()
    {
        // Side encoder keeping only layer 1 of 2, computed by hand: the dropped layer 0 neither
        // fuses its backbone output nor runs a block, so layer 1 fuses with down₀(embeddings).
        const T5Config config = tinyConfig();
        auto model = applyLst(config, lstMethod("1"));
        model->module().eval();
        LadderSideStack side = model->network()->encoder;
        torch::NoGradGuard noGrad;
        torch::manual_seed(8);
        const torch::Tensor embeddings = torch::randn({2, 6, config.dModel});
        const torch::Tensor layer1Output = torch::randn({2, 6, config.dModel});
        const torch::Tensor poison = torch::full({2, 6, config.dModel}, std::nan(""));
        const torch::Tensor mask = torch::ones({2, 6}, torch::kLong);

        const torch::Tensor actual = side->forward(embeddings, {poison, layer1Output}, mask);
        QVERIFY(!torch::isnan(actual).any().item<bool>());

        const double mu = 1.0 / (1.0 + std::exp(-0.0 / 0.1));
        torch::Tensor state = side->side_first_downsample(embeddings);
        state = mu * state + (1.0 - mu) * side->downsample(1)(layer1Output);
        T5Block block = side->sideBlock(1);
        const torch::Tensor bias = block->selfAttention->SelfAttention->computePositionBias(6, 6)
                                   + paddingMaskBias(mask, torch::kFloat);
        state = block->forward(state, bias);
        const torch::Tensor expected = side->final_side_layer_norm(state);
        QVERIFY(torch::allclose(actual, expected, 1e-5, 1e-6));
    }

    void fixedGateModeFixesMu()
    {
        const T5Config config = tinyConfig();
        MethodConfig method = lstMethod("all");
        method.lst.gate = GateMode::Fixed;
        method.lst.gateAlpha = 0.2; // μ = sigmoid(0.2 / 0.1) = sigmoid(2)
        auto model = applyLst(config, method);
        for (const auto &item : model->module().named_parameters())
            QVERIFY2(item.key().find("side_gate_params") == std::string::npos, item.key().c_str());
        const double mu = 1.0 / (1.0 + std::exp(-2.0));
        for (double value : model->gateValues())
            QVERIFY(std::abs(value - mu) < 1e-6);
        torch::manual_seed(9);
        adamWSteps(*model, randomBatch(config, 2, 8, 3), 2);
        for (double value : model->gateValues())
            QVERIFY(std::abs(value - mu) < 1e-6);
    }

    void fixedGateOfOneIgnoresTheLadders()
    {
        // μ = 1 ("one" in the official code): the side network never reads the backbone's blocks,
        // so changing their outputs does not change its output.
        const T5Config config = tinyConfig();
        MethodConfig method = lstMethod("all");
        method.lst.gate = GateMode::Fixed;
        method.lst.gateAlpha = 100.0;
        auto model = applyLst(config, method);
        model->module().eval();
        torch::NoGradGuard noGrad;
        torch::manual_seed(10);
        const torch::Tensor embeddings = torch::randn({1, 5, config.dModel});
        LadderSideStack side = model->network()->encoder;
        const torch::Tensor a = side->forward(embeddings, {torch::randn({1, 5, config.dModel}), torch::randn({1, 5, config.dModel})}, {});
        const torch::Tensor b = side->forward(embeddings, {torch::randn({1, 5, config.dModel}), torch::randn({1, 5, config.dModel})}, {});
        QVERIFY(torch::equal(a, b));
    }

    void sideDecoderAttendsToTheSideEncoder()
    {
        const T5Config config = tinyConfig();
        auto model = applyLst(config, lstMethod("all"));
        LadderSideNetwork network = model->network();
        const auto cross = network->decoder->sideBlock(0)->crossAttention->EncDecAttention;
        // Keys and values read the side encoder's output (d_model / r wide), not the backbone's.
        QCOMPARE(cross->k->inFeatures(), config.dModel / 8);
        QCOMPARE(cross->v->inFeatures(), config.dModel / 8);
        QVERIFY(!cross->hasRelativeAttentionBias());
        // Only the first kept block of each stack owns a relative-bias table, copied from the backbone.
        QVERIFY(!network->encoder->sideBlock(1)->selfAttention->SelfAttention->hasRelativeAttentionBias());
        for (const auto &[side, stack] : {std::make_pair(network->encoder, network->backbone->encoder),
                                          std::make_pair(network->decoder, network->backbone->decoder)})
            QVERIFY(torch::equal(side->sideBlock(0)->selfAttention->SelfAttention->relativeAttentionBias()->weight,
                                 stack->blocks().front()->selfAttention->SelfAttention->relativeAttentionBias()->weight));
    }

    void forwardShapesAndLossFollowTheBackbone()
    {
        const T5Config config = tinyConfig();
        auto model = applyLst(config, lstMethod("1"));
        torch::manual_seed(11);
        T5Inputs inputs = randomBatch(config, 3, 7, 4);
        inputs.labels[0][3] = -100;
        const T5Output output = model->forward(inputs);
        QCOMPARE(output.logits.sizes(), (std::vector<int64_t>{3, 4, config.vocabSize}));
        QVERIFY(torch::allclose(output.loss, T5ForConditionalGenerationImpl::computeLoss(output.logits, inputs.labels)));
        QVERIFY(output.encoder.blockOutputs.empty()); // not asked for: freed after the ladders read them
        inputs.outputHiddenStates = true;
        QCOMPARE(model->forward(inputs).encoder.blockOutputs.size(), size_t(2));
    }

    void greedyDecodingEqualsStepwiseArgmax_data()
    {
        QTest::addColumn<QString>("layers");
        QTest::newRow("all") << "all";
        QTest::newRow("layer 1 only") << "1";
    }
    void greedyDecodingEqualsStepwiseArgmax()
    {
        QFETCH(QString, layers);
        const T5Config config = tinyConfig();
        auto model = applyLst(config, lstMethod(layers.toStdString(), SideInit::Magnitude));
        model->module().eval();
        torch::manual_seed(12);
        const torch::Tensor inputIds = torch::randint(2, config.vocabSize, {3, 8}, torch::kLong);
        torch::Tensor mask = torch::ones({3, 8}, torch::kLong);
        mask[1].slice(0, 5).fill_(0);
        const int64_t steps = 6;
        const torch::Tensor generated = model->generate(inputIds, mask, steps);

        // Without caches: the full decoder on the whole prefix at every step.
        torch::NoGradGuard noGrad;
        torch::Tensor tokens = torch::zeros({3, 1}, torch::kLong);
        for (int64_t step = 0; step < steps && step + 1 < generated.size(1); ++step) {
            T5Inputs inputs;
            inputs.inputIds = inputIds;
            inputs.attentionMask = mask;
            inputs.decoderInputIds = tokens;
            const torch::Tensor next = model->forward(inputs).logits.select(1, -1).argmax(-1);
            tokens = torch::cat({tokens, next.unsqueeze(1)}, 1);
        }
        // Rows that emitted eos get pad afterwards; compare up to each row's eos.
        for (int64_t b = 0; b < 3; ++b)
            for (int64_t t = 1; t < generated.size(1); ++t) {
                QCOMPARE(generated[b][t].item<int64_t>(), tokens[b][t].item<int64_t>());
                if (tokens[b][t].item<int64_t>() == config.eosTokenId)
                    break;
            }
    }

    void trainedStateHasTheOfficialNames()
    {
        const T5Config config = tinyConfig();
        auto model = applyLst(config, lstMethod("1"));
        std::set<std::string> names;
        for (const NamedTensor &tensor : model->trainedState())
            names.insert(tensor.name);
        for (const char *expected :
             {"encoder.side_block.1.layer.0.SelfAttention.q.weight",
              "encoder.side_block.1.layer.0.SelfAttention.relative_attention_bias.weight",
              "encoder.side_block.1.layer.1.DenseReluDense.wi.weight", "encoder.side_downsamples.1.weight",
              "encoder.side_downsamples.1.bias", "encoder.side_first_downsample.weight", "encoder.side_gate_params",
              "encoder.final_side_layer_norm.weight", "decoder.side_block.1.layer.1.EncDecAttention.k.weight",
              "decoder.side_block.1.layer.2.DenseReluDense.wo.weight", "side_final_upsample.weight",
              "side_final_upsample.bias"})
            QVERIFY2(names.count(expected), expected);
        for (const std::string &name : names) {
            QVERIFY2(name.rfind("backbone.", 0) != 0, name.c_str());
            QVERIFY2(name.find("side_block.0") == std::string::npos, name.c_str()); // layer 0 dropped
        }
    }

    void trainedStateRoundTripsThroughAFile()
    {
        const T5Config config = tinyConfig();
        auto trained = applyLst(config, lstMethod("1"), 1, {{}, 1});
        torch::manual_seed(13);
        const T5Inputs inputs = randomBatch(config, 2, 6, 3);
        adamWSteps(*trained, inputs, 2);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("side.safetensors")).toStdString();
        writeSafetensors(path, trained->trainedState());

        auto restored = applyLst(config, lstMethod("1"), 1, {{}, 2}); // same backbone, other side draws
        trained->module().eval();
        restored->module().eval();
        torch::NoGradGuard noGrad;
        QVERIFY(!torch::equal(trained->forward(inputs).logits, restored->forward(inputs).logits));
        restored->loadTrainedState(readSafetensors(path));
        QVERIFY(torch::equal(trained->forward(inputs).logits, restored->forward(inputs).logits));
    }

    void sideInitIsReproducibleFromTheSeedAndLeavesTheGlobalStreamAlone()
    {
        const T5Config config = tinyConfig();
        torch::manual_seed(14);
        const torch::Tensor expectedDraw = torch::rand({4});
        T5ForConditionalGeneration backbone = createRandomT5(config, 1); // reseeds the global generator
        torch::manual_seed(14);
        auto a = std::make_unique<LadderSideTuning>(backbone, lstMethod("1"), MethodContext{{}, 42});
        QVERIFY(torch::equal(torch::rand({4}), expectedDraw));
        auto b = applyLst(config, lstMethod("1"), 1, {{}, 42});
        const auto stateA = a->trainedState();
        const auto stateB = b->trainedState();
        QCOMPARE(stateA.size(), stateB.size());
        for (size_t i = 0; i < stateA.size(); ++i)
            QVERIFY2(torch::equal(stateA[i].tensor, stateB[i].tensor), stateA[i].name.c_str());
    }

    void ladderInitialisation()
    {
        // Ladders and the up-projection: N(0, 0.01²) weights, zero biases (LST-SPEC §1.2).
        auto model = applyLst(smallT5(256, 32, 1024, 4, 8), lstMethod("all"));
        LadderSideNetwork network = model->network();
        for (const torch::Tensor &weight : {network->encoder->downsample(3)->weight,
                                            network->decoder->side_first_downsample->weight,
                                            network->side_final_upsample->weight}) {
            QVERIFY(std::abs(weight.std().item<double>() - 0.01) < 0.0005);
            QVERIFY(std::abs(weight.mean().item<double>()) < 0.0005);
        }
        QVERIFY(torch::equal(network->side_final_upsample->bias, torch::zeros({256})));
        QVERIFY(torch::equal(network->encoder->side_first_downsample->bias, torch::zeros({32})));
        QVERIFY(torch::equal(network->encoder->side_gate_params, torch::zeros({4})));
    }

    void methodMustBeLst()
    {
        MethodConfig method = lstMethod();
        method.kind = MethodKind::Lora;
        QVERIFY_THROWS_EXCEPTION(Error, applyLst(tinyConfig(), method));
    }
};

QTEST_APPLESS_MAIN(TestLstSideNetwork)
#include "test_lst_side_network.moc"
