// SPDX-License-Identifier: GPL-3.0-or-later
// Compare methods' dialog: LST, Adapters and LoRA are checked until the user chooses; each method
// has an editable learning rate starting at the measured (teaching backbones) or the paper's
// default; the choice and the changed rates are remembered; Reset rates restores the defaults; a
// bad rate or no method cannot be queued; the queued configurations are methodComparisonConfigs'.

#include "TinyRun.h"
#include "queue/CompareMethodsDialog.h"
#include "queue/MethodComparison.h"
#include "settings/WorkbenchSettings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using ladder::CompareMethodsDialog;
using ladder::MethodKind;

namespace {

QLineEdit *rateEdit(const CompareMethodsDialog &dialog, const char *method)
{
    return dialog.findChild<QLineEdit *>(QStringLiteral("rate.") + QLatin1String(method));
}

QCheckBox *methodCheck(const CompareMethodsDialog &dialog, const char *method)
{
    return dialog.findChild<QCheckBox *>(QStringLiteral("method.") + QLatin1String(method));
}

QPushButton *okButton(const CompareMethodsDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

} // namespace

class TestCompareMethodsDialog : public QObject
{
    Q_OBJECT

private slots:
    void firstTimeChecksLstAdaptersLoraAtTheMeasuredRates()
    {
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("first.ini")));
        const CompareMethodsDialog dialog(tinyRun("designed", 40), &settings);
        const std::vector<MethodKind> expected{MethodKind::Lst, MethodKind::Adapter, MethodKind::Lora};
        QCOMPARE(dialog.selectedMethods(), expected);
        QCOMPARE(dialog.learningRates(), ladder::demoLearningRates()); // the tiny run is on wordnet-t5-tiny
        QCOMPARE(rateEdit(dialog, "lst")->text(), QStringLiteral("0.01"));
        QCOMPARE(methodCheck(dialog, "lst")->text(), QStringLiteral("Ladder Side-Tuning (LST)"));
        QVERIFY(methodCheck(dialog, "full")->toolTip().contains(QStringLiteral("full")));
        QVERIFY(okButton(dialog)->isEnabled());
        QCOMPARE(okButton(dialog)->text(), QStringLiteral("Queue 3 runs"));
    }

    void aBackboneWithoutMeasurementsStartsAtThePapersRates()
    {
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("paper.ini")));
        ladder::RunConfig base = tinyRun("designed", 40);
        base.backbone.preset = "t5-small";
        const CompareMethodsDialog dialog(base, &settings);
        QCOMPARE(dialog.learningRates(), ladder::paperLearningRates());
        QCOMPARE(rateEdit(dialog, "lora")->text(), QStringLiteral("0.0003"));
    }

    void choiceAndChangedRatesAreRememberedAndResetRestoresDefaults()
    {
        const QString file = m_dir.filePath(QStringLiteral("kept.ini"));
        {
            ladder::WorkbenchSettings settings(file);
            CompareMethodsDialog dialog(tinyRun("designed", 40), &settings);
            methodCheck(dialog, "adapter")->setChecked(false);
            methodCheck(dialog, "bitfit")->setChecked(true);
            rateEdit(dialog, "lora")->setText(QStringLiteral("2e-3"));
            dialog.accept();
            settings.sync();
            // Only the rate the user changed is stored: defaults depend on the backbone.
            QCOMPARE(settings.methodLearningRates(), (QMap<QString, double>{{QStringLiteral("lora"), 2e-3}}));
            QCOMPARE(settings.comparedMethods(),
                QStringList({QStringLiteral("lst"), QStringLiteral("lora"), QStringLiteral("bitfit")}));
        }
        ladder::WorkbenchSettings settings(file);
        CompareMethodsDialog dialog(tinyRun("designed", 40), &settings);
        const std::vector<MethodKind> remembered{MethodKind::Lst, MethodKind::Lora, MethodKind::BitFit};
        QCOMPARE(dialog.selectedMethods(), remembered);
        QCOMPARE(dialog.learningRates().value(QStringLiteral("lora")), 2e-3);
        QCOMPARE(rateEdit(dialog, "lora")->text(), QStringLiteral("0.002"));

        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("resetRates")), Qt::LeftButton);
        QCOMPARE(dialog.learningRates(), ladder::demoLearningRates());
    }

    void aBadRateOrNoMethodCannotBeQueued_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("scientific") << QStringLiteral("3e-4") << true;
        QTest::newRow("decimal") << QStringLiteral("0.05") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("zero") << QStringLiteral("0") << false;
        QTest::newRow("negative") << QStringLiteral("-1e-3") << false;
        QTest::newRow("words") << QStringLiteral("fast") << false;
    }

    void aBadRateOrNoMethodCannotBeQueued()
    {
        QFETCH(QString, text);
        QFETCH(bool, accepted);
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("bad.ini")));
        CompareMethodsDialog dialog(tinyRun("designed", 40), &settings);
        rateEdit(dialog, "lst")->setText(text);
        QCOMPARE(okButton(dialog)->isEnabled(), accepted);
        // An unchecked method's rate does not block the others.
        methodCheck(dialog, "lst")->setChecked(false);
        QVERIFY(okButton(dialog)->isEnabled());
        for (const char *method : {"adapter", "lora"})
            methodCheck(dialog, method)->setChecked(false);
        QVERIFY(!okButton(dialog)->isEnabled());
    }

    void queuedConfigsAreTheComparisonOfTheDesignersRun()
    {
        ladder::WorkbenchSettings settings(m_dir.filePath(QStringLiteral("configs.ini")));
        const ladder::RunConfig base = tinyRun("designed", 40);
        CompareMethodsDialog dialog(base, &settings);
        rateEdit(dialog, "adapter")->setText(QStringLiteral("0.02"));
        const std::vector<ladder::RunConfig> configs = dialog.configs();
        const std::vector<ladder::RunConfig> expected
            = ladder::methodComparisonConfigs(base, dialog.selectedMethods(), dialog.learningRates());
        QCOMPARE(configs.size(), std::size_t(3));
        for (std::size_t i = 0; i < configs.size(); ++i)
            QCOMPARE(configs[i].toJson(), expected[i].toJson());
        QCOMPARE(configs[1].method.kind, MethodKind::Adapter);
        QCOMPARE(configs[1].train.learningRate, 0.02);

        if (const QByteArray shots = qgetenv("LADDER_SCREENSHOT_DIR"); !shots.isEmpty()) {
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.grab().save(QString::fromLocal8Bit(shots) + QStringLiteral("/compare-methods-dialog.png"));
            rateEdit(dialog, "lora")->setText(QStringLiteral("fast"));
            dialog.grab().save(QString::fromLocal8Bit(shots) + QStringLiteral("/compare-methods-dialog-bad-rate.png"));
        }
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestCompareMethodsDialog)
#include "test_compare_methods_dialog.moc"
