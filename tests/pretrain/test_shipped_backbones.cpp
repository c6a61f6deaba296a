// SPDX-License-Identifier: GPL-3.0-or-later
// The teaching backbones shipped in resources/backbones: found by name, loadable, and pinned —
// parameter count, tokenizer output and a forward pass — so a changed file or loader shows.
#include "model/T5Checkpoint.h"
#include "backbones/ShippedBackbones.h"
#include "tokenizer/SentencePieceTokenizer.h"
#include "train/RunConfig.h"
#include "util/Error.h"

#include <QtTest>

#include <filesystem>

using namespace ladder;

namespace {

struct Pinned
{
    const char *name;
    int64_t dModel;
    int64_t parameters;
    std::vector<int64_t> ids;     ///< kText encoded (eos included)
    std::vector<float> logits;    ///< logits[0, 0, 0..4] for kText and decoder input [pad]
    double loss;                  ///< loss of kText → kTarget
};

const char *const kText = "dog, domestic dog: a member of the genus <extra_id_0> that has been domesticated by man";
const char *const kTarget = "<extra_id_0> Canis <extra_id_1>";

torch::Tensor row(const std::vector<int64_t> &ids)
{
    return torch::tensor(ids, torch::kInt64).unsqueeze(0);
}

} // namespace

class TestShippedBackbones : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backbonesArePinned_data()
    {
        QTest::addColumn<int>("index");
        QTest::newRow("wordnet-t5-tiny") << 0;
        QTest::newRow("wordnet-t5-mini") << 1;
    }

    void backbonesArePinned()
    {
        QFETCH(int, index);
        static const std::vector<Pinned> pinned = {
            {"wordnet-t5-tiny", 64, 754688, {633, 5, 1643, 633, 3, 6, 339, 8, 7, 42, 8191, 21, 150, 433, 1643, 269, 28, 215, 1},
                {3.53391862f, -7.65132999f, -2.80437779f, 3.51749706f, 1.58272362f}, 4.38287878},
            {"wordnet-t5-mini", 128, 1967872, {633, 5, 1643, 633, 3, 6, 339, 8, 7, 42, 8191, 21, 150, 433, 1643, 269, 28, 215, 1},
                {4.62516594f, -2.35178137f, -3.16868234f, -0.519679606f, -1.52259266f}, 4.74392509},
        };
        const Pinned &p = pinned.at(static_cast<std::size_t>(index));
        const std::string folder = findShippedBackbone(p.name);
        QVERIFY2(!folder.empty(), p.name);
        QVERIFY(std::filesystem::file_size(folder + "/model.safetensors") < 25u * 1024 * 1024);
        for (const char *file : {"config.json", "spiece.model", "pretrain.json", "README.md", "LICENSE"})
            QVERIFY2(std::filesystem::is_regular_file(folder + "/" + file), file);

        LoadedT5 loaded = loadT5(folder);
        QCOMPARE(loaded.config.dModel, p.dModel);
        int64_t parameters = 0;
        for (const auto &parameter : loaded.model->parameters())
            parameters += parameter.numel();
        QCOMPARE(parameters, p.parameters);

        const SentencePieceTokenizer tokenizer = SentencePieceTokenizer::load(folder + "/spiece.model");
        QCOMPARE(tokenizer.vocabSize(), loaded.config.vocabSize);
        const std::vector<int64_t> ids = tokenizer.encode(kText);
        const std::vector<int64_t> target = tokenizer.encode(kTarget);

        torch::NoGradGuard noGrad;
        loaded.model->eval();
        T5Inputs inputs;
        inputs.inputIds = row(ids);
        inputs.decoderInputIds = torch::zeros({1, 1}, torch::kInt64);
        const torch::Tensor logits = loaded.model->forward(inputs).logits;
        T5Inputs withLabels;
        withLabels.inputIds = row(ids);
        withLabels.labels = row(target);
        const double loss = loaded.model->forward(withLabels).loss.item<double>();

        QString printed = QStringLiteral("ids");
        for (int64_t id : ids)
            printed += QStringLiteral(" %1").arg(id);
        printed += QStringLiteral("\nlogits");
        for (int i = 0; i < 5; ++i)
            printed += QStringLiteral(" %1").arg(double(logits[0][0][i].item<float>()), 0, 'g', 9);
        printed += QStringLiteral("\nloss %1").arg(loss, 0, 'g', 9);

        QCOMPARE(ids, p.ids);
        QCOMPARE(p.logits.size(), std::size_t(5));
        for (std::size_t i = 0; i < p.logits.size(); ++i)
            QVERIFY2(std::abs(logits[0][0][static_cast<int64_t>(i)].item<float>() - p.logits[i]) < 1e-3f * (1.0f + std::abs(p.logits[i])),
                qPrintable(printed));
        QVERIFY2(std::abs(loss - p.loss) < 1e-4 * (1.0 + p.loss), qPrintable(printed));
    }

    void runConfigsNameThem()
    {
        const RunConfig config = RunConfig::fromJson(R"({"backbone": {"preset": "wordnet-t5-tiny"}})", "run.json");
        QCOMPARE(resolveBackbonePath(config.backbone), findShippedBackbone("wordnet-t5-tiny"));
        const RunConfig random = RunConfig::fromJson(R"({"backbone": {"preset": "t5-tiny"}})", "run.json");
        QVERIFY(resolveBackbonePath(random.backbone).empty()); // a shape: random weights
        try {
            RunConfig::fromJson(R"({"backbone": {"preset": "wordnet-t5-huge"}})", "run.json");
            QFAIL("no error");
        } catch (const Error &e) {
            const std::string message = e.what();
            QVERIFY2(message.find("run.json: backbone.preset: \"wordnet-t5-huge\"") != std::string::npos, e.what());
            QVERIFY2(message.find("wordnet-t5-tiny") != std::string::npos, e.what()); // lists what exists
        }
        QVERIFY(findShippedBackbone("../backbones/wordnet-t5-tiny").empty()); // names, never paths
        const std::vector<std::string> names = shippedBackboneNames();
        QVERIFY(std::find(names.begin(), names.end(), "wordnet-t5-tiny") != names.end());
    }

    void environmentReplacesTheSearch()
    {
        qputenv(shippedBackbonesEnvVar, QByteArray("/nonexistent-ladder-backbones"));
        QCOMPARE(shippedBackboneSearchDirs(), std::vector<std::string>{"/nonexistent-ladder-backbones"});
        QVERIFY(findShippedBackbone("wordnet-t5-tiny").empty());
        qunsetenv(shippedBackbonesEnvVar);
        QVERIFY(!findShippedBackbone("wordnet-t5-tiny").empty());
    }
};

QTEST_GUILESS_MAIN(TestShippedBackbones)
#include "test_shipped_backbones.moc"
