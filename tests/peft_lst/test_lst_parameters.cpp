// SPDX-License-Identifier: GPL-3.0-or-later
// LST's parameter accounting: the paper's percentages and LST-SPEC §1.7's component table,
// computed from configurations alone, and equal to what an instantiated side network holds;
// side-layer specifications and the side config's widths.
#include "LstTestSupport.h"

#include "model/ModelSummary.h"
#include "peft/lst/LstParameters.h"
#include "util/Error.h"

#include <QObject>
#include <QTest>

#include <cstdio>

using namespace ladder;
using namespace ladder::lsttest;

namespace {

T5Config paperConfig(const char *preset)
{
    T5Config config = T5Config::preset(preset);
    config.vocabSize = 32100; // the official code resizes the embedding to the tokenizer (§1.7)
    return config;
}

int64_t group(const ParameterReport &report, const std::string &name)
{
    for (const auto &g : report.groups)
        if (g.name == name)
            return g.count;
    qFatal("no parameter group \"%s\"", name.c_str());
    return -1;
}

/// The share the paper prints: trainable parameters over the backbone's (its denominators are
/// the backbone counts hard-coded in modify_model_after_init, §1.7).
QString paperPercent(const ParameterReport &report, int decimals)
{
    const double percent = 100.0 * static_cast<double>(report.trainable) / static_cast<double>(group(report, "backbone"));
    return QString::number(percent, 'f', decimals);
}

QString joined(const std::vector<int64_t> &layers)
{
    QStringList parts;
    for (int64_t layer : layers)
        parts << QString::number(layer);
    return parts.join(QLatin1Char(','));
}

/// Counts an instantiated LST model's parameters per group from the parameter names.
std::map<std::string, int64_t> instantiatedGroups(LadderSideTuning &model)
{
    std::map<std::string, int64_t> groups;
    for (const auto &item : model.module().named_parameters()) {
        const std::string &name = item.key();
        const int64_t count = item.value().numel();
        std::string groupName;
        if (name.rfind("backbone.", 0) == 0)
            groupName = "backbone";
        else if (name.find("relative_attention_bias") != std::string::npos)
            groupName = "relative bias";
        else if (name.find("side_block") != std::string::npos)
            groupName = "side blocks";
        else if (name.find("downsample") != std::string::npos)
            groupName = "ladders";
        else if (name.find("side_gate_params") != std::string::npos)
            groupName = "gates";
        else if (name.find("final_side_layer_norm") != std::string::npos)
            groupName = "side norms";
        else if (name.find("side_final_upsample") != std::string::npos)
            groupName = "up-projection";
        else
            qFatal("unexpected parameter %s", name.c_str());
        groups[groupName] += count;
    }
    return groups;
}

} // namespace

class TestLstParameters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paperCounts_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("layers");
        QTest::addColumn<qlonglong>("trainable");
        QTest::addColumn<qlonglong>("backbone");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("percent");
        // LST-SPEC §1.7 and the paper's Table 1 / Figure 5.
        QTest::newRow("t5-base") << "t5-base" << "default" << 3878712LL << 222882048LL << 2 << "1.74";
        QTest::newRow("t5-large") << "t5-large" << "default" << 9057328LL << 737639424LL << 2 << "1.23";
        QTest::newRow("t5-3b, layer 23 only") << "t5-3b" << "default" << 2494896LL << 2851569664LL << 3 << "0.087";
        QTest::newRow("t5-base, all layers") << "t5-base" << "all" << 5097240LL << 222882048LL << 2 << "2.29";
    }
    void paperCounts()
    {
        QFETCH(QString, preset);
        QFETCH(QString, layers);
        QFETCH(qlonglong, trainable);
        QFETCH(qlonglong, backbone);
        QFETCH(int, decimals);
        QFETCH(QString, percent);
        LstOptions options;
        options.layers = layers.toStdString();
        const ParameterReport report = countLstParameters(paperConfig(preset.toUtf8().constData()), options);
        QCOMPARE(report.trainable, trainable);
        QCOMPARE(group(report, "backbone"), backbone);
        QCOMPARE(report.total, backbone + trainable);
        QCOMPARE(paperPercent(report, decimals), percent);
    }

    void baseComponentTable()
    {
        // LST-SPEC §1.7, row by row.
        const ParameterReport report = countLstParameters(paperConfig("t5-base"), LstOptions());
        QCOMPARE(group(report, "side blocks"), 997056 + 1329696);
        QCOMPARE(group(report, "ladders"), 1328832 + 147648);
        QCOMPARE(group(report, "up-projection"), 74496);
        QCOMPARE(group(report, "relative bias") + group(report, "side norms") + group(report, "gates"), 984);
        QCOMPARE(group(report, "gates"), 24);
        for (const auto &g : report.groups)
            QCOMPARE(g.trainable, g.name != "backbone");
    }

    void analyticEqualsInstantiated_data()
    {
        QTest::addColumn<QString>("configSource"); // preset name or golden directory
        QTest::addColumn<QString>("layers");
        QTest::addColumn<int>("reduction");
        QTest::addColumn<bool>("fixedGate");
        QTest::newRow("t5-tiny, all") << "t5-tiny" << "all" << 8 << false;
        QTest::newRow("t5-tiny, layer 1 (0 dropped)") << "t5-tiny" << "1" << 4 << false;
        QTest::newRow("4 layers, 1,3") << "small4" << "1,3" << 8 << false;
        QTest::newRow("4 layers, fixed gate") << "small4" << "every:2" << 2 << true;
        QTest::newRow("golden t5v1_tiny, layer 1") << "golden:t5v1_tiny" << "1" << 2 << false;
        QTest::newRow("golden t5v11_tiny (gated, untied, 3+2), layer 0") << "golden:t5v11_tiny" << "0" << 4 << false;
        QTest::newRow("golden t5v11_tiny, all") << "golden:t5v11_tiny" << "all" << 8 << false;
    }
    void analyticEqualsInstantiated()
    {
        QFETCH(QString, configSource);
        QFETCH(QString, layers);
        QFETCH(int, reduction);
        QFETCH(bool, fixedGate);
        const std::string source = configSource.toStdString();
        const T5Config config = source.rfind("golden:", 0) == 0
                                    ? T5Config::fromJsonFile(goldenDir(source.substr(7)) + "/config.json")
                                : source == "small4" ? smallT5(256, 32, 1024, 4, 8)
                                                     : T5Config::preset(source);
        MethodConfig method = lstMethod(layers.toStdString(), SideInit::Random, reduction);
        if (fixedGate)
            method.lst.gate = GateMode::Fixed;
        const ParameterReport report = countLstParameters(config, method.lst);
        auto model = applyLst(config, method);

        int64_t trainable = 0, total = 0;
        for (const auto &parameter : model->module().parameters()) {
            total += parameter.numel();
            trainable += parameter.requires_grad() ? parameter.numel() : 0;
        }
        QCOMPARE(trainable, report.trainable);
        QCOMPARE(total, report.total);
        int64_t trainableListed = 0;
        for (const auto &parameter : model->trainableParameters())
            trainableListed += parameter.numel();
        QCOMPARE(trainableListed, report.trainable);
        const auto groups = instantiatedGroups(*model);
        for (const auto &g : report.groups) {
            const auto it = groups.find(g.name);
            QCOMPARE(it == groups.end() ? 0 : it->second, g.count);
        }
        QCOMPARE(group(report, "backbone"), summarizeModel(config).total);
    }

    void sideWidthsAreDividedByTheReduction()
    {
        LstOptions options;
        const T5Config base = lstSideConfig(T5Config::preset("t5-base"), options);
        QCOMPARE(base.dModel, 96);
        QCOMPARE(base.dFf, 384);
        QCOMPARE(base.dKv, 8);
        QCOMPARE(base.numHeads, 12);
        const T5Config threeB = lstSideConfig(T5Config::preset("t5-3b"), options);
        QCOMPARE(threeB.innerDim(), 512); // 32 heads × 16, not d_model/r (§1.1)
        QCOMPARE(threeB.dFf, 2048);
    }

    void reductionMustDivideTheWidths_data()
    {
        QTest::addColumn<int>("reduction");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("3 does not divide 128") << 3 << "d_model";
        QTest::newRow("64 divides d_model and d_ff but not d_kv 32") << 64 << "d_kv";
        QTest::newRow("zero") << 0 << "impossible";
    }
    void reductionMustDivideTheWidths()
    {
        QFETCH(int, reduction);
        QFETCH(QString, mentions);
        LstOptions options;
        options.reduction = reduction;
        try {
            countLstParameters(smallT5(128, 32, 512), options);
            QFAIL("expected ladder::Error");
        } catch (const Error &error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(mentions), error.what());
        }
    }

    void layerSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("numLayers");
        QTest::addColumn<QString>("expected"); // "error: <fragment>" for a rejected spec
        QTest::newRow("default, 12 layers (T5-base)") << "default" << 12 << "1,2,3,5,6,7,9,10,11";
        QTest::newRow("default, 24 layers (T5-large)") << "default" << 24 << "1,3,5,7,9,11,13,15,17,19,21,23";
        QTest::newRow("default, 6 layers: all") << "default" << 6 << "0,1,2,3,4,5";
        QTest::newRow("default, 2 layers: all") << "default" << 2 << "0,1";
        QTest::newRow("all") << "all" << 4 << "0,1,2,3";
        QTest::newRow("every:1") << "every:1" << 3 << "0,1,2";
        QTest::newRow("every:2") << "every:2" << 6 << "1,3,5";
        QTest::newRow("every:4 of 12 (drop 9)") << "every:4" << 12 << "3,7,11";
        QTest::newRow("list") << "1,2,3,5" << 6 << "1,2,3,5";
        QTest::newRow("list, spaces and any order") << " 5, 1 ,3" << 6 << "1,3,5";
        QTest::newRow("single") << "23" << 24 << "23";
        QTest::newRow("past the last layer") << "1,6" << 6 << "error: past the last layer";
        QTest::newRow("negative") << "-1" << 6 << "error: not a layer index";
        QTest::newRow("garbage") << "1,x" << 6 << "error: not a layer index";
        QTest::newRow("empty item") << "1,,2" << 6 << "error: not a layer index";
        QTest::newRow("trailing comma") << "1," << 6 << "error: not a layer index";
        QTest::newRow("empty") << "" << 6 << "error: not a layer index";
        QTest::newRow("duplicate") << "2,2" << 6 << "error: listed twice";
        QTest::newRow("every:0") << "every:0" << 6 << "error: K in";
        QTest::newRow("every:x") << "every:x" << 6 << "error: K in";
        QTest::newRow("every:7 of 6 keeps nothing") << "every:7" << 6 << "error: keeps no layer";
        QTest::newRow("huge index") << "99999999999999999999" << 6 << "error: not a layer index";
        QTest::newRow("decimal") << "1.5" << 6 << "error: not a layer index";
    }
    void layerSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(int, numLayers);
        QFETCH(QString, expected);
        if (expected.startsWith(QLatin1String("error: "))) {
            try {
                resolveLstLayers(spec.toStdString(), numLayers);
                QFAIL("expected ladder::Error");
            } catch (const Error &error) {
                QVERIFY2(QString::fromUtf8(error.what()).contains(expected.mid(7)), error.what());
                QVERIFY2(QString::fromUtf8(error.what()).contains(spec), error.what());
            }
        } else {
            QCOMPARE(joined(resolveLstLayers(spec.toStdString(), numLayers)), expected);
        }
    }

    void defaultLayersPerBackbone_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("expected");
        QTest::newRow("t5-base") << "t5-base" << "1,2,3,5,6,7,9,10,11";
        QTest::newRow("t5-large: odd layers") << "t5-large" << "1,3,5,7,9,11,13,15,17,19,21,23";
        QTest::newRow("t5-3b: only 23") << "t5-3b" << "23";
        QTest::newRow("t5-small: all") << "t5-small" << "0,1,2,3,4,5";
    }
    void defaultLayersPerBackbone()
    {
        QFETCH(QString, preset);
        QFETCH(QString, expected);
        const T5Config config = T5Config::preset(preset.toStdString());
        QCOMPARE(joined(resolveLstLayers("default", config, false)), expected);
        QCOMPARE(joined(resolveLstLayers("default", config, true)), expected);
    }

    void decoderDepthIsCheckedOnItsOwn()
    {
        // t5v11_tiny: 3 encoder and 2 decoder layers; layer 2 exists only in the encoder.
        const T5Config config = T5Config::fromJsonFile(goldenDir("t5v11_tiny") + "/config.json");
        QCOMPARE(joined(resolveLstLayers("2", config, false)), QStringLiteral("2"));
        QVERIFY_THROWS_EXCEPTION(Error, resolveLstLayers("2", config, true));
    }
};

QTEST_APPLESS_MAIN(TestLstParameters)
#include "test_lst_parameters.moc"
