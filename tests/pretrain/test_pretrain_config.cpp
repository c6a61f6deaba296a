// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder pretrain`'s configuration file: parsing, errors naming keys, overrides, round trips.
#include "pretrain/PretrainConfig.h"
#include "util/Error.h"

#include <QtTest>

using namespace ladder;

namespace {

std::string errorOf(const std::string &json)
{
    try {
        PretrainConfig::fromJson(json, "cfg.json");
    } catch (const Error &e) {
        return e.what();
    }
    return {};
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

class TestPretrainConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEverySection()
    {
        const PretrainConfig config = PretrainConfig::fromJson(R"({"name": "tiny", "output_dir": "/tmp/out",
            "corpus": {"kind": "files", "files": ["a.txt"], "validation_share": 0.02},
            "model": {"preset": "t5-mini", "dropout_rate": 0.0},
            "vocab": {"size": 4000, "model_type": "bpe"},
            "train": {"sequence_length": 128, "batch_size": 16, "steps": 10, "learning_rate": 0.001, "seed": 3}})",
            "cfg.json");
        QCOMPARE(config.name, std::string("tiny"));
        QCOMPARE(config.corpus.kind, std::string("files"));
        QCOMPARE(config.corpus.files, std::vector<std::string>{"a.txt"});
        QCOMPARE(config.model.preset, std::string("t5-mini"));
        QCOMPARE(config.model.dropoutRate, 0.0);
        QCOMPARE(config.vocab.size, int64_t(4000));
        QCOMPARE(config.train.sequenceLength, int64_t(128));
        QCOMPARE(config.train.seed, uint64_t(3));
        QCOMPARE(config.train.noiseDensity, 0.15); // default
        // Round trip.
        const PretrainConfig again = PretrainConfig::fromJson(config.toJson(), "again");
        QCOMPARE(again.toJson(), config.toJson());
    }

    void explicitSizesDropThePreset()
    {
        const PretrainConfig config = PretrainConfig::fromJson(
            R"({"output_dir": "o", "model": {"d_model": 32, "d_ff": 64, "num_layers": 1, "num_heads": 2}})", "c");
        QVERIFY(config.model.preset.empty());
        QCOMPARE(config.model.dModel, int64_t(32));
    }

    void errorsNameTheKey()
    {
        QVERIFY(contains(errorOf(R"({"output_dir": "o", "train": {"batch_size": "8"}})"), "cfg.json: train.batch_size: expected an integer >= 1, got \"8\""));
        QVERIFY(contains(errorOf(R"({"output_dir": "o", "train": {"batchsize": 8}})"), "train.batchsize: unknown key"));
        QVERIFY(contains(errorOf(R"({"output_dir": "o", "optimizer": {}})"), "optimizer: unknown key"));
        QVERIFY(contains(errorOf(R"({"train": {}})"), "output_dir"));
        QVERIFY(contains(errorOf(R"({"output_dir": "o", "corpus": {"kind": "web"}})"), "corpus.kind"));
        QVERIFY(contains(errorOf(R"({"output_dir": "o", "model": {"preset": ""}})"), "model: without a preset"));
        QVERIFY(contains(errorOf(R"({"output_dir": "o", "train": {"noise_density": 1.5}})"), "train.noise_density"));
        QVERIFY(contains(errorOf("{"), "cfg.json: not valid JSON"));
        QVERIFY(contains(errorOf(R"({"output_dir": "o", "train": {"optimizer": "sgd"}})"), "train.optimizer: expected \"adamw\" or \"adamw_scaled\""));
    }

    void overridesAreChecked()
    {
        PretrainConfig config = PretrainConfig::fromJson(R"({"output_dir": "o"})", "c");
        config.applyOverride("train.steps=77");
        config.applyOverride("model.preset=t5-mini");
        config.applyOverride("output_dir=/tmp/x");
        config.applyOverride("train.optimizer=adamw_scaled");
        QCOMPARE(config.train.optimizer, std::string("adamw_scaled"));
        QCOMPARE(config.train.steps, int64_t(77));
        QCOMPARE(config.model.preset, std::string("t5-mini"));
        QCOMPARE(config.outputDir, std::string("/tmp/x"));
        QVERIFY_THROWS_EXCEPTION(Error, config.applyOverride("train.stepz=1"));
        QVERIFY_THROWS_EXCEPTION(Error, config.applyOverride("train.steps=-1"));
        QVERIFY_THROWS_EXCEPTION(Error, config.applyOverride("no-equals"));
    }
};

QTEST_GUILESS_MAIN(TestPretrainConfig)
#include "test_pretrain_config.moc"
