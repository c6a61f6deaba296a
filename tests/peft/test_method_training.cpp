// SPDX-License-Identifier: GPL-3.0-or-later
// Training through a method: parameter-efficient methods leave every backbone weight
// bit-identical and gradient-free while their own parameters learn; the trained part saves
// and loads on its own.
#include "io/Safetensors.h"
#include "model/T5Checkpoint.h"
#include "peft/FineTuningModel.h"
#include "util/Error.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace ladder;

namespace {

std::string goldenDir(const QString &name)
{
    return std::string(LADDER_TEST_DATA_DIR) + "/golden/t5/" + name.toStdString();
}

SafetensorsContents goldenCases(const QString &name)
{
    return readSafetensors(goldenDir(name) + "/cases.safetensors");
}

MethodConfig method(const QString &json)
{
    return MethodConfig::fromJson(json.toStdString(), "test");
}

T5Inputs goldenBatch(const SafetensorsContents &cases)
{
    T5Inputs inputs;
    inputs.inputIds = cases.at("input_ids");
    inputs.attentionMask = cases.at("attention_mask");
    inputs.labels = cases.at("labels");
    return inputs;
}

std::map<std::string, torch::Tensor> snapshot(torch::nn::Module &module)
{
    std::map<std::string, torch::Tensor> values;
    for (const auto &item : module.named_parameters())
        values.emplace(item.key(), item.value().detach().clone());
    return values;
}

void addRows(std::initializer_list<std::pair<const char *, const char *>> methods)
{
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("methodJson");
    for (const char *config : { "t5v1_tiny", "t5v11_tiny" })
        for (const auto &entry : methods)
            QTest::newRow((std::string(config) + " " + entry.first).c_str())
                << QString::fromLatin1(config) << QString::fromLatin1(entry.second);
}

void addEfficientRows()
{
    addRows({ { "bitfit", R"({"kind":"bitfit"})" }, { "adapter", R"({"kind":"adapter","reduction":8})" },
        { "adapter no norms", R"({"kind":"adapter","reduction":8,"train_layer_norms":false})" },
        { "lora", R"({"kind":"lora","rank":4})" },
        { "lora every target", R"({"kind":"lora","rank":2,"targets":["q","k","v","o","wi","wo"]})" },
        { "lora no biases", R"({"kind":"lora","rank":4,"train_biases":false})" },
        { "prompt", R"({"kind":"prompt","length":4})" } });
}

/// What each method trains, by parameter name.
bool expectedTrainable(const MethodConfig &chosen, const std::string &name)
{
    auto has = [&](const char *part) { return name.find(part) != std::string::npos; };
    auto endsWithBias = [&] { return name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0; };
    switch (chosen.kind) {
    case MethodKind::Full:
        return true;
    case MethodKind::BitFit:
        return endsWithBias();
    case MethodKind::Adapter:
        return has(".adapter.") || (chosen.adapter.trainLayerNorms && has("layer_norm."));
    case MethodKind::Lora:
        return has(".lora_") || (chosen.lora.trainBiases && endsWithBias());
    case MethodKind::Prompt:
        return name == "prompt_embeddings";
    case MethodKind::Lst:
        return false;
    }
    return false;
}

} // namespace

class TestMethodTraining : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactlyTheMethodsPartsTrain_data()
    {
        addEfficientRows();
        addRows({ { "full", R"({"kind":"full"})" } });
    }
    void exactlyTheMethodsPartsTrain()
    {
        QFETCH(QString, config);
        QFETCH(QString, methodJson);
        const MethodConfig chosen = method(methodJson);
        auto model = applyMethod(loadT5(goldenDir(config)).model, chosen);
        std::set<std::string> trainedNames;
        for (const NamedTensor &trained : model->trainedState())
            trainedNames.insert(trained.name);
        int trainable = 0;
        for (const auto &item : model->module().named_parameters()) {
            const bool expected = expectedTrainable(chosen, item.key());
            QVERIFY2(item.value().requires_grad() == expected, item.key().c_str());
            QVERIFY2(trainedNames.count(item.key()) == (expected ? 1u : 0u), item.key().c_str());
            trainable += expected ? 1 : 0;
        }
        QVERIFY(trainable > 0);
        QCOMPARE(model->trainableParameters().size(), size_t(trainable));
        QCOMPARE(model->method().kind, chosen.kind);
    }

    void optimizerStepsLeaveTheBackboneUntouched_data() { addEfficientRows(); }
    void optimizerStepsLeaveTheBackboneUntouched()
    {
        QFETCH(QString, config);
        QFETCH(QString, methodJson);
        const SafetensorsContents cases = goldenCases(config);
        const MethodConfig chosen = method(methodJson);
        LoadedT5 loaded = loadT5(goldenDir(config));
        // The frozen backbone: every original weight the method does not train (the paper's
        // adapters train the layer norms, which are checked with the trained part).
        std::map<std::string, torch::Tensor> backboneBefore = snapshot(*loaded.model);
        for (auto it = backboneBefore.begin(); it != backboneBefore.end();)
            it = expectedTrainable(chosen, it->first) ? backboneBefore.erase(it) : std::next(it);
        QVERIFY(backboneBefore.size() > 20);
        auto model = applyMethod(loaded.model, chosen);
        model->module().train();
        std::map<std::string, torch::Tensor> trainedBefore;
        for (const NamedTensor &trained : model->trainedState())
            trainedBefore.emplace(trained.name, trained.tensor.clone());
        std::map<std::string, bool> sawGradient;

        torch::manual_seed(5);
        torch::optim::AdamW optimizer(model->trainableParameters(), torch::optim::AdamWOptions(1e-2));
        for (int step = 0; step < 3; ++step) {
            optimizer.zero_grad();
            const T5Output output = model->forward(goldenBatch(cases));
            QVERIFY(output.loss.defined());
            output.loss.backward();
            for (const auto &item : model->module().named_parameters()) {
                const torch::Tensor &grad = item.value().grad();
                if (backboneBefore.count(item.key()))
                    QVERIFY2(!grad.defined(), ("backbone gradient on " + item.key()).c_str());
                else if (grad.defined() && grad.abs().sum().item<double>() > 0.0)
                    sawGradient[item.key()] = true;
            }
            optimizer.step();
        }

        const auto after = model->module().named_parameters();
        for (const auto &entry : backboneBefore) {
            const torch::Tensor *now = after.find(entry.first);
            QVERIFY2(now, entry.first.c_str());
            QVERIFY2(torch::equal(*now, entry.second), ("backbone weight changed: " + entry.first).c_str());
        }
        int changed = 0;
        for (const auto &entry : trainedBefore) {
            const bool differs = !torch::equal(*after.find(entry.first), entry.second);
            // Whatever received a gradient moved (a zero-gradient bias, e.g. k's, may not).
            if (sawGradient[entry.first])
                QVERIFY2(differs, ("trained parameter did not change: " + entry.first).c_str());
            changed += differs ? 1 : 0;
        }
        QVERIFY(changed > 0);
    }

    void fullFineTuningChangesTheBackbone()
    {
        const SafetensorsContents cases = goldenCases(QStringLiteral("t5v1_tiny"));
        LoadedT5 loaded = loadT5(goldenDir(QStringLiteral("t5v1_tiny")));
        const auto before = snapshot(*loaded.model);
        auto model = applyMethod(loaded.model, method(QStringLiteral(R"({"kind":"full"})")));
        torch::optim::AdamW optimizer(model->trainableParameters(), torch::optim::AdamWOptions(1e-3));
        model->forward(goldenBatch(cases)).loss.backward();
        optimizer.step();
        QVERIFY(!torch::equal(model->module().named_parameters()["shared.weight"], before.at("shared.weight")));
    }

    void trainedStateRoundTrips_data()
    {
        addEfficientRows();
        addRows({ { "full", R"({"kind":"full"})" } });
    }
    void trainedStateRoundTrips()
    {
        QFETCH(QString, config);
        QFETCH(QString, methodJson);
        const SafetensorsContents cases = goldenCases(config);
        auto trainedModel = applyMethod(loadT5(goldenDir(config)).model, method(methodJson));
        torch::manual_seed(11);
        {
            torch::NoGradGuard noGrad;
            for (const NamedTensor &trained : trainedModel->trainedState())
                trained.tensor.add_(torch::randn_like(trained.tensor) * 0.05);
        }
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("trained.safetensors")).toStdString();
        writeSafetensors(path, trainedModel->trainedState());

        auto restored = applyMethod(loadT5(goldenDir(config)).model, method(methodJson));
        restored->loadTrainedState(readSafetensors(path));
        trainedModel->module().eval();
        restored->module().eval();
        torch::NoGradGuard noGrad;
        const torch::Tensor expected = trainedModel->forward(goldenBatch(cases)).logits;
        QVERIFY(!torch::equal(expected, cases.at("logits")));
        QVERIFY(torch::equal(restored->forward(goldenBatch(cases)).logits, expected));
    }

    void loadingAnotherMethodsStateFails_data()
    {
        QTest::addColumn<QString>("savedJson");
        QTest::addColumn<QString>("loadingJson");
        QTest::addColumn<QString>("mustMention");
        QTest::newRow("bitfit into lora") << R"({"kind":"bitfit"})"
                                          << R"({"kind":"lora","rank":4})"
                                          << "lora_A";
        QTest::newRow("lora into bitfit") << R"({"kind":"lora","rank":4})"
                                          << R"({"kind":"bitfit"})"
                                          << "lora_A";
        QTest::newRow("other rank") << R"({"kind":"lora","rank":4})"
                                    << R"({"kind":"lora","rank":2})"
                                    << "shape";
        QTest::newRow("other prompt length") << R"({"kind":"prompt","length":4})"
                                             << R"({"kind":"prompt","length":5})"
                                             << "prompt_embeddings";
    }
    void loadingAnotherMethodsStateFails()
    {
        QFETCH(QString, savedJson);
        QFETCH(QString, loadingJson);
        QFETCH(QString, mustMention);
        const QString config = QStringLiteral("t5v1_tiny");
        auto saved = applyMethod(loadT5(goldenDir(config)).model, method(savedJson));
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("trained.safetensors")).toStdString();
        writeSafetensors(path, saved->trainedState());

        auto loading = applyMethod(loadT5(goldenDir(config)).model, method(loadingJson));
        const auto before = snapshot(loading->module());
        try {
            loading->loadTrainedState(readSafetensors(path));
            QFAIL("expected ladder::Error");
        } catch (const Error &error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.contains(QStringLiteral("trained.safetensors")), error.what());
            QVERIFY2(message.contains(mustMention), error.what());
        }
        // A refused file changes nothing.
        for (const auto &item : loading->module().named_parameters())
            QVERIFY2(torch::equal(item.value(), before.at(item.key())), item.key().c_str());
    }
};

QTEST_APPLESS_MAIN(TestMethodTraining)
#include "test_method_training.moc"
