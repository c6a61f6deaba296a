// SPDX-License-Identifier: GPL-3.0-or-later
// The definition of "this is T5": every tensor HuggingFace transformers v4.36.2 computed for the
// golden configurations (tests/data/golden/t5) is reproduced by the LibTorch model.
#include "GoldenT5.h"

#include "io/Safetensors.h"
#include "model/RelativePosition.h"
#include "model/T5Checkpoint.h"

#include <QObject>
#include <QTest>

using namespace ladder;

namespace {

struct Golden
{
    LoadedT5 loaded;
    SafetensorsContents cases;
};

Golden loadGolden(const QString &name)
{
    Golden golden{loadT5(test::goldenDir(name)), readSafetensors(test::goldenFile(name, "cases.safetensors"))};
    golden.loaded.model->eval();
    return golden;
}

T5Output runGoldenForward(Golden &golden)
{
    T5Inputs inputs;
    inputs.inputIds = golden.cases.at("input_ids");
    inputs.attentionMask = golden.cases.at("attention_mask");
    inputs.decoderInputIds = golden.cases.at("decoder_input_ids");
    inputs.labels = golden.cases.at("labels");
    inputs.outputHiddenStates = true;
    return golden.loaded.model->forward(inputs);
}

void addConfigRows()
{
    QTest::addColumn<QString>("config");
    for (const char *name : test::kGoldenConfigs)
        QTest::newRow(name) << QString::fromLatin1(name);
}

} // namespace

class TestT5Parity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void weightsLoadBitExact_data() { addConfigRows(); }
    void weightsLoadBitExact()
    {
        QFETCH(QString, config);
        const LoadedT5 loaded = loadT5(test::goldenDir(config));
        const SafetensorsContents file = readSafetensors(test::goldenFile(config, "model.safetensors"));
        const auto parameters = loaded.model->named_parameters();
        QCOMPARE(parameters.size(), file.tensors.size());
        for (const NamedTensor &stored : file.tensors) {
            const torch::Tensor *parameter = parameters.find(stored.name);
            QVERIFY2(parameter, stored.name.c_str());
            QVERIFY2(torch::equal(*parameter, stored.tensor), stored.name.c_str());
        }
    }

    void tiedHeadUsesSharedEmbedding()
    {
        const LoadedT5 tied = loadT5(test::goldenDir(QStringLiteral("t5v1_tiny")));
        QVERIFY(tied.config.tieWordEmbeddings);
        QVERIFY(tied.model->lmHeadWeight().is_same(tied.model->shared->weight));
        QVERIFY(!tied.model->named_parameters().contains("lm_head.weight"));
        const LoadedT5 untied = loadT5(test::goldenDir(QStringLiteral("t5v11_tiny")));
        QVERIFY(untied.model->named_parameters().contains("lm_head.weight"));
    }

    void forwardMatchesGolden_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("tensor");
        const char *tensors[] = {"encoder_last_hidden_state", "encoder_hidden_states",
                                 "decoder_hidden_states", "decoder_last_hidden_state", "logits", "loss"};
        for (const char *config : test::kGoldenConfigs)
            for (const char *tensor : tensors)
                QTest::newRow((std::string(config) + "/" + tensor).c_str())
                    << QString::fromLatin1(config) << QString::fromLatin1(tensor);
    }
    void forwardMatchesGolden()
    {
        QFETCH(QString, config);
        QFETCH(QString, tensor);
        Golden golden = loadGolden(config);
        torch::NoGradGuard noGrad;
        const T5Output out = runGoldenForward(golden);
        const std::string name = tensor.toStdString();
        torch::Tensor actual;
        if (name == "encoder_last_hidden_state")
            actual = out.encoder.lastHiddenState;
        else if (name == "encoder_hidden_states")
            actual = torch::stack(out.encoder.hiddenStates());
        else if (name == "decoder_hidden_states")
            actual = torch::stack(out.decoder.hiddenStates());
        else if (name == "decoder_last_hidden_state")
            actual = out.decoder.lastHiddenState;
        else if (name == "logits")
            actual = out.logits;
        else
            actual = out.loss;
        LADDER_VERIFY_GOLDEN(actual, golden.cases.at(name), name);
    }

    void gradientsMatchGolden_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("parameter");
        for (const char *config : test::kGoldenConfigs) {
            const SafetensorsContents cases =
                readSafetensors(test::goldenFile(QString::fromLatin1(config), "cases.safetensors"));
            for (const NamedTensor &tensor : cases.tensors)
                if (tensor.name.rfind("grad.", 0) == 0)
                    QTest::newRow((std::string(config) + "/" + tensor.name).c_str())
                        << QString::fromLatin1(config)
                        << QString::fromStdString(tensor.name.substr(5));
        }
    }
    void gradientsMatchGolden()
    {
        QFETCH(QString, config);
        QFETCH(QString, parameter);
        Golden golden = loadGolden(config);
        runGoldenForward(golden).loss.backward();
        const std::string name = parameter.toStdString();
        // Keep the dict: find() points into it (a temporary here was a use-after-free under ASan).
        const auto parameters = golden.loaded.model->named_parameters();
        const torch::Tensor *weight = parameters.find(name);
        QVERIFY2(weight, name.c_str());
        QVERIFY2(weight->grad().defined(), name.c_str());
        LADDER_VERIFY_GOLDEN(weight->grad(), golden.cases.at("grad." + name), "grad." + name);
    }

    void labelsAloneGiveTheGoldenDecoderInputs_data() { addConfigRows(); }
    void labelsAloneGiveTheGoldenDecoderInputs()
    {
        QFETCH(QString, config);
        Golden golden = loadGolden(config);
        const torch::Tensor shifted = golden.loaded.model->shiftRight(golden.cases.at("labels"));
        QVERIFY(torch::equal(shifted, golden.cases.at("decoder_input_ids")));

        torch::NoGradGuard noGrad;
        T5Inputs inputs;
        inputs.inputIds = golden.cases.at("input_ids");
        inputs.attentionMask = golden.cases.at("attention_mask");
        inputs.labels = golden.cases.at("labels");
        const T5Output out = golden.loaded.model->forward(inputs);
        LADDER_VERIFY_GOLDEN(out.logits, golden.cases.at("logits"), "logits");
        LADDER_VERIFY_GOLDEN(out.loss, golden.cases.at("loss"), "loss");
    }

    /// Without an attention mask, generate masks pad tokens as HF does: same ids.
    void greedyGenerationMatchesGolden_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<bool>("passMask");
        for (const char *config : test::kGoldenConfigs) {
            QTest::newRow((std::string(config) + "/mask").c_str()) << QString::fromLatin1(config) << true;
            QTest::newRow((std::string(config) + "/no mask").c_str()) << QString::fromLatin1(config) << false;
        }
    }
    void greedyGenerationMatchesGolden()
    {
        QFETCH(QString, config);
        QFETCH(bool, passMask);
        Golden golden = loadGolden(config);
        const torch::Tensor generated = golden.loaded.model->generate(
            golden.cases.at("input_ids"), passMask ? golden.cases.at("attention_mask") : torch::Tensor(), 8);
        const torch::Tensor expected = golden.cases.at("generated_ids");
        QVERIFY2(torch::equal(generated, expected),
                 (c10::str(generated) + "\nexpected\n" + c10::str(expected)).c_str());
    }

    /// The key/value cache must not change what greedy decoding picks: recomputing the whole
    /// decoder prefix at every step gives the same logits.
    void cachedDecodingMatchesFullRecomputation_data() { addConfigRows(); }
    void cachedDecodingMatchesFullRecomputation()
    {
        QFETCH(QString, config);
        Golden golden = loadGolden(config);
        auto &model = golden.loaded.model;
        torch::NoGradGuard noGrad;
        const torch::Tensor ids = golden.cases.at("input_ids");
        const torch::Tensor mask = golden.cases.at("attention_mask");
        const torch::Tensor prefix = golden.cases.at("decoder_input_ids");
        const torch::Tensor encoded = model->encode(ids, mask).lastHiddenState;
        const torch::Tensor full = model->computeLogits(model->decode(prefix, encoded, mask).lastHiddenState);
        T5DecoderCache cache;
        for (int64_t t = 0; t < prefix.size(1); ++t) {
            const torch::Tensor step = model->computeLogits(
                model->decode(prefix.slice(1, t, t + 1), encoded, mask, {}, false, &cache).lastHiddenState);
            LADDER_VERIFY_GOLDEN(step.squeeze(1), full.select(1, t), "step " + std::to_string(t));
        }
        QCOMPARE(cache.length, prefix.size(1));
    }

    void relativePositionBucketsMatchGolden_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<bool>("bidirectional");
        for (const char *config : test::kGoldenConfigs) {
            QTest::newRow((std::string(config) + "/bidirectional").c_str())
                << QString::fromLatin1(config) << true;
            QTest::newRow((std::string(config) + "/unidirectional").c_str())
                << QString::fromLatin1(config) << false;
        }
    }
    void relativePositionBucketsMatchGolden()
    {
        QFETCH(QString, config);
        QFETCH(bool, bidirectional);
        const T5Config t5 = T5Config::fromJsonFile(test::goldenFile(config, "config.json"));
        const SafetensorsContents cases = readSafetensors(test::goldenFile(config, "cases.safetensors"));
        const torch::Tensor buckets = relativePositionBucket(
            cases.at("aux.relative_position"), bidirectional, t5.relativeAttentionNumBuckets,
            t5.relativeAttentionMaxDistance);
        const torch::Tensor expected =
            cases.at(bidirectional ? "aux.bucket_bidirectional" : "aux.bucket_unidirectional");
        QCOMPARE(buckets.scalar_type(), torch::kLong);
        QVERIFY2(torch::equal(buckets, expected), c10::str(buckets).c_str());
    }

    /// README examples, independent of the stored tables.
    void relativePositionBucketExamples_data()
    {
        QTest::addColumn<bool>("bidirectional");
        QTest::addColumn<qint64>("relative");
        QTest::addColumn<qint64>("bucket");
        QTest::newRow("t5v1 enc +8") << true << qint64(8) << qint64(24);
        QTest::newRow("t5v1 enc +32") << true << qint64(32) << qint64(28);
        QTest::newRow("t5v1 enc +127") << true << qint64(127) << qint64(31);
        QTest::newRow("t5v1 enc -8") << true << qint64(-8) << qint64(8);
        QTest::newRow("t5v1 enc -64") << true << qint64(-64) << qint64(14);
        QTest::newRow("t5v1 dec -16") << false << qint64(-16) << qint64(16);
        QTest::newRow("t5v1 dec -32") << false << qint64(-32) << qint64(21);
        QTest::newRow("t5v1 dec -127") << false << qint64(-127) << qint64(31);
        QTest::newRow("t5v1 dec +5 (future)") << false << qint64(5) << qint64(0);
    }
    void relativePositionBucketExamples()
    {
        QFETCH(bool, bidirectional);
        QFETCH(qint64, relative);
        QFETCH(qint64, bucket);
        const torch::Tensor r = torch::tensor({static_cast<int64_t>(relative)}, torch::kLong);
        QCOMPARE(relativePositionBucket(r, bidirectional, 32, 128).item<int64_t>(), static_cast<int64_t>(bucket));
    }
};

QTEST_APPLESS_MAIN(TestT5Parity)
#include "test_t5_parity.moc"
