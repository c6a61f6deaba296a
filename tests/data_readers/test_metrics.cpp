// SPDX-License-Identifier: GPL-3.0-or-later
// The paper's GLUE metrics against values computed by hand (each case shows its arithmetic).

#include "DataTestSupport.h"
#include "data/Metrics.h"

#include <QtTest>

#include <cmath>

using namespace ladder;
using ladder::test::errorOf;
using Strings = std::vector<std::string>;
using Numbers = std::vector<double>;

namespace {

bool near(double actual, double expected)
{
    return std::abs(actual - expected) < 1e-9;
}

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accuracyIsThePercentOfExactMatches()
    {
        // 3 of 4 equal; "positive " (trailing space) is not "positive".
        QCOMPARE(accuracy({ "a", "b", "c", "positive " }, { "a", "b", "c", "positive" }), 75.0);
    }

    void f1CountsInvalidPredictionsAsWrong()
    {
        // targets     1 1 1 0 0 0
        // predictions 1 1 0 1 0 x   ("x" is invalid: it becomes 1 - target = 1, a false positive)
        // TP = 2, FP = 2, FN = 1 → F1 = 2·2 / (2·2 + 2 + 1) = 4/7
        const double f1 = f1WithInvalid({ "1", "1", "0", "1", "0", "x" }, { "1", "1", "1", "0", "0", "0" });
        QVERIFY2(near(f1, 100.0 * 4.0 / 7.0), std::to_string(f1).c_str());
        // An invalid prediction for a positive target becomes a false negative:
        // targets 1 1 0, predictions 1 maybe 0 → TP 1, FN 1, FP 0 → F1 = 2/3.
        QVERIFY(near(f1WithInvalid({ "1", "maybe", "0" }, { "1", "1", "0" }), 100.0 * 2.0 / 3.0));
    }

    void f1WithLabelWords()
    {
        // TP = 1 (equivalent/equivalent), FN = 1, FP = 0 → 2/3.
        QVERIFY(near(f1WithInvalid({ "equivalent", "not_equivalent", "not_equivalent" },
                         { "equivalent", "equivalent", "not_equivalent" }, "equivalent", "not_equivalent"),
            100.0 * 2.0 / 3.0));
    }

    void f1IsZeroWithoutTruePositives()
    {
        QCOMPARE(f1WithInvalid({ "0", "0" }, { "0", "0" }), 0.0);
        QCOMPARE(f1WithInvalid({ "0", "1" }, { "1", "0" }), 0.0);
    }

    void f1RejectsATargetOutsideTheTwoClasses()
    {
        const std::string message = errorOf([] { f1WithInvalid({ "1", "0" }, { "1", "2" }); });
        QCOMPARE(ladder::test::q(message), QStringLiteral("F1: target '2' of example 2 is neither '1' nor '0'"));
    }

    void matthewsOnAHandComputedConfusionMatrix()
    {
        // TP = 6, TN = 3, FP = 1, FN = 2:
        // MCC = (6·3 − 1·2) / sqrt((6+1)(6+2)(3+1)(3+2)) = 16 / sqrt(1120) = 0.478091…
        Strings predictions, targets;
        const auto add = [&](const char *p, const char *t, int n) {
            for (int i = 0; i < n; ++i) {
                predictions.push_back(p);
                targets.push_back(t);
            }
        };
        add("1", "1", 6);
        add("0", "0", 3);
        add("1", "0", 1);
        add("0", "1", 2);
        const double mcc = matthewsCorrelation(predictions, targets);
        QVERIFY2(near(mcc, 100.0 * 16.0 / std::sqrt(1120.0)), std::to_string(mcc).c_str());
    }

    void matthewsExtremes()
    {
        QCOMPARE(matthewsCorrelation({ "1", "0", "1" }, { "1", "0", "1" }), 100.0);
        QCOMPARE(matthewsCorrelation({ "0", "1", "0" }, { "1", "0", "1" }), -100.0);
        QCOMPARE(matthewsCorrelation({ "1", "1", "1" }, { "1", "0", "1" }), 0.0); // one predicted class: undefined → 0
    }

    void matthewsTreatsAnInvalidPredictionAsAnotherClass()
    {
        // sklearn's multiclass form, targets 0 0 1 1, predictions 0 x 1 1:
        // target counts t = (0:2, 1:2, x:0), prediction counts p = (0:1, 1:2, x:1), correct = 3, n = 4
        // cov(t,p) = 3·4 − (2·1 + 2·2) = 6; cov(p,p) = 16 − (1+4+1) = 10; cov(t,t) = 16 − 8 = 8
        // MCC = 6 / sqrt(80) = 0.670820…
        QVERIFY(
            near(matthewsCorrelation({ "0", "x", "1", "1" }, { "0", "0", "1", "1" }), 100.0 * 6.0 / std::sqrt(80.0)));
    }

    void pearsonByHand()
    {
        // x = 1..5, y = 2 4 5 4 5: dx = −2 −1 0 1 2, dy = −2 0 1 0 1
        // Σdx·dy = 6, Σdx² = 10, Σdy² = 6 → r = 6 / sqrt(60) = 0.774597…
        QVERIFY(near(pearsonCorrelation({ 1, 2, 3, 4, 5 }, { 2, 4, 5, 4, 5 }), 100.0 * 6.0 / std::sqrt(60.0)));
    }

    void spearmanAveragesTiedRanks()
    {
        // ranks of y = 2 4 5 4 5 → 1 2.5 4.5 2.5 4.5 (ties share their average rank)
        // against 1..5: dy = −2 −0.5 1.5 −0.5 1.5, Σdx·dy = 7, Σdx² = 10, Σdy² = 9 → r = 7 / sqrt(90)
        QVERIFY(near(spearmanCorrelation({ 1, 2, 3, 4, 5 }, { 2, 4, 5, 4, 5 }), 100.0 * 7.0 / std::sqrt(90.0)));
        // Monotonic but not linear: Spearman 100, Pearson below.
        QVERIFY(near(spearmanCorrelation({ 1, 2, 3, 4 }, { 1, 4, 9, 100 }), 100.0));
        QVERIFY(pearsonCorrelation({ 1, 2, 3, 4 }, { 1, 4, 9, 100 }) < 90.0);
    }

    void undefinedCorrelationsCountAsZero()
    {
        // Constant predictions give NaN in scipy; the paper's code reports 0.
        QCOMPARE(pearsonCorrelation({ 3, 3, 3 }, { 1, 2, 3 }), 0.0);
        QCOMPARE(spearmanCorrelation({ 3, 3, 3 }, { 1, 2, 3 }), 0.0);
        QCOMPARE(pearsonCorrelation({ std::nan(""), 1, 2 }, { 1, 2, 3 }), 0.0);
        QCOMPARE(spearmanCorrelation({ std::nan(""), 1, 2 }, { 1, 2, 3 }), 0.0);
        QCOMPARE(pearsonCorrelation({ 1 }, { 1 }), 0.0);
    }

    void scoreFromText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("value");
        QTest::newRow("decimal") << QStringLiteral("3.8") << 3.8;
        QTest::newRow("surrounding spaces") << QStringLiteral(" 2.0 ") << 2.0;
        QTest::newRow("plus sign") << QStringLiteral("+1.5") << 1.5;
        QTest::newRow("minus sign") << QStringLiteral("-0.4") << -0.4;
        QTest::newRow("exponent") << QStringLiteral("1e1") << 10.0;
        QTest::newRow("leading dot") << QStringLiteral(".5") << 0.5;
        QTest::newRow("words") << QStringLiteral("five") << -1.0;
        QTest::newRow("empty") << QString() << -1.0;
        QTest::newRow("two signs") << QStringLiteral("--1") << -1.0;
        QTest::newRow("trailing text") << QStringLiteral("3.8.") << -1.0;
        QTest::newRow("label word") << QStringLiteral("entailment") << -1.0;
    }

    void scoreFromText()
    {
        QFETCH(QString, text);
        QFETCH(double, value);
        QCOMPARE(ladder::scoreFromText(text.toStdString()), value);
    }

    void scoreFromTextReadsNanLikePython()
    {
        QVERIFY(std::isnan(ladder::scoreFromText("nan")));
        QVERIFY(std::isinf(ladder::scoreFromText("-inf")));
    }

    void glueScoresPerTask()
    {
        // CoLA: MCC only (TP 1, TN 1, FP 1, FN 0 → (1 − 0)/sqrt(2·1·1·2) = 0.5).
        const TaskEvaluation cola
            = evaluateGlue(GlueTask::Cola, { "1", "0", "1" }, { "1", "0", "0" }, TargetStyle::LabelIds);
        QCOMPARE(int(cola.metrics.size()), 1);
        QVERIFY(near(cola.metric("matthews_correlation"), 50.0));
        QVERIFY(near(cola.score, 50.0));

        // MRPC with label words: accuracy 2/3, F1 (TP 1, FN 1) = 2/3 → score = mean = 66.67.
        const TaskEvaluation mrpc = evaluateGlue(GlueTask::Mrpc, { "equivalent", "not_equivalent", "not_equivalent" },
            { "equivalent", "equivalent", "not_equivalent" }, TargetStyle::LabelWords);
        QVERIFY(near(mrpc.metric("f1"), 200.0 / 3.0));
        QVERIFY(near(mrpc.metric("accuracy"), 200.0 / 3.0));
        QVERIFY(near(mrpc.score, 200.0 / 3.0));

        // QQP with ids: F1 (TP 1, FP 1, FN 0) = 2/3, accuracy 1/2 → score = (66.67 + 50) / 2.
        const TaskEvaluation qqp = evaluateGlue(GlueTask::Qqp, { "1", "1" }, { "1", "0" }, TargetStyle::LabelIds);
        QVERIFY(near(qqp.score, (200.0 / 3.0 + 50.0) / 2.0));

        // SST-2, MNLI, QNLI, RTE, WNLI: accuracy.
        QCOMPARE(evaluateGlue(
                     GlueTask::Rte, { "entailment", "x" }, { "entailment", "not_entailment" }, TargetStyle::LabelWords)
                     .score,
            50.0);
        QCOMPARE(
            evaluateGlue(GlueTask::Mnli, { "2", "1" }, { "2", "1" }, TargetStyle::LabelIds).metric("accuracy"), 100.0);
    }

    void stsbScoreIsTheMeanOfPearsonAndSpearmanWithUnparseableAsMinusOne()
    {
        // "oops" reads as −1, so predictions are −1 2 3 4 5 against targets 1..5.
        const Strings predictions = { "oops", "2.0", "3.0", "4.0", "5.0" };
        const Strings targets = { "1.0", "2.0", "3.0", "4.0", "5.0" };
        const TaskEvaluation stsb = evaluateGlue(GlueTask::Stsb, predictions, targets, TargetStyle::LabelWords);
        const double pearson = pearsonCorrelation({ -1, 2, 3, 4, 5 }, { 1, 2, 3, 4, 5 });
        QVERIFY(near(stsb.metric("pearson"), pearson));
        QVERIFY(pearson < 100.0);
        QVERIFY(near(stsb.metric("spearmanr"), 100.0)); // still monotonic
        QVERIFY(near(stsb.score, (pearson + 100.0) / 2.0));
        // Every prediction the same: both correlations are NaN → 0.
        QCOMPARE(evaluateGlue(GlueTask::Stsb, { "2.6", "2.6" }, { "1.0", "4.0" }, TargetStyle::LabelWords).score, 0.0);
    }

    void genericTasks()
    {
        QCOMPARE(evaluateGeneric(false, { "a", "b" }, { "a", "a" }).score, 50.0);
        const TaskEvaluation regression = evaluateGeneric(true, { "1", "2", "3" }, { "10", "20", "30" });
        QVERIFY(near(regression.score, 100.0));
        QVERIFY(near(regression.metric("pearson"), 100.0));
    }

    void mismatchedOrEmptyInputsAreErrors()
    {
        QCOMPARE(ladder::test::q(errorOf([] {
            accuracy({ "a" }, { "a", "b" });
        })),
            QStringLiteral("accuracy: 1 predictions for 2 targets (expected one prediction per target)"));
        QCOMPARE(ladder::test::q(errorOf([] { matthewsCorrelation({}, {}); })),
            QStringLiteral("Matthews correlation: no examples to evaluate"));
        QVERIFY(!errorOf([] { pearsonCorrelation({ 1, 2 }, { 1 }); }).empty());
        QVERIFY(!errorOf([] { TaskEvaluation().metric("f1"); }).empty());
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "test_metrics.moc"
