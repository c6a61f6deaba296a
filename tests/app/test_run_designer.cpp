// SPDX-License-Identifier: GPL-3.0-or-later
// The run designer speaks the user's language: methods by the names people use (code names in
// the tooltips), a learning rate that follows the method until the user sets one, a warning
// before a run that will not fit in this machine's memory, and the backbone's shape under its
// choice, with a HuggingFace folder validated as soon as it is chosen.

#include "designer/RunDesigner.h"

#include "memory/MachineMemory.h"
#include "model/ModelSummary.h"
#include "model/T5Config.h"
#include "train/LearningRates.h"
#include "train/MemoryPredictor.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <exception>

namespace {

QComboBox *combo(const ladder::RunDesigner &designer, const char *name)
{
    return designer.findChild<QComboBox *>(QLatin1String(name));
}

QLabel *label(const ladder::RunDesigner &designer, const char *name)
{
    return designer.findChild<QLabel *>(QLatin1String(name));
}

void selectMethod(const ladder::RunDesigner &designer, ladder::MethodKind kind)
{
    QComboBox *method = combo(designer, "method");
    method->setCurrentIndex(method->findData(static_cast<int>(kind)));
}

/// Full fine-tuning of t5-3b at batch 4096 on 512-token sources: terabytes, whatever the machine.
ladder::RunConfig runThatWillNotFit()
{
    ladder::RunConfig config = ladder::RunDesigner::demoConfig();
    config.backbone.preset = "t5-3b";
    config.method.kind = ladder::MethodKind::Full;
    config.train.batchSize = 4096;
    config.train.maxSourceLength = 512;
    return config;
}

/// Saves the designer at dock size under $LADDER_SCREENSHOT_DIR, for review (nothing when unset).
void saveScreenshot(ladder::RunDesigner &designer, const QString &name)
{
    const QString dir = qEnvironmentVariable("LADDER_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    designer.resize(360, 900);
    QVERIFY(designer.grab().save(QDir(dir).filePath(name)));
}

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    file.write(text);
}

/// What the core's loader says about the folder's config.json ("" when it loads).
QString loaderMessage(const QString &folder)
{
    try {
        ladder::T5Config::fromJsonFile(QDir(folder).filePath(QStringLiteral("config.json")).toStdString());
    } catch (const std::exception &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestRunDesigner : public QObject
{
    Q_OBJECT

private slots:
    void methodsAreNamedForPeople_data()
    {
        QTest::addColumn<ladder::MethodKind>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("codeName");
        QTest::newRow("lst") << ladder::MethodKind::Lst << QStringLiteral("Ladder Side-Tuning (LST)") << QStringLiteral("lst");
        QTest::newRow("adapter") << ladder::MethodKind::Adapter << QStringLiteral("Adapters") << QStringLiteral("adapter");
        QTest::newRow("lora") << ladder::MethodKind::Lora << QStringLiteral("LoRA") << QStringLiteral("lora");
        QTest::newRow("bitfit") << ladder::MethodKind::BitFit << QStringLiteral("BitFit") << QStringLiteral("bitfit");
        QTest::newRow("prompt") << ladder::MethodKind::Prompt << QStringLiteral("Prompt tuning") << QStringLiteral("prompt");
        QTest::newRow("full") << ladder::MethodKind::Full << QStringLiteral("Full fine-tuning") << QStringLiteral("full");
    }

    void methodsAreNamedForPeople()
    {
        QFETCH(ladder::MethodKind, kind);
        QFETCH(QString, name);
        QFETCH(QString, codeName);
        ladder::RunDesigner designer;
        QComboBox *method = combo(designer, "method");
        QVERIFY(method);
        const int index = method->findData(static_cast<int>(kind));
        QVERIFY(index >= 0);
        QCOMPARE(method->itemText(index), name);
        QVERIFY2(method->itemData(index, Qt::ToolTipRole).toString().contains(codeName),
            qPrintable(method->itemData(index, Qt::ToolTipRole).toString()));
        // The configuration keeps the code name.
        method->setCurrentIndex(index);
        QCOMPARE(QString::fromStdString(ladder::methodName(designer.config()->method.kind)), codeName);
    }

    void rateFollowsTheMethodUntilTheUserSetsOne()
    {
        ladder::RunDesigner designer; // the demo: LST on the shipped wordnet-t5-tiny
        QCOMPARE(designer.config()->backbone.preset, std::string("wordnet-t5-tiny"));
        auto *rate = designer.findChild<QDoubleSpinBox *>(QStringLiteral("learningRate"));
        QLabel *hint = label(designer, "learningRateHint");
        QVERIFY(rate && hint);

        // Untouched: each method brings the rate measured for it on this backbone.
        for (const ladder::MethodKind kind :
            {ladder::MethodKind::Adapter, ladder::MethodKind::Full, ladder::MethodKind::Lora, ladder::MethodKind::BitFit}) {
            selectMethod(designer, kind);
            QCOMPARE(designer.config()->train.learningRate, ladder::teachingBackboneLearningRate(kind));
            QVERIFY2(hint->text().startsWith(QStringLiteral("default for")), qPrintable(hint->text()));
        }
        QVERIFY(hint->text().contains(QStringLiteral("BitFit")));

        // Once the user sets a rate, it stays through method changes.
        rate->setValue(0.005);
        QVERIFY2(hint->text().startsWith(QStringLiteral("yours")), qPrintable(hint->text()));
        selectMethod(designer, ladder::MethodKind::Full);
        QCOMPARE(designer.config()->train.learningRate, 0.005);
        selectMethod(designer, ladder::MethodKind::Lst);
        QCOMPARE(designer.config()->train.learningRate, 0.005);
        QVERIFY2(hint->text().contains(QStringLiteral("Ladder Side-Tuning (LST)")), qPrintable(hint->text()));
    }

    void rateOffTheTeachingBackbonesIsThePapers()
    {
        ladder::RunDesigner designer;
        combo(designer, "backbone")->setCurrentText(QStringLiteral("t5-small"));
        selectMethod(designer, ladder::MethodKind::Lora);
        QCOMPARE(designer.config()->train.learningRate, ladder::defaultLearningRate(ladder::MethodKind::Lora));
        selectMethod(designer, ladder::MethodKind::Lst);
        QCOMPARE(designer.config()->train.learningRate, ladder::defaultLearningRate(ladder::MethodKind::Lst));
    }

    void aLoadedRateThatIsNotTheDefaultIsKept()
    {
        ladder::RunDesigner designer;
        ladder::RunConfig loaded = ladder::RunDesigner::demoConfig();
        loaded.train.learningRate = 0.02;
        designer.setConfig(loaded);
        QCOMPARE(designer.config()->toJson(), loaded.toJson());
        selectMethod(designer, ladder::MethodKind::Adapter);
        QCOMPARE(designer.config()->train.learningRate, 0.02);
    }

    void fitWarningNamesTheLargestCategory()
    {
        const ladder::RunConfig run = runThatWillNotFit();
        const ladder::MemoryPrediction prediction = ladder::predictTrainingMemory(run);
        const int64_t machine = ladder::physicalMemoryBytes();
        QVERIFY(machine > 0);
        if (prediction.memory.peak <= machine)
            QSKIP("this machine holds even full fine-tuning of t5-3b at batch 4096");
        QVERIFY(prediction.memory.activations > prediction.memory.optimizerState);

        ladder::RunDesigner designer;
        designer.resize(360, 900);
        designer.setConfig(run);
        QLabel *warning = label(designer, "fitWarning");
        QVERIFY(warning);
        QVERIFY(!warning->isHidden());
        QVERIFY2(warning->text().contains(QStringLiteral("activations: ")), qPrintable(warning->text()));
        QVERIFY2(warning->text().contains(QStringLiteral("this machine has")), qPrintable(warning->text()));
        const QString machineGiB = QString::number(static_cast<double>(machine) / (1024.0 * 1024.0 * 1024.0), 'f', 1);
        QVERIFY2(warning->text().contains(machineGiB + QStringLiteral(" GiB")), qPrintable(warning->text()));
        saveScreenshot(designer, QStringLiteral("run_designer_fit_warning.png"));

        // A smaller batch on the demo's backbone fits: the warning goes.
        designer.setConfig(ladder::RunDesigner::demoConfig());
        QVERIFY(warning->isHidden());
    }

    void noFitWarningForTheDemo()
    {
        ladder::RunDesigner designer;
        QVERIFY(ladder::predictTrainingMemory(*designer.config()).memory.peak < ladder::physicalMemoryBytes());
        QVERIFY(label(designer, "fitWarning")->isHidden());
        saveScreenshot(designer, QStringLiteral("run_designer_demo.png"));
    }

    void backboneFactsAreTheConfigsNumbers_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::newRow("t5-small") << QStringLiteral("t5-small");
        QTest::newRow("t5-base") << QStringLiteral("t5-base");
    }

    void backboneFactsAreTheConfigsNumbers()
    {
        QFETCH(QString, preset);
        ladder::RunDesigner designer;
        combo(designer, "backbone")->setCurrentText(preset);
        const ladder::T5Config shape = ladder::T5Config::preset(preset.toStdString());
        const QString facts = label(designer, "backboneFacts")->text();
        const QLocale locale;
        QVERIFY2(facts.contains(locale.toString(static_cast<qlonglong>(ladder::summarizeModel(shape).total)) + QStringLiteral(" parameters")),
            qPrintable(facts));
        QVERIFY2(facts.contains(QStringLiteral("%1 encoder + %2 decoder layers").arg(shape.numLayers).arg(shape.numDecoderLayers)),
            qPrintable(facts));
        QVERIFY2(facts.contains(QStringLiteral("d_model %1").arg(shape.dModel)), qPrintable(facts));
        QVERIFY2(facts.contains(QStringLiteral("vocabulary ") + locale.toString(static_cast<qlonglong>(shape.vocabSize))),
            qPrintable(facts));
    }

    void aValidFolderShowsItsShape()
    {
        QTemporaryDir dir;
        ladder::T5Config shape = ladder::T5Config::preset("t5-small");
        shape.numDecoderLayers = 2; // unlike any preset, so the facts must come from the file
        writeFile(dir.filePath(QStringLiteral("config.json")), QByteArray::fromStdString(shape.toJson()));
        ladder::RunDesigner designer;
        QVERIFY(designer.chooseBackboneFolder(dir.path()));
        const QString facts = label(designer, "backboneFacts")->text();
        QVERIFY2(facts.contains(QStringLiteral("6 encoder + 2 decoder layers")), qPrintable(facts));
        QString error;
        const std::optional<ladder::RunConfig> config = designer.config(&error);
        QVERIFY2(config.has_value(), qPrintable(error));
        QCOMPARE(QString::fromStdString(config->backbone.path), dir.path());
        QVERIFY(config->backbone.preset.empty());
    }

    void aBadFolderShowsTheLoadersMessage_data()
    {
        QTest::addColumn<QByteArray>("configJson"); // empty: no config.json at all
        QTest::newRow("no config.json") << QByteArray();
        QTest::newRow("not JSON") << QByteArray("{\"d_model\": 512,");
        QTest::newRow("not T5") << QByteArray("{\"model_type\": \"bert\"}");
        QTest::newRow("impossible value") << QByteArray("{\"model_type\": \"t5\", \"d_model\": -4}");
    }

    void aBadFolderShowsTheLoadersMessage()
    {
        QFETCH(QByteArray, configJson);
        QTemporaryDir dir;
        if (!configJson.isEmpty())
            writeFile(dir.filePath(QStringLiteral("config.json")), configJson);
        const QString message = loaderMessage(dir.path());
        QVERIFY(!message.isEmpty());

        ladder::RunDesigner designer;
        QVERIFY(!designer.chooseBackboneFolder(dir.path()));
        const QString facts = label(designer, "backboneFacts")->text();
        QVERIFY2(facts.contains(message.toHtmlEscaped()), qPrintable(facts + QStringLiteral("\nexpected: ") + message));
        saveScreenshot(designer, QStringLiteral("run_designer_bad_folder_%1.png").arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_'))));
    }
};

QTEST_MAIN(TestRunDesigner)
#include "test_run_designer.moc"
