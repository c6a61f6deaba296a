// SPDX-License-Identifier: GPL-3.0-or-later
// T5Config reads HuggingFace's config.json key for key, refuses what cannot be a T5 model with
// a message naming the key, and knows the published shapes.
#include "model/T5Config.h"
#include "util/Error.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace ladder;

namespace {

std::string goldenConfigPath(const QString &name)
{
    return std::string(LADDER_TEST_DATA_DIR) + "/golden/t5/" + name.toStdString() + "/config.json";
}

/// The message of the ladder::Error `action` throws, or "" when it throws none.
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

bool contains(const std::string &text, const QString &part)
{
    return text.find(part.toStdString()) != std::string::npos;
}

/// A valid minimal config with one key replaced by `value` (raw JSON).
std::string configWith(const std::string &key, const std::string &value)
{
    return R"({"model_type": "t5", "vocab_size": 100, "d_model": 32, "d_kv": 8, "d_ff": 64,
               "num_layers": 2, "num_heads": 4, ")"
           + key + "\": " + value + "}";
}

} // namespace

class TestT5Config : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goldenConfigsParse_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("numLayers");
        QTest::addColumn<qint64>("dFf");
        QTest::addColumn<qint64>("buckets");
        QTest::addColumn<qint64>("maxDistance");
        QTest::addColumn<QString>("activation");
        QTest::addColumn<bool>("gated");
        QTest::addColumn<bool>("tied");
        QTest::newRow("t5v1_tiny") << QStringLiteral("t5v1_tiny") << qint64(2) << qint64(128)
                                   << qint64(32) << qint64(128) << QStringLiteral("relu") << false << true;
        QTest::newRow("t5v11_tiny") << QStringLiteral("t5v11_tiny") << qint64(3) << qint64(96)
                                    << qint64(8) << qint64(20) << QStringLiteral("gelu_new") << true << false;
    }
    void goldenConfigsParse()
    {
        QFETCH(QString, name);
        QFETCH(qint64, numLayers);
        QFETCH(qint64, dFf);
        QFETCH(qint64, buckets);
        QFETCH(qint64, maxDistance);
        QFETCH(QString, activation);
        QFETCH(bool, gated);
        QFETCH(bool, tied);
        const T5Config config = T5Config::fromJsonFile(goldenConfigPath(name));
        QCOMPARE(config.vocabSize, int64_t(96));
        QCOMPARE(config.dModel, int64_t(64));
        QCOMPARE(config.dKv, int64_t(16));
        QCOMPARE(config.numHeads, int64_t(4));
        QCOMPARE(config.numLayers, int64_t(numLayers));
        QCOMPARE(config.numDecoderLayers, int64_t(2));
        QCOMPARE(config.dFf, int64_t(dFf));
        QCOMPARE(config.relativeAttentionNumBuckets, int64_t(buckets));
        QCOMPARE(config.relativeAttentionMaxDistance, int64_t(maxDistance));
        QCOMPARE(QString::fromStdString(config.denseActFn), activation);
        QCOMPARE(config.isGatedAct, gated);
        QCOMPARE(config.tieWordEmbeddings, tied);
        QCOMPARE(config.dropoutRate, 0.0);
        QCOMPARE(config.layerNormEpsilon, 1e-6);
        QCOMPARE(config.padTokenId, int64_t(0));
        QCOMPARE(config.eosTokenId, int64_t(1));
        QCOMPARE(config.decoderStartTokenId, int64_t(0));
    }

    void feedForwardProjDerivesActivation_data()
    {
        QTest::addColumn<QString>("proj");
        QTest::addColumn<QString>("activation");
        QTest::addColumn<bool>("gated");
        QTest::newRow("relu") << QStringLiteral("relu") << QStringLiteral("relu") << false;
        QTest::newRow("gelu") << QStringLiteral("gelu") << QStringLiteral("gelu") << false;
        QTest::newRow("gated-gelu is gelu_new") << QStringLiteral("gated-gelu") << QStringLiteral("gelu_new") << true;
        QTest::newRow("gated-relu") << QStringLiteral("gated-relu") << QStringLiteral("relu") << true;
        QTest::newRow("gated-silu") << QStringLiteral("gated-silu") << QStringLiteral("silu") << true;
    }
    void feedForwardProjDerivesActivation()
    {
        QFETCH(QString, proj);
        QFETCH(QString, activation);
        QFETCH(bool, gated);
        const T5Config config =
            T5Config::fromJsonText(configWith("feed_forward_proj", "\"" + proj.toStdString() + "\""), "test");
        QCOMPARE(QString::fromStdString(config.denseActFn), activation);
        QCOMPARE(config.isGatedAct, gated);
    }

    void absentOrNullDecoderLayersFollowEncoder_data()
    {
        QTest::addColumn<QString>("json");
        QTest::newRow("null") << QString::fromStdString(configWith("num_decoder_layers", "null"));
        QTest::newRow("absent") << QString::fromStdString(configWith("use_cache", "true"));
    }
    void absentOrNullDecoderLayersFollowEncoder()
    {
        QFETCH(QString, json);
        QCOMPARE(T5Config::fromJsonText(json.toStdString(), "test").numDecoderLayers, int64_t(2));
    }

    void keysHuggingFaceWritesAreAccepted()
    {
        const std::string json = configWith(
            "task_specific_params",
            R"({"summarization": {"prefix": "summarize: "}}, "n_positions": 512,
               "architectures": ["T5ForConditionalGeneration"], "torch_dtype": "float32",
               "transformers_version": "4.36.2", "output_past": true, "_name_or_path": "t5-small")");
        const T5Config config = T5Config::fromJsonText(json, "test");
        QCOMPARE(config.extraJson.count("task_specific_params"), size_t(1));
        QCOMPARE(config.extraJson.at("n_positions"), std::string("512"));
    }

    void wrongTypeNamesFileAndKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("d_model string") << QStringLiteral("d_model") << QStringLiteral("\"512\"");
        QTest::newRow("num_heads float") << QStringLiteral("num_heads") << QStringLiteral("8.5");
        QTest::newRow("dropout_rate string") << QStringLiteral("dropout_rate") << QStringLiteral("\"0.1\"");
        QTest::newRow("tie_word_embeddings int") << QStringLiteral("tie_word_embeddings") << QStringLiteral("1");
        QTest::newRow("feed_forward_proj number") << QStringLiteral("feed_forward_proj") << QStringLiteral("3");
        QTest::newRow("vocab_size array") << QStringLiteral("vocab_size") << QStringLiteral("[1]");
        QTest::newRow("num_decoder_layers bool") << QStringLiteral("num_decoder_layers") << QStringLiteral("true");
    }
    void wrongTypeNamesFileAndKey()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        const std::string message = errorOf([&] {
            T5Config::fromJsonText(configWith(key.toStdString(), value.toStdString()), "my/config.json");
        });
        QVERIFY2(contains(message, QStringLiteral("my/config.json")), message.c_str());
        QVERIFY2(contains(message, QLatin1Char('"') + key + QLatin1Char('"')), message.c_str());
    }

    void impossibleValueNamesKey_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("d_model 0") << QStringLiteral("d_model") << QStringLiteral("0");
        QTest::newRow("d_kv negative") << QStringLiteral("d_kv") << QStringLiteral("-4");
        QTest::newRow("num_heads 0") << QStringLiteral("num_heads") << QStringLiteral("0");
        QTest::newRow("num_layers 0") << QStringLiteral("num_layers") << QStringLiteral("0");
        QTest::newRow("vocab_size 0") << QStringLiteral("vocab_size") << QStringLiteral("0");
        QTest::newRow("dropout 1") << QStringLiteral("dropout_rate") << QStringLiteral("1.0");
        QTest::newRow("epsilon 0") << QStringLiteral("layer_norm_epsilon") << QStringLiteral("0");
        QTest::newRow("buckets 2") << QStringLiteral("relative_attention_num_buckets") << QStringLiteral("2");
        QTest::newRow("eos outside vocab") << QStringLiteral("eos_token_id") << QStringLiteral("100");
        QTest::newRow("unknown activation") << QStringLiteral("dense_act_fn") << QStringLiteral("\"tanh\"");
        QTest::newRow("malformed feed_forward_proj") << QStringLiteral("feed_forward_proj")
                                                     << QStringLiteral("\"gated-gelu-x\"");
        QTest::newRow("model_type bert") << QStringLiteral("model_type") << QStringLiteral("\"bert\"");
    }
    void impossibleValueNamesKey()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        std::string json = configWith(key.toStdString(), value.toStdString());
        if (key == QStringLiteral("model_type")) // configWith already has one; replace it
            json.replace(json.find("\"model_type\": \"t5\","), 19, "");
        const std::string message = errorOf([&] { T5Config::fromJsonText(json, "cfg.json"); });
        QVERIFY2(!message.empty(), "accepted an impossible value");
        QVERIFY2(contains(message, QStringLiteral("cfg.json")), message.c_str());
        QVERIFY2(contains(message, key), message.c_str());
    }

    void malformedFilesAreReported()
    {
        QTemporaryDir dir;
        const std::string missing = dir.filePath(QStringLiteral("absent.json")).toStdString();
        QVERIFY(contains(errorOf([&] { T5Config::fromJsonFile(missing); }), QString::fromStdString(missing)));
        const std::string broken = dir.filePath(QStringLiteral("broken.json")).toStdString();
        std::ofstream(broken) << "{\"d_model\": 5";
        QVERIFY(contains(errorOf([&] { T5Config::fromJsonFile(broken); }), QStringLiteral("not valid JSON")));
        QVERIFY(contains(errorOf([&] { T5Config::fromJsonText("[1, 2]", "list.json"); }),
                         QStringLiteral("expected a JSON object")));
    }

    void presetsHavePublishedDimensions_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("dModel");
        QTest::addColumn<qint64>("dKv");
        QTest::addColumn<qint64>("dFf");
        QTest::addColumn<qint64>("layers");
        QTest::addColumn<qint64>("heads");
        QTest::addColumn<bool>("gated");
        QTest::newRow("t5-small") << QStringLiteral("t5-small") << qint64(512) << qint64(64) << qint64(2048) << qint64(6) << qint64(8) << false;
        QTest::newRow("t5-base") << QStringLiteral("t5-base") << qint64(768) << qint64(64) << qint64(3072) << qint64(12) << qint64(12) << false;
        QTest::newRow("t5-large") << QStringLiteral("t5-large") << qint64(1024) << qint64(64) << qint64(4096) << qint64(24) << qint64(16) << false;
        QTest::newRow("t5-3b") << QStringLiteral("t5-3b") << qint64(1024) << qint64(128) << qint64(16384) << qint64(24) << qint64(32) << false;
        QTest::newRow("t5-v1_1-small") << QStringLiteral("t5-v1_1-small") << qint64(512) << qint64(64) << qint64(1024) << qint64(8) << qint64(6) << true;
        QTest::newRow("t5-v1_1-base") << QStringLiteral("t5-v1_1-base") << qint64(768) << qint64(64) << qint64(2048) << qint64(12) << qint64(12) << true;
        QTest::newRow("t5-v1_1-large") << QStringLiteral("t5-v1_1-large") << qint64(1024) << qint64(64) << qint64(2816) << qint64(24) << qint64(16) << true;
    }
    void presetsHavePublishedDimensions()
    {
        QFETCH(QString, name);
        QFETCH(qint64, dModel);
        QFETCH(qint64, dKv);
        QFETCH(qint64, dFf);
        QFETCH(qint64, layers);
        QFETCH(qint64, heads);
        QFETCH(bool, gated);
        const T5Config config = T5Config::preset(name.toStdString());
        QCOMPARE(config.vocabSize, int64_t(32128));
        QCOMPARE(config.dModel, int64_t(dModel));
        QCOMPARE(config.dKv, int64_t(dKv));
        QCOMPARE(config.dFf, int64_t(dFf));
        QCOMPARE(config.numLayers, int64_t(layers));
        QCOMPARE(config.numDecoderLayers, int64_t(layers));
        QCOMPARE(config.numHeads, int64_t(heads));
        QCOMPARE(config.isGatedAct, gated);
        QCOMPARE(config.tieWordEmbeddings, !gated); // v1.1 unties the LM head
        QCOMPARE(QString::fromStdString(config.denseActFn), gated ? QStringLiteral("gelu_new") : QStringLiteral("relu"));
    }

    void everyPresetIsValidAndListed()
    {
        const auto names = T5Config::presetNames();
        QVERIFY(names.size() >= 9);
        for (const auto &name : names)
            T5Config::preset(name).validate(name); // throws if not
    }

    void unknownPresetListsTheNames()
    {
        const std::string message = errorOf([] { T5Config::preset("t5-huge"); });
        QVERIFY2(contains(message, QStringLiteral("t5-huge")), message.c_str());
        for (const auto &name : T5Config::presetNames())
            QVERIFY2(contains(message, QString::fromStdString(name)), message.c_str());
    }

    void toJsonRoundTrips_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("golden t5v1_tiny") << QStringLiteral("t5v1_tiny");
        QTest::newRow("golden t5v11_tiny") << QStringLiteral("t5v11_tiny");
        for (const auto &name : T5Config::presetNames())
            QTest::newRow(name.c_str()) << QString::fromStdString("preset:" + name);
    }
    void toJsonRoundTrips()
    {
        QFETCH(QString, source);
        const T5Config original = source.startsWith(QStringLiteral("preset:"))
                                      ? T5Config::preset(source.mid(7).toStdString())
                                      : T5Config::fromJsonFile(goldenConfigPath(source));
        const std::string json = original.toJson();
        const T5Config again = T5Config::fromJsonText(json, "round trip");
        QVERIFY2(again == original, json.c_str());
        QCOMPARE(again.toJson(), json);
        QVERIFY(contains(json, QStringLiteral("\"model_type\": \"t5\"")));
    }
};

QTEST_APPLESS_MAIN(TestT5Config)
#include "test_t5_config.moc"
