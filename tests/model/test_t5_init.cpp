// SPDX-License-Identifier: GPL-3.0-or-later
// Random initialisation is HuggingFace's, parameter counts are known without building a model,
// checkpoints round-trip bit-exactly, and the forward runner writes what HF computed.
#include "GoldenT5.h"

#include "io/Safetensors.h"
#include "model/ForwardRunner.h"
#include "model/ModelSummary.h"
#include "model/T5Checkpoint.h"
#include "model/T5Init.h"
#include "util/Error.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace ladder;

namespace {

T5Config goldenConfig(const QString &name)
{
    return T5Config::fromJsonFile(test::goldenFile(name, "config.json"));
}

int64_t numel(T5ForConditionalGenerationImpl &model)
{
    int64_t total = 0;
    for (const auto &parameter : model.parameters())
        total += parameter.numel();
    return total;
}

/// A config large enough for stable statistics, covering gated FF and an untied head.
T5Config statisticsConfig(double factor)
{
    T5Config config;
    config.vocabSize = 2048;
    config.dModel = 256;
    config.dKv = 32;
    config.numHeads = 8;
    config.dFf = 512;
    config.numLayers = 1;
    config.numDecoderLayers = 1;
    config.relativeAttentionNumBuckets = 64;
    config.setFeedForwardProj("gated-gelu");
    config.tieWordEmbeddings = false;
    config.initializerFactor = factor;
    return config;
}

template<typename Action>
std::string errorOf(Action action)
{
    try {
        action();
    } catch (const Error &error) {
        return error.what();
    }
    return {};
}

void addConfigRows()
{
    QTest::addColumn<QString>("config");
    for (const char *name : test::kGoldenConfigs)
        QTest::newRow(name) << QString::fromLatin1(name);
}

} // namespace

class TestT5Init : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    /// The golden weights are `torch.manual_seed(S); T5ForConditionalGeneration(config)`:
    /// same generator, same draw order, so the same bits.
    void seededInitReproducesHuggingFace_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<qint64>("seed");
        QTest::newRow("t5v1_tiny seed 36") << QStringLiteral("t5v1_tiny") << qint64(36);
        QTest::newRow("t5v11_tiny seed 8") << QStringLiteral("t5v11_tiny") << qint64(8);
    }
    void seededInitReproducesHuggingFace()
    {
        QFETCH(QString, config);
        QFETCH(qint64, seed);
        T5ForConditionalGeneration model = createRandomT5(goldenConfig(config), uint64_t(seed));
        const SafetensorsContents golden = readSafetensors(test::goldenFile(config, "model.safetensors"));
        const auto parameters = model->named_parameters();
        QCOMPARE(parameters.size(), golden.tensors.size());
        std::string differing;
        for (const NamedTensor &stored : golden.tensors)
            if (!torch::equal(parameters[stored.name], stored.tensor))
                differing += " " + stored.name;
        QVERIFY2(differing.empty(), ("differ:" + differing).c_str());
    }

    void initFollowsHuggingFaceDistributions_data()
    {
        QTest::addColumn<double>("factor");
        QTest::addColumn<QString>("parameter");
        QTest::addColumn<double>("expectedStd");
        const double d = 256, dKv = 32, heads = 8, dFf = 512;
        for (double f : {1.0, 0.5}) {
            const auto row = [&](const char *name, double std) {
                QTest::newRow((std::string(name) + " f=" + std::to_string(f)).c_str())
                    << f << QString::fromLatin1(name) << f * std;
            };
            row("shared.weight", 1.0);
            row("lm_head.weight", 1.0);
            row("encoder.block.0.layer.0.SelfAttention.q.weight", std::pow(d * dKv, -0.5));
            row("encoder.block.0.layer.0.SelfAttention.k.weight", std::pow(d, -0.5));
            row("encoder.block.0.layer.0.SelfAttention.v.weight", std::pow(d, -0.5));
            row("encoder.block.0.layer.0.SelfAttention.o.weight", std::pow(heads * dKv, -0.5));
            row("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", std::pow(d, -0.5));
            row("decoder.block.0.layer.1.EncDecAttention.q.weight", std::pow(d * dKv, -0.5));
            row("decoder.block.0.layer.2.DenseReluDense.wi_0.weight", std::pow(d, -0.5));
            row("decoder.block.0.layer.2.DenseReluDense.wi_1.weight", std::pow(d, -0.5));
            row("decoder.block.0.layer.2.DenseReluDense.wo.weight", std::pow(dFf, -0.5));
        }
    }
    void initFollowsHuggingFaceDistributions()
    {
        QFETCH(double, factor);
        QFETCH(QString, parameter);
        QFETCH(double, expectedStd);
        T5ForConditionalGeneration model = createRandomT5(statisticsConfig(factor), 1234);
        const torch::Tensor weight = model->named_parameters()[parameter.toStdString()].to(torch::kDouble);
        const double n = static_cast<double>(weight.numel());
        // Four standard errors of the sample std (≈ σ/√(2n)), at least 2 %.
        const double tolerance = std::max(0.02, 4.0 / std::sqrt(2.0 * n));
        const double std = weight.std().item<double>();
        QVERIFY2(std::abs(std / expectedStd - 1.0) < tolerance,
                 ("std " + std::to_string(std) + " expected " + std::to_string(expectedStd)).c_str());
        QVERIFY(std::abs(weight.mean().item<double>()) < 4.0 * expectedStd / std::sqrt(n));
    }

    void layerNormsStartAtFactor()
    {
        T5ForConditionalGeneration model = createRandomT5(statisticsConfig(0.5), 1);
        int norms = 0;
        for (const auto &item : model->named_parameters()) {
            if (item.key().find("layer_norm") == std::string::npos)
                continue;
            ++norms;
            QVERIFY2(torch::all(item.value() == 0.5).item<bool>(), item.key().c_str());
        }
        QCOMPARE(norms, 1 * 2 + 1 + 1 * 3 + 1); // encoder 2/block + final, decoder 3/block + final
    }

    void sameSeedSameWeights()
    {
        const T5Config config = T5Config::preset("t5-tiny");
        T5ForConditionalGeneration a = createRandomT5(config, 7);
        T5ForConditionalGeneration b = createRandomT5(config, 7);
        T5ForConditionalGeneration c = createRandomT5(config, 8);
        const auto pa = a->named_parameters(), pb = b->named_parameters(), pc = c->named_parameters();
        for (const auto &item : pa) {
            QVERIFY2(torch::equal(item.value(), pb[item.key()]), item.key().c_str());
            if (item.key().find("layer_norm") == std::string::npos)
                QVERIFY2(!torch::equal(item.value(), pc[item.key()]), item.key().c_str());
        }
    }

    void summaryEqualsInstantiatedModel_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("t5v1_tiny") << QStringLiteral("t5v1_tiny");
        QTest::newRow("t5v11_tiny") << QStringLiteral("t5v11_tiny");
        QTest::newRow("t5-tiny") << QStringLiteral("preset:t5-tiny");
        QTest::newRow("t5-mini") << QStringLiteral("preset:t5-mini");
    }
    void summaryEqualsInstantiatedModel()
    {
        QFETCH(QString, source);
        const T5Config config = source.startsWith(QStringLiteral("preset:"))
                                    ? T5Config::preset(source.mid(7).toStdString())
                                    : goldenConfig(source);
        T5ForConditionalGeneration model(config);
        const ModelSummary summary = summarizeModel(config);
        QCOMPARE(summary.total, numel(*model));
        int64_t sum = 0;
        for (const auto &group : summary.groups) {
            QVERIFY(group.count > 0);
            sum += group.count;
        }
        QCOMPARE(sum, summary.total);
    }

    /// HF's num_parameters() for the published checkpoints; no tensor is allocated.
    void summaryOfPublishedModels_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<qint64>("parameters");
        QTest::newRow("t5-small") << QStringLiteral("t5-small") << qint64(60506624);
        QTest::newRow("t5-base") << QStringLiteral("t5-base") << qint64(222903552);
        QTest::newRow("t5-large") << QStringLiteral("t5-large") << qint64(737668096);
        QTest::newRow("t5-3b") << QStringLiteral("t5-3b") << qint64(2851598336);
    }
    void summaryOfPublishedModels()
    {
        QFETCH(QString, preset);
        QFETCH(qint64, parameters);
        QElapsedTimer timer;
        timer.start();
        const ModelSummary summary = summarizeModel(T5Config::preset(preset.toStdString()));
        QVERIFY(timer.elapsed() < 50);
        QCOMPARE(summary.total, int64_t(parameters));
    }

    void saveLoadRoundTripIsBitExact_data() { addConfigRows(); }
    void saveLoadRoundTripIsBitExact()
    {
        QFETCH(QString, config);
        QTemporaryDir dir;
        const std::string folder = dir.filePath(QStringLiteral("saved")).toStdString();
        const T5Config original = goldenConfig(config);
        T5ForConditionalGeneration model = createRandomT5(original, 99);
        saveT5(*model, original, folder);

        // HF's layout: exactly the module's keys (no embed_tokens aliases, no tied lm_head).
        const SafetensorsContents file = readSafetensors(folder + "/model.safetensors");
        QCOMPARE(file.metadata.at("format"), std::string("pt"));
        QCOMPARE(file.tensors.size(), model->named_parameters().size());
        QVERIFY(QFile::exists(QString::fromStdString(folder + "/generation_config.json")));

        const LoadedT5 loaded = loadT5(folder);
        QVERIFY(loaded.config == original);
        const auto saved = model->named_parameters();
        for (const auto &item : loaded.model->named_parameters())
            QVERIFY2(torch::equal(item.value(), saved[item.key()]), item.key().c_str());
    }

    /// Other writers store the shared embedding under a stack's name and keep the unused
    /// cross-attention bias of old checkpoints; both load.
    void loadingAcceptsHuggingFaceAliases()
    {
        QTemporaryDir dir;
        const QString source = QStringLiteral("t5v1_tiny");
        const SafetensorsContents golden = readSafetensors(test::goldenFile(source, "model.safetensors"));
        std::vector<NamedTensor> renamed;
        for (const NamedTensor &tensor : golden.tensors)
            renamed.push_back({tensor.name == "shared.weight" ? "decoder.embed_tokens.weight" : tensor.name,
                               tensor.tensor});
        renamed.push_back({"decoder.block.0.layer.1.EncDecAttention.relative_attention_bias.weight",
                           torch::zeros({32, 4})});
        const std::string folder = dir.path().toStdString();
        writeSafetensors(folder + "/model.safetensors", renamed);
        QVERIFY(QFile::copy(QString::fromStdString(test::goldenFile(source, "config.json")),
                            dir.filePath(QStringLiteral("config.json"))));
        const LoadedT5 loaded = loadT5(folder);
        QVERIFY(torch::equal(loaded.model->shared->weight, golden.at("shared.weight")));
    }

    void loadingReportsAMissingWeight()
    {
        QTemporaryDir dir;
        const QString source = QStringLiteral("t5v11_tiny");
        const SafetensorsContents golden = readSafetensors(test::goldenFile(source, "model.safetensors"));
        std::vector<NamedTensor> partial;
        for (const NamedTensor &tensor : golden.tensors)
            if (tensor.name != "lm_head.weight")
                partial.push_back(tensor);
        writeSafetensors(dir.filePath(QStringLiteral("model.safetensors")).toStdString(), partial);
        QVERIFY(QFile::copy(QString::fromStdString(test::goldenFile(source, "config.json")),
                            dir.filePath(QStringLiteral("config.json"))));
        const std::string message = errorOf([&] { loadT5(dir.path().toStdString()); });
        QVERIFY2(message.find("lm_head.weight") != std::string::npos, message.c_str());
    }

    void forwardRunnerMatchesGolden_data() { addConfigRows(); }
    void forwardRunnerMatchesGolden()
    {
        QFETCH(QString, config);
        QTemporaryDir dir;
        const SafetensorsContents cases = readSafetensors(test::goldenFile(config, "cases.safetensors"));
        // Labels without decoder_input_ids: the runner shifts them right as HF does.
        const std::string inputs = dir.filePath(QStringLiteral("inputs.safetensors")).toStdString();
        writeSafetensors(inputs, {{"input_ids", cases.at("input_ids")},
                                  {"attention_mask", cases.at("attention_mask")},
                                  {"labels", cases.at("labels")}});
        ForwardRequest request;
        request.modelDir = test::goldenDir(config);
        request.inputsPath = inputs;
        request.outputPath = dir.filePath(QStringLiteral("out.safetensors")).toStdString();
        request.maxNewTokens = 8;
        runForward(request);

        const SafetensorsContents out = readSafetensors(request.outputPath);
        for (const char *name : {"encoder_last_hidden_state", "encoder_hidden_states",
                                 "decoder_last_hidden_state", "decoder_hidden_states", "logits", "loss"})
            LADDER_VERIFY_GOLDEN(out.at(name), cases.at(name), name);
        QVERIFY(torch::equal(out.at("generated_ids"), cases.at("generated_ids")));
    }

    void forwardRunnerRejectsBadInputs_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("tensor");
        QTest::newRow("I32 input_ids") << QStringLiteral("dtype") << QStringLiteral("input_ids");
        QTest::newRow("id beyond vocabulary") << QStringLiteral("vocab") << QStringLiteral("input_ids");
        QTest::newRow("negative label") << QStringLiteral("label") << QStringLiteral("labels");
        QTest::newRow("mask shape") << QStringLiteral("mask") << QStringLiteral("attention_mask");
        QTest::newRow("labels batch") << QStringLiteral("batch") << QStringLiteral("labels");
        QTest::newRow("no input_ids") << QStringLiteral("missing") << QStringLiteral("input_ids");
        QTest::newRow("1-D input_ids") << QStringLiteral("rank") << QStringLiteral("input_ids");
    }
    void forwardRunnerRejectsBadInputs()
    {
        QFETCH(QString, fault);
        QFETCH(QString, tensor);
        QTemporaryDir dir;
        torch::Tensor ids = torch::randint(2, 96, {2, 5}, torch::kLong);
        torch::Tensor mask = torch::ones({2, 5}, torch::kLong);
        torch::Tensor labels = torch::randint(2, 96, {2, 3}, torch::kLong);
        if (fault == QStringLiteral("dtype"))
            ids = ids.to(torch::kInt);
        else if (fault == QStringLiteral("vocab"))
            ids[1][2] = 96;
        else if (fault == QStringLiteral("label"))
            labels[0][0] = -5;
        else if (fault == QStringLiteral("mask"))
            mask = torch::ones({2, 4}, torch::kLong);
        else if (fault == QStringLiteral("batch"))
            labels = torch::randint(2, 96, {3, 3}, torch::kLong);
        else if (fault == QStringLiteral("rank"))
            ids = ids.flatten();
        std::vector<NamedTensor> tensors = {{"attention_mask", mask}, {"labels", labels}};
        if (fault != QStringLiteral("missing"))
            tensors.push_back({"input_ids", ids});
        const std::string inputs = dir.filePath(QStringLiteral("bad-inputs.safetensors")).toStdString();
        writeSafetensors(inputs, tensors);

        ForwardRequest request;
        request.modelDir = test::goldenDir(QStringLiteral("t5v1_tiny"));
        request.inputsPath = inputs;
        request.outputPath = dir.filePath(QStringLiteral("out.safetensors")).toStdString();
        const std::string message = errorOf([&] { runForward(request); });
        QVERIFY2(message.find("bad-inputs.safetensors") != std::string::npos, message.c_str());
        QVERIFY2(message.find("\"" + tensor.toStdString() + "\"") != std::string::npos, message.c_str());
        QVERIFY(!QFile::exists(QString::fromStdString(request.outputPath)));
    }

    void forwardRunnerOnAPresetIsDeterministic()
    {
        QTemporaryDir dir;
        const std::string inputs = dir.filePath(QStringLiteral("in.safetensors")).toStdString();
        writeSafetensors(inputs, {{"input_ids", torch::randint(2, 8192, {2, 6}, torch::kLong)}});
        ForwardRequest request;
        request.preset = "t5-tiny";
        request.seed = 3;
        request.inputsPath = inputs;
        request.maxNewTokens = 4;
        request.outputPath = dir.filePath(QStringLiteral("a.safetensors")).toStdString();
        runForward(request);
        request.outputPath = dir.filePath(QStringLiteral("b.safetensors")).toStdString();
        runForward(request);
        const SafetensorsContents a = readSafetensors(dir.filePath(QStringLiteral("a.safetensors")).toStdString());
        const SafetensorsContents b = readSafetensors(request.outputPath);
        QCOMPARE(a.at("encoder_last_hidden_state").sizes(), (c10::IntArrayRef{2, 6, 64}));
        QCOMPARE(a.at("encoder_hidden_states").size(0), int64_t(3));
        QVERIFY(a.find("logits") == nullptr); // no decoder inputs, no labels
        QVERIFY(torch::equal(a.at("encoder_last_hidden_state"), b.at("encoder_last_hidden_state")));
        QVERIFY(torch::equal(a.at("generated_ids"), b.at("generated_ids")));
        QCOMPARE(a.at("generated_ids").size(0), int64_t(2));
    }
};

QTEST_APPLESS_MAIN(TestT5Init)
#include "test_t5_init.moc"
