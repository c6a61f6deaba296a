// SPDX-License-Identifier: GPL-3.0-or-later
// The ladder view draws what the engine builds: for t5-small and t5-base and each way of naming
// the kept layers, the view's ladders and kept layers are resolveLstLayers', the side width is
// d_model / r, the per-block parameter counts add up to countLstParameters; gate values given
// are the ones shown; the memory bars are predictTrainingMemory's bytes for every method. The
// other methods are drawn with what trains inside each block and the backward pass through them.
// Set LADDER_SCREENSHOT_DIR to also save the view as PNGs (for review).

#include "peft/ParameterReport.h"
#include "peft/lst/LstParameters.h"
#include "teaching/LadderDiagram.h"
#include "run/MethodNames.h"
#include "teaching/LadderView.h"
#include "teaching/MemoryComparisonChart.h"
#include "train/MemoryPredictor.h"
#include "train/RunConfig.h"
#include "plots/RunPalette.h"

#include <QDir>
#include <QSet>
#include <QtTest>

#include <cmath>

using namespace ladder;

namespace {

RunConfig lstConfig(const QString &preset, const QString &layers, int64_t reduction = 8)
{
    RunConfig config;
    config.backbone.preset = preset.toStdString();
    config.method.kind = MethodKind::Lst;
    config.method.lst.layers = layers.toStdString();
    config.method.lst.reduction = reduction;
    config.train.batchSize = 16;
    config.train.maxSourceLength = 128;
    return config;
}

// Every distinct tooltip starting with `prefix` found on a grid over the painted diagram.
QSet<QString> toolTipsStartingWith(const LadderDiagram &diagram, const QString &prefix)
{
    QSet<QString> found;
    for (int y = 0; y < diagram.height(); y += 2)
        for (int x = 0; x < diagram.width(); x += 3) {
            const QString text = diagram.toolTipAt(QPointF(x, y));
            if (text.startsWith(prefix))
                found.insert(text);
        }
    return found;
}

} // namespace

class TestLadderView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void designMatchesEngine_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("layers");
        for (const char *preset : {"t5-small", "t5-base"})
            for (const char *layers : {"default", "all", "every:2", "1,3,5"})
                QTest::addRow("%s %s", preset, layers) << QString::fromLatin1(preset) << QString::fromLatin1(layers);
        QTest::addRow("t5-base paper drop 9") << QStringLiteral("t5-base") << QStringLiteral("3,7,11");
    }

    void designMatchesEngine()
    {
        QFETCH(QString, preset);
        QFETCH(QString, layers);
        const RunConfig config = lstConfig(preset, layers);
        const T5Config backbone = T5Config::preset(preset.toStdString());

        LadderView view;
        view.resize(1400, 900);
        view.setDesign(config);
        QVERIFY2(view.hasDesign(), qPrintable(view.errorText()));

        const auto encoder = resolveLstLayers(layers.toStdString(), backbone, false);
        const auto decoder = resolveLstLayers(layers.toStdString(), backbone, true);
        QCOMPARE(view.design().encoder.keptLayers, encoder);
        QCOMPARE(view.design().decoder.keptLayers, decoder);
        QCOMPARE(view.ladderCount(), static_cast<int>(encoder.size() + decoder.size()));
        QCOMPARE(view.design().side.dModel, backbone.dModel / 8);
        QCOMPARE(view.design().backbone.dModel, backbone.dModel);

        // The pieces the tooltips name add up to the engine's trainable count.
        const LadderDesign &d = view.design();
        const int64_t ds = d.side.dModel;
        const int64_t gates = backbone.numLayers + backbone.numDecoderLayers;
        const int64_t sum = static_cast<int64_t>(encoder.size()) * d.encoder.sideBlockParameters
            + static_cast<int64_t>(decoder.size()) * d.decoder.sideBlockParameters
            + static_cast<int64_t>(encoder.size() + decoder.size() + 2) * d.downsamplerParameters + gates + 2 * ds
            + 2 * d.sideRelativeBiasParameters + d.upProjectionParameters;
        QCOMPARE(sum, countLstParameters(backbone, config.method.lst).trainable);
        QCOMPARE(d.lstTrainableParameters, countLstParameters(backbone, config.method.lst).trainable);

        // Painted: one ladder tooltip per kept layer, one dropped-layer tooltip per dropped one.
        view.grab();
        const QSet<QString> ladders = toolTipsStartingWith(*view.diagram(), QStringLiteral("Ladder from"));
        QCOMPARE(ladders.size(), view.ladderCount());
        const QString downsampler = QLocale().toString(static_cast<qlonglong>(backbone.dModel * ds + ds));
        for (const QString &text : ladders)
            QVERIFY2(text.contains(downsampler), qPrintable(text));
        const QSet<QString> dropped = toolTipsStartingWith(*view.diagram(), QStringLiteral("Layer "));
        const int droppedLayers = static_cast<int>(backbone.numLayers + backbone.numDecoderLayers) - view.ladderCount();
        // Encoder and decoder drop the same indices: their messages coincide.
        QCOMPARE(dropped.size(), droppedLayers / 2);
    }

    void gateValuesAreShown()
    {
        LadderView view;
        view.resize(1400, 900);
        view.setDesign(lstConfig(QStringLiteral("t5-base"), QStringLiteral("default")));
        const int n = view.ladderCount();
        QCOMPARE(n, 18);
        QVERIFY(std::isnan(view.gateValue(0)));
        QCOMPARE(view.diagram()->gateLabel(0), QStringLiteral("μ –"));

        std::vector<double> gates;
        for (int i = 0; i < n; ++i)
            gates.push_back(0.3 + 0.02 * i);
        view.showGates(7, gates);
        for (int i = 0; i < n; ++i)
            QCOMPARE(view.gateValue(i), gates[static_cast<size_t>(i)]);
        QCOMPARE(view.diagram()->gateLabel(3), QStringLiteral("μ 0.36"));
        view.grab();
        const QSet<QString> ladders = toolTipsStartingWith(*view.diagram(), QStringLiteral("Ladder from"));
        QVERIFY(std::any_of(ladders.begin(), ladders.end(),
            [](const QString &t) { return t.contains(QStringLiteral("μ = 0.360")); }));

        // A vector from another design (wrong count) changes nothing.
        QVERIFY(!view.setGateValues(std::vector<double>(static_cast<size_t>(n - 1), 0.9)));
        QCOMPARE(view.gateValue(0), gates[0]);
        view.clearGateValues();
        QVERIFY(std::isnan(view.gateValue(0)));
    }

    void memoryBarsAreThePredictions_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::newRow("t5-small") << QStringLiteral("t5-small");
        QTest::newRow("t5-base") << QStringLiteral("t5-base");
    }

    void memoryBarsAreThePredictions()
    {
        QFETCH(QString, preset);
        const RunConfig config = lstConfig(preset, QStringLiteral("default"));
        LadderView view;
        view.setDesign(config);
        const MemoryComparisonChart &chart = *view.memoryChart();
        QCOMPARE(chart.barLabels().size(), 5);
        QCOMPARE(chart.barLabels().last(), QStringLiteral("Ladder Side-Tuning (LST)"));
        for (MethodKind kind : MemoryComparisonChart::comparedMethods()) {
            RunConfig variant = config;
            variant.method.kind = kind;
            const MemoryBreakdown m = predictTrainingMemory(variant).memory;
            const std::pair<const char *, int64_t> expected[] = {{"frozen_weights", m.frozenWeights},
                {"trainable_weights", m.trainableWeights}, {"gradients", m.gradients},
                {"optimizer_state", m.optimizerState}, {"activations", m.activations}};
            for (const auto &[key, bytes] : expected) {
                const double drawn = chart.barBytes(kind, QString::fromLatin1(key));
                QVERIFY2(std::abs(drawn - static_cast<double>(bytes)) <= 1e-6 * std::max<double>(1.0, bytes),
                    qPrintable(QStringLiteral("%1 %2: drawn %3, predicted %4")
                                   .arg(methodDisplayName(kind), QString::fromLatin1(key))
                                   .arg(drawn, 0, 'f', 0)
                                   .arg(bytes)));
            }
        }
        // LST's point: its activations are below full fine-tuning's.
        QVERIFY(chart.barBytes(MethodKind::Lst, QStringLiteral("activations"))
                < chart.barBytes(MethodKind::Full, QStringLiteral("activations")));
    }

    void otherMethodsShowWhatTrainsInsideTheBackbone_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("blockSays"); // in every block's tooltip
        QTest::newRow("full") << QStringLiteral("full") << QStringLiteral("every one of its");
        QTest::newRow("adapter") << QStringLiteral("adapter") << QStringLiteral("adapter after its self-attention");
        QTest::newRow("lora") << QStringLiteral("lora") << QStringLiteral("A·B of rank 32");
        QTest::newRow("bitfit") << QStringLiteral("bitfit") << QStringLiteral("only the biases");
        QTest::newRow("prompt") << QStringLiteral("prompt") << QStringLiteral("to reach the soft prompt");
    }

    void otherMethodsShowWhatTrainsInsideTheBackbone()
    {
        QFETCH(QString, method);
        QFETCH(QString, blockSays);
        RunConfig config = lstConfig(QStringLiteral("t5-small"), QStringLiteral("default"));
        config.method.kind = methodKindFromName(method.toStdString());
        const LadderDesign design = LadderDesign::fromRunConfig(config);
        // The header's counts are the engine's.
        const T5Config backbone = T5Config::preset("t5-small");
        QCOMPARE(design.parameters.trainable, countParameters(backbone, config.method).trainable);

        LadderDiagram diagram;
        diagram.resize(1400, 560);
        diagram.setDesign(design);
        diagram.grab(); // paints, recording where each tooltip applies
        for (const QString &stack : {QStringLiteral("Encoder block"), QStringLiteral("Decoder block")}) {
            const QSet<QString> blocks = toolTipsStartingWith(diagram, stack);
            QCOMPARE(blocks.size(), 6); // one per block of t5-small's stack
            for (const QString &text : blocks)
                QVERIFY2(text.contains(blockSays), qPrintable(text));
        }
        // The backward pass is drawn, in both stacks, with what it costs.
        QVERIFY(!toolTipsStartingWith(diagram, QStringLiteral("The backward pass runs")).isEmpty());
        if (method == QStringLiteral("prompt"))
            QCOMPARE(toolTipsStartingWith(diagram, QStringLiteral("Prompt tuning: 100 trained vectors of width 512")).size(), 1);
        if (const QString dir = qEnvironmentVariable("LADDER_SCREENSHOT_DIR"); !dir.isEmpty())
            diagram.grab().save(QDir(dir).filePath(QStringLiteral("inside_%1.png").arg(method)));
    }

    void otherMethodsAndBadOptionsAreSaidPlainly()
    {
        LadderView view;
        RunConfig lora = lstConfig(QStringLiteral("t5-small"), QStringLiteral("default"));
        lora.method.kind = MethodKind::Lora;
        view.setDesign(lora);
        QVERIFY(view.hasDesign());
        QCOMPARE(view.ladderCount(), 0);
        QCOMPARE(view.memoryChart()->barLabels().size(), 5);

        view.setDesign(lstConfig(QStringLiteral("t5-small"), QStringLiteral("default"), 7));
        QVERIFY(!view.hasDesign());
        QVERIFY2(view.errorText().contains(QStringLiteral("reduction factor 7")), qPrintable(view.errorText()));
        // The memory chart still compares the methods whose options fit.
        QCOMPARE(view.memoryChart()->barLabels().size(), 4);

        view.setDesign(lstConfig(QStringLiteral("t5-small"), QStringLiteral("9")));
        QVERIFY(!view.hasDesign());
        QVERIFY2(view.errorText().contains(QStringLiteral("past the last layer")), qPrintable(view.errorText()));
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("LADDER_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("LADDER_SCREENSHOT_DIR not set");
        QDir().mkpath(dir);
        struct Shot
        {
            const char *preset;
            const char *layers;
            QSize size;
            const char *file;
        };
        for (const Shot &shot : {Shot{"t5-base", "default", {1400, 900}, "ladder_t5-base.png"},
                 Shot{"t5-small", "every:2", {1400, 900}, "ladder_t5-small_every2.png"},
                 Shot{"t5-base", "default", {700, 500}, "ladder_t5-base_small.png"},
                 Shot{"t5-base", "default", {1600, 1000}, "ladder_t5-base_large.png"}}) {
            LadderView view;
            view.resize(shot.size);
            view.setDesign(lstConfig(QString::fromLatin1(shot.preset), QString::fromLatin1(shot.layers)));
            std::vector<double> gates;
            for (int i = 0; i < view.ladderCount(); ++i)
                gates.push_back(0.5 + 0.45 * std::sin(0.7 * i)); // spread to show the range
            view.showGates(120, gates);
            QVERIFY(view.grab().save(QDir(dir).filePath(QString::fromLatin1(shot.file))));
        }
        LadderView lora;
        lora.resize(1400, 900);
        RunConfig config = lstConfig(QStringLiteral("t5-base"), QStringLiteral("default"));
        config.method.kind = MethodKind::Lora;
        lora.setDesign(config);
        QVERIFY(lora.grab().save(QDir(dir).filePath(QStringLiteral("ladder_t5-base_lora.png"))));
    }
};

QTEST_MAIN(TestLadderView)
#include "test_ladder_view.moc"
