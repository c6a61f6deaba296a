// SPDX-License-Identifier: GPL-3.0-or-later
// LST's memory options (method keys "side_attention" and "backbone_dtype"):
// - recomputedAttention equals the standard T5 attention core in value and in every gradient
//   (q, k, v, the relative-position bias) to 1e-5, with a padding mask, a causal mask and a
//   cross-attention shape, over one chunk or many; with dropout its gradient matches central
//   differences (float64);
// - a whole LST network with side_attention "recompute" gives the standard network's logits
//   and trainable gradients to 1e-5, and its training step peaks lower;
// - with backbone_dtype "bf16" the backbone's weights are bf16, the side network's fp32, and
//   the forward stays close to the fp32 one (tolerance explained at the test);
// - bad option values are errors naming the key.
#include "LstTestSupport.h"

#include "memory/MemoryMeter.h"
#include "model/T5Masks.h"
#include "peft/lst/LstMemoryEstimate.h"
#include "peft/lst/RecomputedAttention.h"
#include "util/Error.h"

#include <QObject>
#include <QTest>

#include <cmath>
#include <functional>

using namespace ladder;
using namespace ladder::lsttest;

namespace {

double maxDifference(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a.to(torch::kDouble) - b.to(torch::kDouble)).abs().max().item<double>();
}

/// The standard attention core as T5Attention computes it: scores without scaling, bias and
/// mask added, softmax, mixing.
torch::Tensor standardAttention(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                                const torch::Tensor &positionBias, const torch::Tensor &mask)
{
    torch::Tensor scores = torch::matmul(q, k.transpose(2, 3));
    if (positionBias.defined())
        scores = scores + positionBias;
    if (mask.defined())
        scores = scores + mask;
    return torch::matmul(torch::softmax(scores, -1), v);
}

struct AttentionCase
{
    torch::Tensor q, k, v, bias, mask;
};

/// B 3, H 4, D 5; `maskKind` 0: encoder padding [B,1,1,Tk] with padded tail positions,
/// 1: decoder causal [1,1,T,T], 2: cross-attention Tq 3 over Tk 9 with padding and no bias.
AttentionCase makeCase(int maskKind, torch::Dtype dtype)
{
    torch::manual_seed(11 + maskKind);
    const int64_t batch = 3, heads = 4, dim = 5;
    const int64_t queries = maskKind == 2 ? 3 : 7;
    const int64_t keys = maskKind == 2 ? 9 : 7;
    const auto options = torch::TensorOptions().dtype(dtype);
    AttentionCase c;
    c.q = torch::randn({batch, heads, queries, dim}, options).requires_grad_(true);
    c.k = torch::randn({batch, heads, keys, dim}, options).requires_grad_(true);
    c.v = torch::randn({batch, heads, keys, dim}, options).requires_grad_(true);
    if (maskKind != 2)
        c.bias = torch::randn({1, heads, queries, keys}, options).requires_grad_(true);
    if (maskKind == 1) {
        c.mask = causalMaskBias(queries, keys, {}, dtype, torch::kCPU);
    } else {
        torch::Tensor attend = torch::ones({batch, keys}, torch::kLong);
        attend.index_put_({1, torch::indexing::Slice(keys - 2)}, 0);
        attend.index_put_({2, torch::indexing::Slice(keys - 4)}, 0);
        c.mask = paddingMaskBias(attend, dtype);
    }
    return c;
}

std::vector<torch::Tensor> gradients(const AttentionCase &c, const torch::Tensor &output, const torch::Tensor &weights)
{
    std::vector<torch::Tensor> inputs{c.q, c.k, c.v};
    if (c.bias.defined())
        inputs.push_back(c.bias);
    return torch::autograd::grad({(output * weights).sum()}, inputs);
}

/// Gradients of all trainable parameters of an LST model on one batch, with its logits.
std::pair<torch::Tensor, std::vector<torch::Tensor>> lstGradients(LadderSideTuning &model, const T5Inputs &inputs)
{
    const T5Output out = model.forward(inputs);
    const std::vector<torch::Tensor> parameters = model.trainableParameters();
    const auto grads = torch::autograd::grad({out.loss}, parameters);
    return {out.logits.detach(), grads};
}

T5Inputs paddedBatch(const T5Config &config)
{
    torch::manual_seed(5);
    T5Inputs inputs = randomBatch(config, 4, 24, 5);
    inputs.attentionMask.index_put_({1, torch::indexing::Slice(18)}, 0);
    inputs.attentionMask.index_put_({3, torch::indexing::Slice(9)}, 0);
    inputs.labels.index_put_({2, torch::indexing::Slice(3)}, -100);
    return inputs;
}

int64_t stepPeak(LadderSideTuning &model, const T5Inputs &inputs)
{
    model.module().train();
    MemoryMeter::resetPeak();
    model.forward(inputs).loss.backward();
    return MemoryMeter::snapshot().peakBytes;
}

} // namespace

class TestLstMemoryOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { MemoryMeter::install(); }

    void recomputedAttentionEqualsStandard_data()
    {
        QTest::addColumn<int>("maskKind");
        QTest::addColumn<qint64>("chunkBytes");
        QTest::newRow("padding, one chunk") << 0 << qint64(kRecomputedAttentionChunkBytes);
        QTest::newRow("padding, one item per chunk") << 0 << qint64(1);
        QTest::newRow("causal, two items per chunk") << 1 << qint64(2 * 4 * 7 * 7 * 4);
        QTest::newRow("cross-attention, one item per chunk") << 2 << qint64(1);
    }
    void recomputedAttentionEqualsStandard()
    {
        QFETCH(int, maskKind);
        QFETCH(qint64, chunkBytes);
        const AttentionCase c = makeCase(maskKind, torch::kFloat);
        const torch::Tensor expected = standardAttention(c.q, c.k, c.v, c.bias, c.mask);
        const torch::Tensor actual = recomputedAttention(c.q, c.k, c.v, c.bias, c.mask, 0.1, /*training=*/false, chunkBytes);
        QVERIFY(maxDifference(actual, expected) <= 1e-5);
        const torch::Tensor weights = torch::randn(expected.sizes());
        const auto expectedGrads = gradients(c, expected, weights);
        const auto actualGrads = gradients(c, actual, weights);
        QCOMPARE(actualGrads.size(), expectedGrads.size());
        for (size_t i = 0; i < expectedGrads.size(); ++i) {
            const double difference = maxDifference(actualGrads[i], expectedGrads[i]);
            QVERIFY2(difference <= 1e-5, qPrintable(QStringLiteral("input %1: %2").arg(i).arg(difference)));
            QVERIFY(expectedGrads[i].abs().max().item<double>() > 1e-3); // a gradient that says something
        }
    }

    void dropoutGradientMatchesCentralDifferences()
    {
        // Float64, dropout 0.5, one item per chunk: the mask is regenerated in backward from the
        // seed drawn in forward; the same global seed before each call fixes it, so the output
        // is a deterministic function of the inputs and central differences apply.
        AttentionCase c = makeCase(0, torch::kDouble);
        const auto run = [&](const torch::Tensor &q, const torch::Tensor &bias) {
            torch::manual_seed(77);
            return recomputedAttention(q, c.k, c.v, bias, c.mask, 0.5, /*training=*/true, 1);
        };
        const torch::Tensor weights = torch::randn({3, 4, 7, 5}, torch::kDouble);
        const torch::Tensor output = run(c.q, c.bias);
        const torch::Tensor plain = recomputedAttention(c.q, c.k, c.v, c.bias, c.mask, 0.5, false, 1);
        QVERIFY(maxDifference(output, plain) > 1e-3); // dropout really acted
        QVERIFY(maxDifference(run(c.q, c.bias), output) == 0.0);
        const auto grads = torch::autograd::grad({(output * weights).sum()}, {c.q, c.bias});
        const double eps = 1e-6;
        for (int which = 0; which < 2; ++which) {
            for (int64_t flat : {0, 17, 45, 83}) {
                torch::Tensor q = c.q.detach().clone();
                torch::Tensor bias = c.bias.detach().clone();
                torch::Tensor &target = which == 0 ? q : bias;
                const double original = target.view(-1)[flat].item<double>();
                target.view(-1)[flat] = original + eps;
                const double up = (run(q, bias) * weights).sum().item<double>();
                target.view(-1)[flat] = original - eps;
                const double down = (run(q, bias) * weights).sum().item<double>();
                const double numeric = (up - down) / (2 * eps);
                const double analytic = grads[static_cast<size_t>(which)].view(-1)[flat].item<double>();
                QVERIFY2(std::abs(numeric - analytic) <= 1e-6 * std::max(1.0, std::abs(numeric)),
                         qPrintable(QStringLiteral("input %1 entry %2: numeric %3, analytic %4")
                                        .arg(which).arg(flat).arg(numeric).arg(analytic)));
            }
        }
    }

    void recomputedLstEqualsStandardLst()
    {
        const T5Config config = tinyConfig(0.0);
        const T5Inputs inputs = paddedBatch(config);
        MethodConfig standardMethod = lstMethod("all", SideInit::Random, 8, 0.0);
        MethodConfig recomputeMethod = standardMethod;
        recomputeMethod.lst.sideAttention = SideAttention::Recompute;
        auto standard = applyLst(config, standardMethod);
        auto recompute = applyLst(config, recomputeMethod);
        standard->module().train();
        recompute->module().train();
        const auto [expectedLogits, expectedGrads] = lstGradients(*standard, inputs);
        const auto [actualLogits, actualGrads] = lstGradients(*recompute, inputs);
        QVERIFY(maxDifference(actualLogits, expectedLogits) <= 1e-5);
        QCOMPARE(actualGrads.size(), expectedGrads.size());
        for (size_t i = 0; i < expectedGrads.size(); ++i)
            QVERIFY2(maxDifference(actualGrads[i], expectedGrads[i]) <= 1e-5,
                     qPrintable(QStringLiteral("parameter %1: %2").arg(i).arg(maxDifference(actualGrads[i], expectedGrads[i]))));
        // Generation (cached decoding, the standard path) gives the same tokens.
        recompute->module().eval();
        standard->module().eval();
        QVERIFY(torch::equal(recompute->generate(inputs.inputIds, inputs.attentionMask, 4),
                             standard->generate(inputs.inputIds, inputs.attentionMask, 4)));
    }

    void recomputedLstPeaksLower()
    {
        // Many heads over a long source and six side layers: the saved probabilities dominate
        // the step (with fewer layers the backbone's no-grad attention temporaries set the peak).
        const T5Config config = smallT5(128, 32, 512, 6, 8, 256, 0.1);
        torch::manual_seed(9);
        const T5Inputs inputs = randomBatch(config, 16, 128, 2);
        MethodConfig method = lstMethod("all", SideInit::Random, 8, 0.1);
        auto standard = applyLst(config, method);
        const int64_t standardPeak = stepPeak(*standard, inputs);
        standard.reset();
        method.lst.sideAttention = SideAttention::Recompute;
        auto recompute = applyLst(config, method);
        const int64_t recomputePeak = stepPeak(*recompute, inputs);
        const QByteArray message = QStringLiteral("standard %1 B, recompute %2 B").arg(standardPeak).arg(recomputePeak).toUtf8();
        qInfo("%s", message.constData());
        QVERIFY2(static_cast<double>(recomputePeak) < 0.8 * static_cast<double>(standardPeak), message.constData());
    }

    void estimateCoversTheOptions_data()
    {
        QTest::addColumn<bool>("bf16");
        QTest::addColumn<bool>("recompute");
        QTest::newRow("fp32, standard") << false << false;
        QTest::newRow("bf16") << true << false;
        QTest::newRow("recompute") << false << true;
        QTest::newRow("bf16 + recompute") << true << true;
    }
    void estimateCoversTheOptions()
    {
        // The t5-mini shape of test_lst_memory (vocabulary 8192, dropout 0.1) at B16 × 128 → 4,
        // a steady-state step (AdamW's moments allocated), against estimateLstMemory.
        QFETCH(bool, bf16);
        QFETCH(bool, recompute);
        const T5Config config = smallT5(128, 32, 512, 2, 4, 8192, 0.1);
        MethodConfig method = lstMethod("all", SideInit::Random, 8, 0.1);
        if (bf16)
            method.lst.backbonePrecision = BackbonePrecision::Bf16;
        if (recompute)
            method.lst.sideAttention = SideAttention::Recompute;
        torch::manual_seed(31);
        const T5Inputs inputs = randomBatch(config, 16, 128, 4);
        auto model = applyLst(config, method);
        model->module().train();
        std::vector<torch::Tensor> parameters = model->trainableParameters();
        torch::optim::AdamW optimizer(parameters, torch::optim::AdamWOptions(3e-3).weight_decay(0.0));
        model->forward(inputs).loss.backward();
        optimizer.step();
        optimizer.zero_grad();
        for (torch::Tensor &parameter : parameters)
            parameter.mutable_grad() = torch::Tensor();
        MemoryMeter::resetPeak();
        model->forward(inputs).loss.backward();
        const int64_t measured = MemoryMeter::snapshot().peakBytes;
        const LstMemoryEstimate estimate = estimateLstMemory(config, method.lst, {16, 128, 4, 4, true});
        const double ratio = static_cast<double>(measured) / static_cast<double>(estimate.peakBytes());
        const QByteArray message =
            QStringLiteral("measured %1 B, estimated %2 B").arg(measured).arg(estimate.peakBytes()).toUtf8();
        qInfo("%s", message.constData());
        QVERIFY2(std::abs(ratio - 1.0) <= 0.15, message.constData());
    }

    void bf16BackboneForwardIsCloseToFp32()
    {
        const T5Config config = tinyConfig(0.0);
        const T5Inputs inputs = paddedBatch(config);
        MethodConfig fp32Method = lstMethod("all", SideInit::Random, 8, 0.0);
        MethodConfig bf16Method = fp32Method;
        bf16Method.lst.backbonePrecision = BackbonePrecision::Bf16;
        auto fp32 = applyLst(config, fp32Method);
        auto bf16 = applyLst(config, bf16Method);
        for (const auto &parameter : bf16->network()->backbone->parameters())
            QCOMPARE(parameter.scalar_type(), torch::kBFloat16);
        for (const auto &parameter : bf16->trainableParameters())
            QCOMPARE(parameter.scalar_type(), torch::kFloat);
        fp32->module().train();
        bf16->module().train();
        const T5Output expected = fp32->forward(inputs);
        const T5Output actual = bf16->forward(inputs);
        QCOMPARE(actual.logits.scalar_type(), torch::kFloat);
        // bf16 keeps 8 significant bits: each rounding is off by up to 2^-9 ≈ 0.2% of the value.
        // The backbone's 2+2 blocks, the ladders and the bf16 LM head compound that: the largest
        // logit error measured here is 2.5% of the logits' RMS (log line below; the logits of a
        // fresh side network are small, so this is a strict scale). 6% leaves room for other
        // seeds without letting a real error (a wrong cast, a missing ladder: tens of %) pass.
        const double rms = expected.logits.pow(2).mean().sqrt().item<double>();
        const double difference = maxDifference(actual.logits, expected.logits);
        const double lossDifference = std::abs(actual.loss.item<double>() - expected.loss.item<double>());
        qInfo("logit RMS %.4g, max |difference| %.4g, loss %.6g vs %.6g", rms, difference,
              actual.loss.item<double>(), expected.loss.item<double>());
        QVERIFY(difference <= 0.06 * rms);
        QVERIFY(lossDifference <= 0.01 * std::abs(expected.loss.item<double>()));
        // The side network's gradients follow, in fp32, in the same direction.
        const auto expectedGrads = torch::autograd::grad({expected.loss}, fp32->trainableParameters());
        const auto actualGrads = torch::autograd::grad({actual.loss}, bf16->trainableParameters());
        torch::Tensor a = torch::cat([&] { std::vector<torch::Tensor> v; for (auto &g : actualGrads) v.push_back(g.reshape(-1)); return v; }());
        torch::Tensor e = torch::cat([&] { std::vector<torch::Tensor> v; for (auto &g : expectedGrads) v.push_back(g.reshape(-1)); return v; }());
        QCOMPARE(a.scalar_type(), torch::kFloat);
        const double relative = ((a - e).norm() / e.norm()).item<double>();
        qInfo("relative gradient difference %.4g", relative);
        QVERIFY(relative <= 0.05);
        // And generation runs through the bf16 backbone.
        bf16->module().eval();
        QCOMPARE(bf16->generate(inputs.inputIds, inputs.attentionMask, 3).size(0), inputs.inputIds.size(0));
    }

    void bf16BackboneHalvesFrozenBytes()
    {
        const T5Config config = tinyConfig(0.0);
        MethodConfig method = lstMethod("all", SideInit::Random, 8, 0.0);
        auto fp32 = applyLst(config, method);
        method.lst.backbonePrecision = BackbonePrecision::Bf16;
        auto bf16 = applyLst(config, method);
        int64_t fp32Bytes = 0, bf16Bytes = 0;
        for (const auto &parameter : fp32->network()->backbone->parameters())
            fp32Bytes += static_cast<int64_t>(parameter.nbytes());
        for (const auto &parameter : bf16->network()->backbone->parameters())
            bf16Bytes += static_cast<int64_t>(parameter.nbytes());
        QCOMPARE(2 * bf16Bytes, fp32Bytes);
    }

    void badOptionValuesNameTheKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("dtype fp16") << QByteArray(R"({"kind": "lst", "backbone_dtype": "fp16"})") << QByteArray(R"(key "backbone_dtype": expected "fp32" or "bf16", got "fp16")");
        QTest::newRow("dtype number") << QByteArray(R"({"kind": "lst", "backbone_dtype": 16})") << QByteArray(R"(key "backbone_dtype": expected "fp32" or "bf16", got 16)");
        QTest::newRow("attention flash") << QByteArray(R"({"kind": "lst", "side_attention": "flash"})") << QByteArray(R"(key "side_attention": expected "standard" or "recompute", got "flash")");
        QTest::newRow("attention bool") << QByteArray(R"({"kind": "lst", "side_attention": true})") << QByteArray(R"(key "side_attention": expected "standard" or "recompute", got true)");
        QTest::newRow("not an lst key") << QByteArray(R"({"kind": "lora", "side_attention": "recompute"})") << QByteArray(R"(unknown key "side_attention")");
    }
    void badOptionValuesNameTheKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, expected);
        try {
            MethodConfig::fromJson(json.toStdString(), "run.json");
            QFAIL("no error");
        } catch (const Error &error) {
            const QByteArray message(error.what());
            QVERIFY2(message.contains(expected) && message.contains("run.json"), message.constData());
        }
    }

    void optionsRoundTrip()
    {
        const MethodConfig read =
            MethodConfig::fromJson(R"({"kind": "lst", "backbone_dtype": "bf16", "side_attention": "recompute"})", "t");
        QCOMPARE(read.lst.backbonePrecision, BackbonePrecision::Bf16);
        QCOMPARE(read.lst.sideAttention, SideAttention::Recompute);
        QCOMPARE(MethodConfig::fromJson(read.toJson(), "t").toJson(), read.toJson());
        const MethodConfig defaults = MethodConfig::fromJson(R"({"kind": "lst"})", "t");
        QCOMPARE(defaults.lst.backbonePrecision, BackbonePrecision::Fp32);
        QCOMPARE(defaults.lst.sideAttention, SideAttention::Standard);
    }
};

QTEST_APPLESS_MAIN(TestLstMemoryOptions)
#include "test_lst_memory_options.moc"
