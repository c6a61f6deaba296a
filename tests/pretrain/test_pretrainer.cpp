// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder pretrain`'s engine end to end on the WordNet fixture: a HuggingFace folder our loader
// reads, and a resumed run that ends exactly where an uninterrupted one does.
#include "io/Safetensors.h"
#include "model/T5Checkpoint.h"
#include "model/T5Init.h"
#include "pretrain/Pretrainer.h"
#include "tokenizer/SentencePieceTokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace ladder;
namespace fs = std::filesystem;

namespace {

PretrainConfig fixtureConfig(const std::string &outputDir)
{
    PretrainConfig config;
    config.name = "fixture";
    config.outputDir = outputDir;
    config.corpus.kind = "wordnet";
    config.corpus.wordnetDir = std::string(LADDER_TEST_DATA_DIR) + "/wordnet";
    config.corpus.validationShare = 0.05;
    config.model.preset.clear();
    config.model.dModel = 16;
    config.model.dFf = 32;
    config.model.numLayers = 1;
    config.model.numHeads = 2;
    config.vocab.size = 300;
    config.vocab.modelType = "bpe"; // unigram needs more text than the fixture holds
    config.train.sequenceLength = 16;
    config.train.batchSize = 4;
    config.train.steps = 6;
    config.train.warmupSteps = 2;
    config.train.learningRate = 1e-2;
    config.train.checkpointEvery = 3;
    config.train.evalEvery = 3;
    config.train.threads = 1;
    config.validate();
    return config;
}

/// Stops the run after a given step (as Ctrl-C would).
class StopAfter : public PretrainObserver
{
public:
    StopAfter(RunControl &control, int64_t step) : m_control(control), m_step(step) {}
    void stepFinished(const PretrainStep &step) override
    {
        if (step.step == m_step)
            m_control.requestStop();
    }

private:
    RunControl &m_control;
    int64_t m_step;
};

std::string readText(const fs::path &path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

class TestPretrainer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesAFolderOurLoaderReads()
    {
        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("backbone")).toStdString();
        PretrainObserver quiet;
        RunControl control;
        const PretrainResult result = runPretraining(fixtureConfig(out), quiet, control);
        QVERIFY2(result.status == TrainerStatus::Finished, result.message.c_str());
        QCOMPARE(result.steps, int64_t(6));
        QCOMPARE(result.losses.size(), std::size_t(6));
        QCOMPARE(result.validationLosses.size(), std::size_t(2)); // steps 3 and 6
        for (const char *file : {"config.json", "model.safetensors", "spiece.model", "pretrain.json", "LICENSE"})
            QVERIFY2(fs::is_regular_file(fs::path(out) / file), file);
        QVERIFY(!fs::exists(fs::path(out) / "work")); // removed once finished

        const LoadedT5 loaded = loadT5(out);
        const SentencePieceTokenizer tokenizer = SentencePieceTokenizer::load(out + "/spiece.model");
        QCOMPARE(loaded.config.vocabSize, tokenizer.vocabSize());
        QCOMPARE(loaded.config.dModel, int64_t(16));
        QCOMPARE(loaded.config.dKv, int64_t(8)); // d_model / heads
        QCOMPARE(loaded.config.numDecoderLayers, int64_t(1));
        int64_t parameters = 0;
        for (const auto &p : loaded.model->parameters())
            parameters += p.numel();
        QCOMPARE(parameters, result.parameters);
        // HuggingFace's key names; the tied head is not stored.
        const SafetensorsContents weights = readSafetensors(out + "/model.safetensors");
        QVERIFY(weights.find("shared.weight") != nullptr);
        QVERIFY(weights.find("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight") != nullptr);
        QVERIFY(weights.find("decoder.block.0.layer.1.EncDecAttention.q.weight") != nullptr);
        QVERIFY(weights.find("lm_head.weight") == nullptr);
        // config.json as HF's T5Config writes it.
        const std::string config = readText(fs::path(out) / "config.json");
        for (const char *key : {"\"model_type\": \"t5\"", "\"d_ff\": 32", "\"feed_forward_proj\": \"relu\"",
                 "\"tie_word_embeddings\": true", "\"decoder_start_token_id\": 0"})
            QVERIFY2(config.find(key) != std::string::npos, key);
        // The model learned something: the loss fell from the first step.
        QVERIFY(result.losses.back() < result.losses.front());
        QVERIFY(readText(fs::path(out) / "pretrain.json").find("\"loss_curve\"") != std::string::npos);
        const std::string readme = pretrainReadme(fixtureConfig(out), result, "ladder pretrain x.json");
        QVERIFY(readme.find("ladder pretrain x.json") != std::string::npos);
        QVERIFY(readme.find("Princeton") != std::string::npos);
    }

    void resumingEndsWhereAnUninterruptedRunEnds_data()
    {
        QTest::addColumn<QString>("optimizer");
        QTest::newRow("adamw") << QStringLiteral("adamw");
        QTest::newRow("adamw_scaled") << QStringLiteral("adamw_scaled"); // one parameter group per tensor
    }

    void resumingEndsWhereAnUninterruptedRunEnds()
    {
        QFETCH(QString, optimizer);
        const auto config = [&optimizer](const std::string &out) {
            PretrainConfig c = fixtureConfig(out);
            c.train.optimizer = optimizer.toStdString();
            return c;
        };
        QTemporaryDir dir;
        const std::string straight = dir.filePath(QStringLiteral("straight")).toStdString();
        const std::string interrupted = dir.filePath(QStringLiteral("interrupted")).toStdString();
        PretrainObserver quiet;
        RunControl control;
        const PretrainResult whole = runPretraining(config(straight), quiet, control);
        QVERIFY2(whole.status == TrainerStatus::Finished, whole.message.c_str());

        RunControl stopper;
        StopAfter stopAt4(stopper, 4);
        const PretrainResult first = runPretraining(config(interrupted), stopAt4, stopper);
        QCOMPARE(int(first.status), int(TrainerStatus::Stopped));
        QCOMPARE(first.steps, int64_t(4));
        const std::string checkpoint = interrupted + "/work/checkpoint-3";
        QCOMPARE(first.lastCheckpoint, checkpoint);
        RunControl fresh;
        const PretrainResult resumed = runPretraining(config(interrupted), quiet, fresh, checkpoint);
        QVERIFY2(resumed.status == TrainerStatus::Finished, resumed.message.c_str());
        QCOMPARE(resumed.preparation.startStep, int64_t(3));
        QCOMPARE(resumed.losses.size(), std::size_t(6));
        for (std::size_t i = 0; i < 6; ++i)
            QCOMPARE(resumed.losses[i], whole.losses[i]);
        const SafetensorsContents a = readSafetensors(straight + "/model.safetensors");
        const SafetensorsContents b = readSafetensors(interrupted + "/model.safetensors");
        QVERIFY(torch::equal(a.at("shared.weight"), b.at("shared.weight")));
        QVERIFY(torch::equal(a.at("decoder.block.0.layer.2.DenseReluDense.wo.weight"),
            b.at("decoder.block.0.layer.2.DenseReluDense.wo.weight")));
    }

    void zeroStepsWritesTheRandomBaseline()
    {
        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("random")).toStdString();
        PretrainConfig config = fixtureConfig(out);
        config.train.steps = 0;
        PretrainObserver quiet;
        RunControl control;
        const PretrainResult result = runPretraining(config, quiet, control);
        QVERIFY2(result.status == TrainerStatus::Finished, result.message.c_str());
        QCOMPARE(result.steps, int64_t(0));
        QCOMPARE(result.validationLosses.size(), std::size_t(1));
        QCOMPARE(result.validationLosses.front().first, int64_t(0));
        // HuggingFace's initialisation for the seed: the same weights a fresh model has.
        LoadedT5 loaded = loadT5(out);
        T5ForConditionalGeneration fresh = createRandomT5(loaded.config, config.train.seed);
        QVERIFY(torch::equal(loaded.model->shared->weight, fresh->shared->weight));
        QVERIFY(pretrainReadme(config, result, "cmd").find("Not pretrained") != std::string::npos);
    }

    void scaledStepsAreRelativeToEachTensor()
    {
        // Adam's first step moves every element by the rate (m/sqrt(v) = ±1); adamw_scaled
        // multiplies that by the tensor's RMS, so T5's small q projection moves as little,
        // relative to its size, as the unit-scale embedding.
        QTemporaryDir dir;
        PretrainConfig config = fixtureConfig(dir.filePath(QStringLiteral("before")).toStdString());
        config.train.steps = 0;
        PretrainObserver quiet;
        RunControl control;
        QVERIFY(runPretraining(config, quiet, control).status == TrainerStatus::Finished);
        const std::string after = dir.filePath(QStringLiteral("after")).toStdString();
        config.outputDir = after;
        config.train.steps = 1;
        config.train.warmupSteps = 0;
        config.train.optimizer = "adamw_scaled";
        QVERIFY(runPretraining(config, quiet, control).status == TrainerStatus::Finished);

        const SafetensorsContents a = readSafetensors(dir.filePath(QStringLiteral("before/model.safetensors")).toStdString());
        const SafetensorsContents b = readSafetensors(after + "/model.safetensors");
        for (const char *key : {"shared.weight", "encoder.block.0.layer.0.SelfAttention.q.weight",
                 "decoder.block.0.layer.2.DenseReluDense.wo.weight"}) {
            const torch::Tensor before = a.at(key);
            const double rms = before.pow(2).mean().sqrt().item<double>();
            const double largestStep = (b.at(key) - before).abs().max().item<double>();
            const double relative = largestStep / (config.train.learningRate * rms);
            QVERIFY2(relative > 0.99 && relative < 1.001, (std::string(key) + ": " + std::to_string(relative)).c_str());
        }
    }

    void badCorpusIsAFailureWithAMessage()
    {
        QTemporaryDir dir;
        PretrainConfig config = fixtureConfig(dir.filePath(QStringLiteral("out")).toStdString());
        config.corpus.wordnetDir = dir.filePath(QStringLiteral("nowhere")).toStdString();
        PretrainObserver quiet;
        RunControl control;
        const PretrainResult result = runPretraining(config, quiet, control);
        QCOMPARE(int(result.status), int(TrainerStatus::Failed));
        QVERIFY2(result.message.find("data.noun") != std::string::npos, result.message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestPretrainer)
#include "test_pretrainer.moc"
