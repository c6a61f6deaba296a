// SPDX-License-Identifier: GPL-3.0-or-later
// The designer's typed editors (widgets/designer): one per declared option of every method,
// each showing its default and giving it back unchanged; ranges and choices as declared; the
// ladder picker and the reduction slider on real backbone shapes; and the designer turning
// what the editors hold into the run.
#include "designer/LadderPicker.h"
#include "designer/OptionEditor.h"
#include "designer/ReductionSlider.h"
#include "designer/RunDesigner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QToolButton>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <memory>

using namespace ladder;

namespace {

OptionDescription declared(MethodKind kind, const std::string &key)
{
    for (const OptionDescription &option : describeMethodOptions(kind)) {
        if (option.key == key)
            return option;
    }
    qFatal("no option %s", key.c_str());
}

/// T5-base's shape: 12 layers, d_model 768, d_ff 3072, d_kv 64.
T5Config t5Base()
{
    return T5Config::preset("t5-base");
}

QList<int> checkedLayers(const LadderPicker &picker)
{
    QList<int> layers;
    for (int layer = 0;; ++layer) {
        auto *button = picker.findChild<QToolButton *>(QStringLiteral("layer%1").arg(layer));
        if (button == nullptr)
            return layers;
        if (button->isChecked())
            layers.append(layer);
    }
}

} // namespace

class TestOptionEditors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyOptionGetsAnEditorHoldingItsDefault_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("key");
        for (MethodKind kind : allMethodKinds()) {
            for (const OptionDescription &option : describeMethodOptions(kind))
                QTest::newRow((methodName(kind) + "." + option.key).c_str())
                    << static_cast<int>(kind) << QString::fromStdString(option.key);
        }
    }
    void everyOptionGetsAnEditorHoldingItsDefault()
    {
        QFETCH(int, kind);
        QFETCH(QString, key);
        const OptionDescription option = declared(static_cast<MethodKind>(kind), key.toStdString());
        std::unique_ptr<OptionEditor> editor(createMethodOptionEditor(static_cast<MethodKind>(kind), option));
        QCOMPARE(nlohmann::json::parse(editor->jsonValue().toStdString()), nlohmann::json::parse(option.defaultValue));
        QVERIFY(!editor->toolTip().isEmpty());
        // A value of the wrong kind is refused and leaves the editor as it was.
        QVERIFY(!editor->setJsonValue(QStringLiteral("{\"not\": \"a value\"}")));
        QCOMPARE(nlohmann::json::parse(editor->jsonValue().toStdString()), nlohmann::json::parse(option.defaultValue));
        // The editor's kind follows the declared type.
        switch (option.type) {
        case OptionType::Integer:
            if (option.key != "reduction" || static_cast<MethodKind>(kind) != MethodKind::Lst) {
                auto *box = editor->findChild<QSpinBox *>();
                QVERIFY(box);
                QCOMPARE(box->minimum(), static_cast<int>(option.minimum.value_or(INT_MIN)));
            }
            break;
        case OptionType::Number: {
            auto *box = editor->findChild<QDoubleSpinBox *>();
            QVERIFY(box);
            if (option.maximum && option.maximumExclusive)
                QVERIFY(box->maximum() < *option.maximum);
            break;
        }
        case OptionType::Choice: {
            auto *box = editor->findChild<QComboBox *>();
            QVERIFY(box);
            QCOMPARE(box->count(), static_cast<int>(option.choices.size()));
            break;
        }
        case OptionType::Boolean:
            QVERIFY(editor->findChild<QCheckBox *>());
            break;
        case OptionType::NameSet:
            QCOMPARE(editor->findChildren<QCheckBox *>().size(), static_cast<qsizetype>(option.choices.size()));
            break;
        default:
            break;
        }
    }

    void loraTargetsCannotBeEmptied()
    {
        std::unique_ptr<OptionEditor> editor(createMethodOptionEditor(MethodKind::Lora, declared(MethodKind::Lora, "targets")));
        QCOMPARE(editor->jsonValue(), QStringLiteral("[\"q\",\"v\"]"));
        auto *q = editor->findChild<QCheckBox *>(QStringLiteral("q"));
        auto *v = editor->findChild<QCheckBox *>(QStringLiteral("v"));
        auto *wi = editor->findChild<QCheckBox *>(QStringLiteral("wi"));
        wi->click();
        QCOMPARE(editor->jsonValue(), QStringLiteral("[\"q\",\"v\",\"wi\"]"));
        q->click();
        v->click();
        wi->click(); // the last one stays
        QVERIFY(wi->isChecked());
        QCOMPARE(editor->jsonValue(), QStringLiteral("[\"wi\"]"));
    }

    void ladderPickerShowsThePapersLayersOnT5Base()
    {
        LadderPicker picker(declared(MethodKind::Lst, "layers"));
        picker.setBackbone(t5Base());
        QCOMPARE(checkedLayers(picker), (QList<int>{1, 2, 3, 5, 6, 7, 9, 10, 11}));
        auto *summary = picker.findChild<QLabel *>(QStringLiteral("layerSummary"));
        QVERIFY2(summary->text().contains(QStringLiteral("9 of 12")), qPrintable(summary->text()));
        QCOMPARE(picker.jsonValue(), QStringLiteral("\"default\""));

        // Clicking a layer makes the selection the clicked set.
        QSignalSpy changed(&picker, &OptionEditor::valueChanged);
        picker.findChild<QToolButton *>(QStringLiteral("layer0"))->click();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(picker.jsonValue(), QStringLiteral("\"0,1,2,3,5,6,7,9,10,11\""));
        QCOMPARE(picker.findChild<QComboBox *>()->currentData().toString(), QStringLiteral("custom"));

        // The decoder's strip toggles the same list: the engine takes one list for both stacks.
        picker.findChild<QToolButton *>(QStringLiteral("decoderLayer4"))->click();
        QCOMPARE(picker.jsonValue(), QStringLiteral("\"0,1,2,3,4,5,6,7,9,10,11\""));
        QVERIFY(picker.findChild<QToolButton *>(QStringLiteral("layer4"))->isChecked());

        // A preset resolves on the backbone; a loaded array becomes the list form.
        auto *preset = picker.findChild<QComboBox *>(QStringLiteral("layerPreset"));
        preset->setCurrentIndex(preset->findData(QStringLiteral("every:2")));
        Q_EMIT preset->activated(preset->currentIndex());
        QCOMPARE(checkedLayers(picker), (QList<int>{1, 3, 5, 7, 9, 11}));
        preset->setCurrentIndex(preset->findData(QStringLiteral("last-half")));
        Q_EMIT preset->activated(preset->currentIndex());
        QCOMPARE(picker.jsonValue(), QStringLiteral("\"6,7,8,9,10,11\""));
        QVERIFY(picker.setJsonValue(QStringLiteral("[4, 2]")));
        QCOMPARE(picker.jsonValue(), QStringLiteral("\"4,2\""));
        QCOMPARE(checkedLayers(picker), (QList<int>{2, 4}));
        QVERIFY(!picker.setJsonValue(QStringLiteral("\"1,,2\"")));

        // On a shallower backbone a layer it lacks is said, not dropped.
        T5Config shallow = t5Base();
        shallow.numLayers = shallow.numDecoderLayers = 4;
        picker.setBackbone(shallow);
        QVERIFY2(summary->text().contains(QStringLiteral("4")), qPrintable(summary->text()));
        QCOMPARE(picker.jsonValue(), QStringLiteral("\"4,2\""));
        QVERIFY(picker.keptLayers().empty());

        // The last layer cannot be dropped: the side network needs a ladder.
        QVERIFY(picker.setJsonValue(QStringLiteral("\"3\"")));
        picker.findChild<QToolButton *>(QStringLiteral("layer3"))->click();
        QCOMPARE(picker.jsonValue(), QStringLiteral("\"3\""));
    }

    void reductionSliderOffersWhatTheBackboneAllows()
    {
        ReductionSlider slider(declared(MethodKind::Lst, "reduction"));
        slider.setBackbone(t5Base());
        QCOMPARE(slider.choices(), (std::vector<int64_t>{1, 2, 4, 8, 16, 32, 64}));
        QCOMPARE(slider.jsonValue(), QStringLiteral("8"));
        auto *widths = slider.findChild<QLabel *>(QStringLiteral("reductionWidths"));
        QVERIFY2(widths->text().contains(QStringLiteral("d_model 96")), qPrintable(widths->text()));
        auto *bar = slider.findChild<QSlider *>(QStringLiteral("reductionSlider"));
        bar->setValue(bar->value() + 1);
        QCOMPARE(slider.jsonValue(), QStringLiteral("16"));

        // A loaded factor the backbone refuses stays shown, with the engine's reason.
        QVERIFY(slider.setJsonValue(QStringLiteral("5")));
        QCOMPARE(slider.jsonValue(), QStringLiteral("5"));
        QVERIFY2(widths->text().contains(QStringLiteral("does not divide")), qPrintable(widths->text()));
        QVERIFY(!slider.setJsonValue(QStringLiteral("0")));
    }

    void designerRunsWhatTheEditorsHold()
    {
        RunDesigner designer;
        RunConfig shown = RunDesigner::demoConfig();
        shown.method.kind = MethodKind::Lst;
        shown.method.lst.layers = "every:2";
        shown.method.lst.reduction = 4;
        shown.method.lst.init = SideInit::Magnitude;
        designer.setConfig(shown);
        const std::optional<RunConfig> config = designer.config();
        QVERIFY(config);
        QCOMPARE(config->method.toJson(), shown.method.toJson());

        auto *init = designer.findChild<OptionEditor *>(QStringLiteral("method.init"));
        QVERIFY(init);
        // Each option has a reset button, enabled while the value is not the declared default.
        auto *resetInit = designer.findChild<QToolButton *>(QStringLiteral("method.init.reset"));
        QVERIFY(resetInit && resetInit->isEnabled()); // magnitude, loaded above
        QVERIFY(!designer.findChild<QToolButton *>(QStringLiteral("method.dropout.reset"))->isEnabled());
        resetInit->click();
        QVERIFY(designer.config()->method.lst.init == SideInit::Fisher);
        QVERIFY(!resetInit->isEnabled());
        init->findChild<QComboBox *>()->setCurrentText(QStringLiteral("random"));
        QVERIFY(designer.config()->method.lst.init == SideInit::Random);
        QVERIFY(resetInit->isEnabled());
        // The ladder picker follows the designer's backbone (wordnet-t5-tiny's depth).
        auto *picker = designer.findChild<LadderPicker *>();
        QVERIFY(picker);
        QVERIFY(!picker->keptLayers().empty());
    }

    void moreTrainingSettingsCoverEveryOtherTrainOption()
    {
        RunDesigner designer;
        RunConfig shown = RunDesigner::demoConfig();
        shown.train.weightDecay = 0.01;
        shown.train.warmupSteps = 30;
        designer.setConfig(shown);
        QCOMPARE(designer.config()->toJson(), shown.toJson());
        // One editor per train.* option the form has no field for; none for resume_from.
        int editors = 0;
        for (const OptionDescription &option : describeRunConfigOptions()) {
            if (option.key.rfind("train.", 0) == 0
                && designer.findChild<OptionEditor *>(QString::fromStdString(option.key)) != nullptr)
                ++editors;
        }
        QCOMPARE(editors, 18);
        QVERIFY(!designer.findChild<OptionEditor *>(QStringLiteral("train.resume_from")));
        QVERIFY(!designer.findChild<OptionEditor *>(QStringLiteral("train.batch_size")));
        auto *decay = designer.findChild<OptionEditor *>(QStringLiteral("train.weight_decay"));
        QCOMPARE(decay->jsonValue(), QStringLiteral("0.01"));
        QVERIFY(!decay->isVisibleTo(&designer)); // folded away until asked for
        designer.findChild<QToolButton *>(QStringLiteral("moreSettings"))->click();
        QVERIFY(decay->isVisibleTo(&designer));
        // To look at the unfolded form: LADDER_SCREENSHOT_DIR=<folder> saves it there.
        if (qEnvironmentVariableIsSet("LADDER_SCREENSHOT_DIR")) {
            designer.resize(460, designer.sizeHint().height());
            designer.grab().save(qEnvironmentVariable("LADDER_SCREENSHOT_DIR") + QStringLiteral("/designer-more-settings.png"));
        }

        auto *accumulation = designer.findChild<OptionEditor *>(QStringLiteral("train.grad_accumulation"));
        QCOMPARE(accumulation->findChild<QSpinBox *>()->minimum(), 1);
        accumulation->findChild<QSpinBox *>()->setValue(4);
        QCOMPARE(designer.config()->train.gradAccumulation, int64_t(4));
        // A combination the declarations allow but the run does not is refused with the reason.
        designer.findChild<OptionEditor *>(QStringLiteral("train.checkpoint_every"))->setJsonValue(QStringLiteral("10"));
        QString error;
        QVERIFY(!designer.config(&error));
        QVERIFY2(error.contains(QStringLiteral("train.checkpoint_every")), qPrintable(error));
    }
};

QTEST_MAIN(TestOptionEditors)
#include "test_option_editors.moc"
