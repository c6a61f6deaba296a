// SPDX-License-Identifier: GPL-3.0-or-later
// A fine-tuning method's JSON form: names, round trips, errors that name the key, and the
// one-sentence description of every option.
#include "peft/MethodConfig.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <QObject>
#include <QTest>

#include <set>

using namespace ladder;

namespace {

MethodConfig nonDefaultConfig(MethodKind kind)
{
    MethodConfig config;
    config.kind = kind;
    config.adapter.reductionFactor = 32;
    config.adapter.trainLayerNorms = false;
    config.lora.rank = 4;
    config.lora.alpha = 8.5;
    config.lora.dropout = 0.25;
    config.lora.targets = { "k", "o", "wi", "wo" };
    config.lora.trainBiases = false;
    config.prompt.length = 7;
    config.lst.reduction = 16;
    config.lst.layers = "every:3";
    config.lst.gate = GateMode::Fixed;
    config.lst.gateTemperature = 0.5;
    config.lst.gateAlpha = -1.25;
    config.lst.init = SideInit::Magnitude;
    config.lst.fisherSamples = 64;
    config.lst.dropout = 0.0;
    return config;
}

} // namespace

class TestMethodConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesRoundTrip()
    {
        const std::vector<std::string> expected { "full", "bitfit", "adapter", "lora", "prompt", "lst" };
        std::vector<std::string> names;
        for (MethodKind kind : allMethodKinds()) {
            names.push_back(methodName(kind));
            QCOMPARE(methodKindFromName(methodName(kind)), kind);
        }
        QCOMPARE(names, expected);
    }

    void unknownNameListsTheNames()
    {
        try {
            methodKindFromName("qlora");
            QFAIL("expected ladder::Error");
        } catch (const Error &error) {
            const std::string message = error.what();
            QVERIFY2(message.find("qlora") != std::string::npos, error.what());
            QVERIFY2(message.find("bitfit") != std::string::npos, error.what());
        }
    }

    void jsonRoundTrip_data()
    {
        QTest::addColumn<int>("kind");
        for (MethodKind kind : allMethodKinds())
            QTest::newRow(methodName(kind).c_str()) << static_cast<int>(kind);
    }
    void jsonRoundTrip()
    {
        QFETCH(int, kind);
        const MethodConfig original = nonDefaultConfig(static_cast<MethodKind>(kind));
        const MethodConfig read = MethodConfig::fromJson(original.toJson(), "round trip");
        QCOMPARE(read.kind, original.kind);
        QCOMPARE(read.toJson(), original.toJson());
        // Only the method's own block is written: the others come back with their defaults.
        const nlohmann::json json = nlohmann::json::parse(original.toJson());
        QCOMPARE(json.at("kind").get<std::string>(), methodName(original.kind));
        QCOMPARE(json.size(), describeMethodOptions(original.kind).size() + 1);
    }

    void nonDefaultValuesSurviveRoundTrip()
    {
        const MethodConfig lora = MethodConfig::fromJson(nonDefaultConfig(MethodKind::Lora).toJson(), "t");
        QCOMPARE(lora.lora.rank, int64_t(4));
        QCOMPARE(lora.lora.alpha, 8.5);
        QCOMPARE(lora.lora.dropout, 0.25);
        QCOMPARE(lora.lora.targets, (std::vector<std::string> { "k", "o", "wi", "wo" }));
        QCOMPARE(lora.lora.trainBiases, false);
        const MethodConfig lst = MethodConfig::fromJson(nonDefaultConfig(MethodKind::Lst).toJson(), "t");
        QCOMPARE(lst.lst.reduction, int64_t(16));
        QCOMPARE(lst.lst.layers, std::string("every:3"));
        QCOMPARE(lst.lst.gate, GateMode::Fixed);
        QCOMPARE(lst.lst.gateTemperature, 0.5);
        QCOMPARE(lst.lst.gateAlpha, -1.25);
        QCOMPARE(lst.lst.init, SideInit::Magnitude);
        QCOMPARE(lst.lst.fisherSamples, int64_t(64));
        QCOMPARE(lst.lst.dropout, 0.0);
        const MethodConfig adapter = MethodConfig::fromJson(nonDefaultConfig(MethodKind::Adapter).toJson(), "t");
        QCOMPARE(adapter.adapter.reductionFactor, int64_t(32));
        QCOMPARE(adapter.adapter.trainLayerNorms, false);
        QCOMPARE(MethodConfig::fromJson(R"({"kind":"prompt","length":7})", "t").prompt.length, int64_t(7));
    }

    void missingKeysTakeDefaults()
    {
        const MethodConfig lst = MethodConfig::fromJson(R"({"kind":"lst"})", "t");
        QCOMPARE(lst.kind, MethodKind::Lst);
        QCOMPARE(lst.lst.reduction, int64_t(8));
        QCOMPARE(lst.lst.layers, std::string("default"));
        QCOMPARE(lst.lst.gateTemperature, 0.1);
        QCOMPARE(lst.lst.fisherSamples, int64_t(1024));
        const MethodConfig lora = MethodConfig::fromJson(R"({"kind":"lora"})", "t");
        QCOMPARE(lora.lora.rank, int64_t(32));
        QCOMPARE(lora.lora.targets, (std::vector<std::string> { "q", "v" }));
        QVERIFY(lora.lora.trainBiases);
        QCOMPARE(MethodConfig::fromJson(R"({"kind":"adapter"})", "t").adapter.reductionFactor, int64_t(16));
        QCOMPARE(MethodConfig::fromJson(R"({"kind":"prompt"})", "t").prompt.length, int64_t(100));
    }

    void layerListsAcceptArraysAndSpaces_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("layers");
        QTest::newRow("array") << R"({"kind":"lst","layers":[1,2,3,5]})"
                               << "1,2,3,5";
        QTest::newRow("spaces") << R"({"kind":"lst","layers":"1, 2, 3"})"
                                << "1,2,3";
        QTest::newRow("all") << R"({"kind":"lst","layers":"all"})"
                             << "all";
        QTest::newRow("every") << R"({"kind":"lst","layers":"every:2"})"
                               << "every:2";
    }
    void layerListsAcceptArraysAndSpaces()
    {
        QFETCH(QString, json);
        QFETCH(QString, layers);
        QCOMPARE(QString::fromStdString(MethodConfig::fromJson(json.toStdString(), "t").lst.layers), layers);
    }

    void errorsNameTheKey_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mustMention");
        QTest::newRow("not json") << "{kind:"
                                  << "not valid JSON";
        QTest::newRow("number beyond double") << R"({"kind":"lora","dropout":1e999})"
                                              << "not valid JSON";
        QTest::newRow("not an object") << "[1,2]"
                                       << "expected a JSON object";
        QTest::newRow("no kind") << R"({"rank":4})"
                                 << "\"kind\"";
        QTest::newRow("kind not a string") << R"({"kind":3})"
                                           << "\"kind\"";
        QTest::newRow("unknown kind") << R"({"kind":"qlora"})"
                                      << "qlora";
        QTest::newRow("unknown key") << R"({"kind":"lora","rnak":4})"
                                     << "\"rnak\"";
        QTest::newRow("key of another method") << R"({"kind":"lst","rank":4})"
                                               << "\"rank\"";
        QTest::newRow("option of full") << R"({"kind":"full","length":4})"
                                        << "\"length\"";
        QTest::newRow("int as string") << R"({"kind":"lora","rank":"32"})"
                                       << "\"rank\"";
        QTest::newRow("int as float") << R"({"kind":"lst","reduction":8.5})"
                                      << "\"reduction\"";
        QTest::newRow("zero rank") << R"({"kind":"lora","rank":0})"
                                   << "\"rank\"";
        QTest::newRow("negative reduction") << R"({"kind":"adapter","reduction":-2})"
                                            << "\"reduction\"";
        QTest::newRow("bool as int") << R"({"kind":"lora","train_biases":1})"
                                     << "\"train_biases\"";
        QTest::newRow("dropout 1") << R"({"kind":"lora","dropout":1.0})"
                                   << "\"dropout\"";
        QTest::newRow("alpha 0") << R"({"kind":"lora","alpha":0})"
                                 << "\"alpha\"";
        QTest::newRow("targets not array") << R"({"kind":"lora","targets":"q"})"
                                           << "\"targets\"";
        QTest::newRow("unknown target") << R"({"kind":"lora","targets":["q","x"]})"
                                        << "\"targets\"";
        QTest::newRow("duplicate target") << R"({"kind":"lora","targets":["q","q"]})"
                                          << "\"targets\"";
        QTest::newRow("empty targets") << R"({"kind":"lora","targets":[]})"
                                       << "\"targets\"";
        QTest::newRow("bad gate") << R"({"kind":"lst","gate":"open"})"
                                  << "\"gate\"";
        QTest::newRow("bad init") << R"({"kind":"lst","init":"pretrained"})"
                                  << "\"init\"";
        QTest::newRow("bad layers") << R"({"kind":"lst","layers":"1,,2"})"
                                    << "\"layers\"";
        QTest::newRow("layers every:0") << R"({"kind":"lst","layers":"every:0"})"
                                        << "\"layers\"";
        QTest::newRow("negative layer") << R"({"kind":"lst","layers":[1,-2]})"
                                        << "\"layers\"";
        QTest::newRow("temperature 0") << R"({"kind":"lst","gate_temperature":0})"
                                       << "\"gate_temperature\"";
        QTest::newRow("fisher samples 0") << R"({"kind":"lst","fisher_samples":0})"
                                          << "\"fisher_samples\"";
        QTest::newRow("prompt length 0") << R"({"kind":"prompt","length":0})"
                                         << "\"length\"";
        QTest::newRow("null value") << R"({"kind":"prompt","length":null})"
                                    << "\"length\"";
    }
    void errorsNameTheKey()
    {
        QFETCH(QString, json);
        QFETCH(QString, mustMention);
        try {
            MethodConfig::fromJson(json.toStdString(), "run.json");
            QFAIL("expected ladder::Error");
        } catch (const Error &error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(message.startsWith(QStringLiteral("run.json")), error.what());
            QVERIFY2(message.contains(mustMention), error.what());
        }
    }

    void everyOptionHasADescription_data()
    {
        QTest::addColumn<int>("kind");
        for (MethodKind kind : allMethodKinds())
            QTest::newRow(methodName(kind).c_str()) << static_cast<int>(kind);
    }
    void everyOptionHasADescription()
    {
        QFETCH(int, kind);
        const MethodConfig defaults = [&] {
            MethodConfig config;
            config.kind = static_cast<MethodKind>(kind);
            return config;
        }();
        const nlohmann::json written = nlohmann::json::parse(defaults.toJson());
        std::set<std::string> described;
        for (const OptionDescription &option : describeMethodOptions(defaults.kind)) {
            QVERIFY2(written.contains(option.key), option.key.c_str());
            QVERIFY2(!option.description.empty() && option.description.back() == '.', option.key.c_str());
            // The default shown is the value a default config writes.
            QVERIFY2(nlohmann::json::parse(option.defaultValue) == written.at(option.key), option.key.c_str());
            described.insert(option.key);
        }
        for (auto it = written.begin(); it != written.end(); ++it)
            QVERIFY2(it.key() == "kind" || described.count(it.key()) == 1, it.key().c_str());
    }

    void lstKeysAreThePublishedOnes()
    {
        std::vector<std::string> keys;
        for (const OptionDescription &option : describeMethodOptions(MethodKind::Lst))
            keys.push_back(option.key);
        const std::vector<std::string> expected { "reduction", "layers", "gate", "gate_temperature", "gate_alpha",
            "init", "fisher_samples", "dropout", "backbone_dtype", "side_attention" };
        QCOMPARE(keys, expected);
    }
};

QTEST_APPLESS_MAIN(TestMethodConfig)
#include "test_method_config.moc"
