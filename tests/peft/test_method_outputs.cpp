// SPDX-License-Identifier: GPL-3.0-or-later
// What the methods compute: freshly applied (zero adapter up-projections, zero LoRA B, zero
// BitFit biases) they are the backbone — the golden HuggingFace parity holds through them —;
// LoRA merges into the weights; prompt tuning shows the encoder N more positions.
#include "../model/GoldenT5.h"

#include "io/Safetensors.h"
#include "model/T5Checkpoint.h"
#include "peft/FineTuningModel.h"
#include "peft/Lora.h"
#include "peft/PromptTuning.h"

#include <QObject>
#include <QTest>

using namespace ladder;

namespace {

MethodConfig method(const QString &json)
{
    return MethodConfig::fromJson(json.toStdString(), "test");
}

T5Inputs goldenInputs(const SafetensorsContents &cases)
{
    T5Inputs inputs;
    inputs.inputIds = cases.at("input_ids");
    inputs.attentionMask = cases.at("attention_mask");
    inputs.decoderInputIds = cases.at("decoder_input_ids");
    inputs.labels = cases.at("labels");
    return inputs;
}

std::unique_ptr<FineTuningModel> goldenWithMethod(const QString &config, const QString &methodJson)
{
    auto model = applyMethod(loadT5(test::goldenDir(config)).model, method(methodJson));
    model->module().eval();
    return model;
}

void addRows(std::initializer_list<std::pair<const char *, const char *>> methods)
{
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("methodJson");
    for (const char *config : test::kGoldenConfigs)
        for (const auto &entry : methods)
            QTest::newRow((std::string(config) + " " + entry.first).c_str())
                << QString::fromLatin1(config) << QString::fromLatin1(entry.second);
}

/// Methods whose fresh state is the backbone's function.
void addIdentityRows()
{
    addRows({ { "full", R"({"kind":"full"})" }, { "bitfit", R"({"kind":"bitfit"})" },
        { "adapter", R"({"kind":"adapter","reduction":8})" }, { "lora", R"({"kind":"lora","rank":4})" },
        { "lora every target", R"({"kind":"lora","rank":4,"targets":["q","k","v","o","wi","wo"]})" } });
}

} // namespace

class TestMethodOutputs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshMethodKeepsGoldenParity_data() { addIdentityRows(); }
    void freshMethodKeepsGoldenParity()
    {
        QFETCH(QString, config);
        QFETCH(QString, methodJson);
        const SafetensorsContents cases = readSafetensors(test::goldenFile(config, "cases.safetensors"));
        LoadedT5 plain = loadT5(test::goldenDir(config));
        plain.model->eval();
        auto model = goldenWithMethod(config, methodJson);
        torch::NoGradGuard noGrad;
        const T5Output reference = plain.model->forward(goldenInputs(cases));
        const T5Output output = model->forward(goldenInputs(cases));
        LADDER_VERIFY_GOLDEN(output.logits, cases.at("logits"), "logits");
        LADDER_VERIFY_GOLDEN(output.loss, cases.at("loss"), "loss");
        // Zero additions change no bit of the backbone's own result.
        QVERIFY(torch::equal(output.logits, reference.logits));
        QVERIFY(torch::equal(output.loss, reference.loss));
    }

    void freshMethodGeneratesGoldenIds_data() { addIdentityRows(); }
    void freshMethodGeneratesGoldenIds()
    {
        QFETCH(QString, config);
        QFETCH(QString, methodJson);
        const SafetensorsContents cases = readSafetensors(test::goldenFile(config, "cases.safetensors"));
        auto model = goldenWithMethod(config, methodJson);
        const torch::Tensor generated = model->generate(cases.at("input_ids"), cases.at("attention_mask"), 8);
        QVERIFY(torch::equal(generated, cases.at("generated_ids")));
    }

    void bitFitBiasesShiftTheOutput_data()
    {
        QTest::addColumn<QString>("config");
        for (const char *config : test::kGoldenConfigs)
            QTest::newRow(config) << QString::fromLatin1(config);
    }
    void bitFitBiasesShiftTheOutput()
    {
        // The LM-head bias (tied: the logits bias) is really in the path, in forward and generate.
        QFETCH(QString, config);
        const SafetensorsContents cases = readSafetensors(test::goldenFile(config, "cases.safetensors"));
        auto model = goldenWithMethod(config, QStringLiteral(R"({"kind":"bitfit"})"));
        torch::Tensor headBias;
        for (const NamedTensor &trained : model->trainedState())
            if (trained.name == "lm_head.bias")
                headBias = trained.tensor;
        QVERIFY(headBias.defined());
        {
            torch::NoGradGuard noGrad;
            headBias.select(0, 7).fill_(1000.0);
        }
        torch::NoGradGuard noGrad;
        const T5Output output = model->forward(goldenInputs(cases));
        QVERIFY((output.logits.argmax(-1) == 7).all().item<bool>());
        const torch::Tensor generated = model->generate(cases.at("input_ids"), cases.at("attention_mask"), 3);
        QVERIFY((generated.slice(1, 1) == 7).all().item<bool>());
    }

    void loraMergeKeepsLogits_data()
    {
        addRows({ { "q v", R"({"kind":"lora","rank":4,"alpha":8})" },
            { "every target", R"({"kind":"lora","rank":2,"targets":["q","k","v","o","wi","wo"]})" } });
    }
    void loraMergeKeepsLogits()
    {
        QFETCH(QString, config);
        QFETCH(QString, methodJson);
        const SafetensorsContents cases = readSafetensors(test::goldenFile(config, "cases.safetensors"));
        auto model = goldenWithMethod(config, methodJson);
        torch::manual_seed(3);
        int64_t loraModules = 0;
        {
            torch::NoGradGuard noGrad;
            for (const auto &item : model->module().named_parameters())
                if (item.key().find("lora_B") != std::string::npos) {
                    item.value().normal_(0.0, 0.02); // a trained-looking, non-zero update
                    ++loraModules;
                }
        }
        torch::NoGradGuard noGrad;
        const torch::Tensor before = model->forward(goldenInputs(cases)).logits;
        // The update matters well beyond the tolerance the merge is held to.
        QVERIFY((before - cases.at("logits")).abs().max().item<double>() > 1e-2);
        QCOMPARE(mergeLora(model->module()), loraModules);
        QCOMPARE(mergeLora(model->module()), int64_t(0)); // merging twice does nothing
        const torch::Tensor after = model->forward(goldenInputs(cases)).logits;
        LADDER_VERIFY_GOLDEN(after, before, "merged logits");
        const torch::Tensor generated = model->generate(cases.at("input_ids"), cases.at("attention_mask"), 8);
        QCOMPARE(generated.size(0), int64_t(3));
    }

    void promptTuningShowsTheEncoderMorePositions_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<int>("length");
        for (const char *config : test::kGoldenConfigs) {
            QTest::newRow((std::string(config) + " 1").c_str()) << QString::fromLatin1(config) << 1;
            QTest::newRow((std::string(config) + " 10").c_str()) << QString::fromLatin1(config) << 10;
        }
    }
    void promptTuningShowsTheEncoderMorePositions()
    {
        QFETCH(QString, config);
        QFETCH(int, length);
        const SafetensorsContents cases = readSafetensors(test::goldenFile(config, "cases.safetensors"));
        auto model = goldenWithMethod(config, QStringLiteral(R"({"kind":"prompt","length":%1})").arg(length));
        auto *prompt = dynamic_cast<PromptTuningModel *>(model.get());
        QVERIFY(prompt);
        const T5Inputs inputs = goldenInputs(cases);
        const int64_t batch = inputs.inputIds.size(0);
        const int64_t sourceLength = inputs.inputIds.size(1);

        torch::NoGradGuard noGrad;
        const T5Inputs prepared = prompt->prepareInputs(inputs);
        QCOMPARE(prepared.inputsEmbeds.size(1), sourceLength + length);
        QVERIFY(torch::equal(prepared.inputsEmbeds.slice(1, 0, length),
            prompt->promptEmbeddings().unsqueeze(0).expand({ batch, length, -1 })));
        QVERIFY(torch::equal(prepared.attentionMask.slice(1, 0, length), torch::ones({ batch, length }, torch::kLong)));
        QVERIFY(torch::equal(prepared.attentionMask.slice(1, length), inputs.attentionMask));

        T5Inputs withHidden = inputs;
        withHidden.outputHiddenStates = true;
        const T5Output output = model->forward(withHidden);
        QCOMPARE(output.encoder.lastHiddenState.size(1), sourceLength + length);
        QCOMPARE(output.logits.sizes(), cases.at("logits").sizes());
    }

    void freshPromptEqualsFirstVocabularyTokens_data()
    {
        QTest::addColumn<QString>("config");
        for (const char *config : test::kGoldenConfigs)
            QTest::newRow(config) << QString::fromLatin1(config);
    }
    void freshPromptEqualsFirstVocabularyTokens()
    {
        // The soft tokens start as the embeddings of ids 0..N-1: the backbone fed those ids in
        // front of the input (mask extended with ones) computes the same thing.
        QFETCH(QString, config);
        const int64_t length = 5;
        const SafetensorsContents cases = readSafetensors(test::goldenFile(config, "cases.safetensors"));
        auto model = goldenWithMethod(config, QStringLiteral(R"({"kind":"prompt","length":5})"));
        LoadedT5 plain = loadT5(test::goldenDir(config));
        plain.model->eval();
        const T5Inputs inputs = goldenInputs(cases);
        const int64_t batch = inputs.inputIds.size(0);
        T5Inputs spelledOut = inputs;
        spelledOut.inputIds = torch::cat(
            { torch::arange(length, torch::kLong).unsqueeze(0).expand({ batch, length }), inputs.inputIds }, 1);
        spelledOut.attentionMask
            = torch::cat({ torch::ones({ batch, length }, torch::kLong), inputs.attentionMask }, 1);

        torch::NoGradGuard noGrad;
        const T5Output reference = plain.model->forward(spelledOut);
        const T5Output output = model->forward(inputs);
        LADDER_VERIFY_GOLDEN(output.logits, reference.logits, "logits");
        LADDER_VERIFY_GOLDEN(output.loss, reference.loss, "loss");
        const torch::Tensor generated = model->generate(inputs.inputIds, inputs.attentionMask, 8);
        QVERIFY(torch::equal(generated, plain.model->generate(spelledOut.inputIds, spelledOut.attentionMask, 8)));
    }
};

QTEST_APPLESS_MAIN(TestMethodOutputs)
#include "test_method_outputs.moc"
