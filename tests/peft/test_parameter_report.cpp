// SPDX-License-Identifier: GPL-3.0-or-later
// Parameter accounting: the paper's trainable shares on T5-base (LST-SPEC §1.7, §2.2), and the
// analytic counts equal what an instantiated model with the method applied holds.
#include "model/ModelSummary.h"
#include "model/T5Model.h"
#include "peft/FineTuningModel.h"
#include "peft/ParameterReport.h"
#include "util/Error.h"

#include <QObject>
#include <QTest>

using namespace ladder;

namespace {

/// The configuration the paper counted with: its tokenizer resized the vocabulary to 32100.
T5Config paperConfig(const std::string &preset)
{
    T5Config config = T5Config::preset(preset);
    config.vocabSize = 32100;
    return config;
}

MethodConfig method(const std::string &json)
{
    return MethodConfig::fromJson(json, "test");
}

int64_t groupCount(const ParameterReport &report, const std::string &name)
{
    for (const auto &group : report.groups)
        if (group.name == name)
            return group.count;
    return -1;
}

T5Config goldenConfig(const char *name)
{
    return T5Config::fromJsonFile(std::string(LADDER_TEST_DATA_DIR) + "/golden/t5/" + name + "/config.json");
}

} // namespace

class TestParameterReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paperDenominators_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<qint64>("total");
        QTest::newRow("t5-base") << "t5-base" << qint64(222882048);
        QTest::newRow("t5-large") << "t5-large" << qint64(737639424);
        QTest::newRow("t5-3b") << "t5-3b" << qint64(2851569664);
    }
    void paperDenominators()
    {
        QFETCH(QString, preset);
        QFETCH(qint64, total);
        const ParameterReport report = countParameters(paperConfig(preset.toStdString()), method(R"({"kind":"full"})"));
        QCOMPARE(report.backboneTotal, int64_t(total));
        QCOMPARE(report.total, int64_t(total));
        QCOMPARE(report.trainable, int64_t(total));
    }

    void paperTrainableShares_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("methodJson");
        QTest::addColumn<qint64>("trainable");
        QTest::addColumn<QString>("percent"); // as the paper prints it
        QTest::newRow("full") << "t5-base"
                              << R"({"kind":"full"})" << qint64(222882048) << "100.00";
        QTest::newRow("adapters") << "t5-base"
                                  << R"({"kind":"adapter"})" << qint64(3625728) << "1.63";
        QTest::newRow("lora") << "t5-base"
                              << R"({"kind":"lora"})" << qint64(3821412) << "1.71";
        QTest::newRow("bitfit") << "t5-base"
                                << R"({"kind":"bitfit"})" << qint64(282468) << "0.13";
        QTest::newRow("prompt") << "t5-base"
                                << R"({"kind":"prompt"})" << qint64(76800) << "0.03";
        QTest::newRow("lst base") << "t5-base"
                                  << R"({"kind":"lst"})" << qint64(3878712) << "1.74";
        QTest::newRow("lst large") << "t5-large"
                                   << R"({"kind":"lst"})" << qint64(9057328) << "1.23";
        QTest::newRow("lst 3b") << "t5-3b"
                                << R"({"kind":"lst"})" << qint64(2494896) << "0.087";
    }
    void paperTrainableShares()
    {
        QFETCH(QString, preset);
        QFETCH(QString, methodJson);
        QFETCH(qint64, trainable);
        QFETCH(QString, percent);
        const ParameterReport report
            = countParameters(paperConfig(preset.toStdString()), method(methodJson.toStdString()));
        QCOMPARE(report.trainable, int64_t(trainable));
        const int decimals = static_cast<int>(percent.size() - percent.indexOf(QLatin1Char('.')) - 1);
        QCOMPARE(QString::number(report.trainablePercent(), 'f', decimals), percent);
    }

    void paperComponents()
    {
        const T5Config base = paperConfig("t5-base");
        const ParameterReport adapters = countParameters(base, method(R"({"kind":"adapter"})"));
        QCOMPARE(groupCount(adapters, "adapters"), int64_t(48 * (2 * 768 * 48 + 48 + 768)));
        QCOMPARE(groupCount(adapters, "layer norms"), int64_t((25 + 37) * 768));
        const ParameterReport lora = countParameters(base, method(R"({"kind":"lora"})"));
        QCOMPARE(groupCount(lora, "lora"), int64_t(72 * 2 * 32 * 768)); // q, v of 12 + 24 attentions
        QCOMPARE(groupCount(lora, "biases"), int64_t(282468));
        const ParameterReport noBiases = countParameters(base, method(R"({"kind":"lora","train_biases":false})"));
        QCOMPARE(noBiases.trainable, int64_t(72 * 2 * 32 * 768));
        QCOMPARE(groupCount(noBiases, "biases"), int64_t(-1));
        // Everything the method adds is counted in the total, not in the paper's denominator.
        QCOMPARE(lora.total, int64_t(222882048) + lora.trainable);
        QCOMPARE(adapters.total, int64_t(222882048) + groupCount(adapters, "adapters"));
    }

    void groupsAddUp_data()
    {
        QTest::addColumn<QString>("methodJson");
        QTest::newRow("full") << R"({"kind":"full"})";
        QTest::newRow("bitfit") << R"({"kind":"bitfit"})";
        QTest::newRow("adapter") << R"({"kind":"adapter"})";
        QTest::newRow("lora") << R"({"kind":"lora"})";
        QTest::newRow("prompt") << R"({"kind":"prompt"})";
        QTest::newRow("lst") << R"({"kind":"lst"})";
    }
    void groupsAddUp()
    {
        QFETCH(QString, methodJson);
        const ParameterReport report = countParameters(paperConfig("t5-base"), method(methodJson.toStdString()));
        int64_t total = 0, trainable = 0;
        for (const auto &group : report.groups) {
            total += group.count;
            trainable += group.trainable ? group.count : 0;
        }
        QCOMPARE(report.total, total);
        QCOMPARE(report.trainable, trainable);
    }

    void analyticCountsMatchInstantiatedModel_data()
    {
        QTest::addColumn<QString>("backbone");
        QTest::addColumn<QString>("methodJson");
        const char *methods[][2] = {
            { "full", R"({"kind":"full"})" },
            { "bitfit", R"({"kind":"bitfit"})" },
            { "adapter", R"({"kind":"adapter","reduction":8})" },
            { "adapter no norms", R"({"kind":"adapter","reduction":4,"train_layer_norms":false})" },
            { "lora", R"({"kind":"lora","rank":4})" },
            { "lora every target", R"({"kind":"lora","rank":3,"targets":["q","k","v","o","wi","wo"]})" },
            { "lora no biases", R"({"kind":"lora","rank":2,"targets":["o","wi"],"train_biases":false})" },
            { "prompt", R"({"kind":"prompt","length":10})" },
        };
        for (const char *backbone : { "t5v1_tiny", "t5v11_tiny", "t5-tiny" })
            for (const auto &entry : methods)
                QTest::newRow((std::string(backbone) + " " + entry[0]).c_str())
                    << QString::fromLatin1(backbone) << QString::fromLatin1(entry[1]);
    }
    void analyticCountsMatchInstantiatedModel()
    {
        QFETCH(QString, backbone);
        QFETCH(QString, methodJson);
        const T5Config config = backbone.startsWith(QLatin1String("t5-"))
            ? T5Config::preset(backbone.toStdString())
            : goldenConfig(backbone.toLatin1().constData());
        const MethodConfig chosen = method(methodJson.toStdString());
        const ParameterReport report = countParameters(config, chosen);

        auto model = applyMethod(T5ForConditionalGeneration(config, /*initializeWeights=*/false), chosen);
        int64_t total = 0, trainable = 0;
        for (const torch::Tensor &parameter : model->module().parameters()) {
            total += parameter.numel();
            trainable += parameter.requires_grad() ? parameter.numel() : 0;
        }
        QCOMPARE(report.total, total);
        QCOMPARE(report.trainable, trainable);
        QCOMPARE(report.backboneTotal, summarizeModel(config).total);
        int64_t trainableListed = 0;
        for (const torch::Tensor &parameter : model->trainableParameters())
            trainableListed += parameter.numel();
        QCOMPARE(trainableListed, trainable);
    }

    void optionsThatDoNotFitAreRejected_data()
    {
        QTest::addColumn<QString>("methodJson");
        QTest::addColumn<QString>("mustMention");
        QTest::newRow("adapter reduction not dividing d_model") << R"({"kind":"adapter","reduction":7})"
                                                                << "reduction";
        QTest::newRow("prompt longer than vocabulary") << R"({"kind":"prompt","length":97})"
                                                       << "length";
    }
    void optionsThatDoNotFitAreRejected()
    {
        QFETCH(QString, methodJson);
        QFETCH(QString, mustMention);
        const T5Config config = goldenConfig("t5v1_tiny"); // d_model 64, vocab 96
        const MethodConfig chosen = method(methodJson.toStdString());
        QVERIFY_THROWS_EXCEPTION(Error, countParameters(config, chosen));
        try {
            applyMethod(T5ForConditionalGeneration(config, false), chosen);
            QFAIL("expected ladder::Error");
        } catch (const Error &error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(mustMention), error.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestParameterReport)
#include "test_parameter_report.moc"
