// SPDX-License-Identifier: GPL-3.0-or-later
// T5 text-to-text formatting, character for character as the paper's code builds its inputs
// (seq2seq/data/tasks.py) and targets.

#include "DataTestSupport.h"
#include "data/TextToText.h"

#include <QtTest>

using namespace ladder;
using ladder::test::errorOf;
using ladder::test::q;

namespace {

Example example(std::vector<std::string> texts, std::string label, double score = 0.0)
{
    Example result;
    result.texts = std::move(texts);
    result.label = std::move(label);
    result.score = score;
    result.hasLabel = true;
    result.line = 2;
    return result;
}

} // namespace

class TestTextToText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void glueTasksFormatAsThePapersCode_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<QStringList>("texts");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("wordTarget");
        QTest::addColumn<QString>("idTarget");

        QTest::newRow("cola") << int(GlueTask::Cola) << QStringList { QStringLiteral("They drank the pub.") }
                              << QStringLiteral("unacceptable") << QStringLiteral("cola sentence: They drank the pub.")
                              << QStringLiteral("unacceptable") << QStringLiteral("0");
        QTest::newRow("sst2") << int(GlueTask::Sst2) << QStringList { QStringLiteral("a gorgeous film ") }
                              << QStringLiteral("positive") << QStringLiteral("sst2 sentence: a gorgeous film ")
                              << QStringLiteral("positive") << QStringLiteral("1");
        QTest::newRow("mrpc") << int(GlueTask::Mrpc)
                              << QStringList { QStringLiteral("\" The pie ."), QStringLiteral("The pie .") }
                              << QStringLiteral("equivalent")
                              << QStringLiteral("mrpc sentence1: \" The pie . sentence2: The pie .")
                              << QStringLiteral("equivalent") << QStringLiteral("1");
        QTest::newRow("qqp") << int(GlueTask::Qqp) << QStringList { QStringLiteral("Why?"), QStringLiteral("How?") }
                             << QStringLiteral("not_duplicate") << QStringLiteral("qqp question1: Why? question2: How?")
                             << QStringLiteral("not_duplicate") << QStringLiteral("0");
        QTest::newRow("mnli, 'hypothesis' without colon as in the paper's code")
            << int(GlueTask::Mnli) << QStringList { QStringLiteral("A man sleeps."), QStringLiteral("A person rests.") }
            << QStringLiteral("contradiction")
            << QStringLiteral("mnli premise: A man sleeps. hypothesis A person rests.")
            << QStringLiteral("contradiction") << QStringLiteral("2");
        QTest::newRow("qnli") << int(GlueTask::Qnli) << QStringList { QStringLiteral("Who?"), QStringLiteral("Him.") }
                              << QStringLiteral("not_entailment")
                              << QStringLiteral("qnli question: Who? sentence: Him.")
                              << QStringLiteral("not_entailment") << QStringLiteral("1");
        QTest::newRow("rte, entailment is id 0")
            << int(GlueTask::Rte) << QStringList { QStringLiteral("A."), QStringLiteral("B.") }
            << QStringLiteral("entailment") << QStringLiteral("rte sentence1: A. sentence2: B.")
            << QStringLiteral("entailment") << QStringLiteral("0");
        QTest::newRow("wnli, entailment is id 1")
            << int(GlueTask::Wnli) << QStringList { QStringLiteral("A."), QStringLiteral("B.") }
            << QStringLiteral("entailment") << QStringLiteral("wnli sentence1: A. sentence2: B.")
            << QStringLiteral("entailment") << QStringLiteral("1");
        QTest::newRow("empty text keeps both spaces")
            << int(GlueTask::Rte) << QStringList { QString(), QStringLiteral("B.") } << QStringLiteral("entailment")
            << QStringLiteral("rte sentence1:  sentence2: B.") << QStringLiteral("entailment") << QStringLiteral("0");
    }

    void glueTasksFormatAsThePapersCode()
    {
        QFETCH(int, task);
        QFETCH(QStringList, texts);
        QFETCH(QString, label);
        QFETCH(QString, source);
        QFETCH(QString, wordTarget);
        QFETCH(QString, idTarget);
        std::vector<std::string> fields;
        for (const QString &text : texts)
            fields.push_back(text.toStdString());
        const TextToTextFormat format = glueTextToTextFormat(GlueTask(task));
        const Example row = example(fields, label.toStdString());
        const TextToTextPair words = formatExample(format, row, TargetStyle::LabelWords);
        QCOMPARE(q(words.source), source);
        QCOMPARE(q(words.target), wordTarget);
        QCOMPARE(q(formatExample(format, row, TargetStyle::LabelIds).target), idTarget);
    }

    void stsbTargetRoundsLikeThePapersCode_data()
    {
        QTest::addColumn<double>("score");
        QTest::addColumn<QString>("target");
        // str(np.round(float32(score) * 5 / 5, 1)); rint rounds half to even on score·10.
        QTest::newRow("5.000") << 5.0 << QStringLiteral("5.0");
        QTest::newRow("0.000") << 0.0 << QStringLiteral("0.0");
        QTest::newRow("3.800") << 3.8 << QStringLiteral("3.8");
        QTest::newRow("4.600") << 4.6 << QStringLiteral("4.6");
        QTest::newRow("2.25: half to even") << 2.25 << QStringLiteral("2.2");
        QTest::newRow("3.75: half to even") << 3.75 << QStringLiteral("3.8");
        QTest::newRow("1.65 (float32 below the half)") << 1.65 << QStringLiteral("1.6");
        QTest::newRow("0.35: float32 is 0.34999…") << 0.35 << QStringLiteral("0.3");
        QTest::newRow("2.45: float32 is 2.4500000477…") << 2.45 << QStringLiteral("2.5");
        QTest::newRow("2.35: float32 is 2.3499999…") << 2.35 << QStringLiteral("2.3");
        QTest::newRow("0.05: float32 is 0.0500000007…") << 0.05 << QStringLiteral("0.1");
        QTest::newRow("not to the nearest 0.2 (docstring notwithstanding)") << 3.1 << QStringLiteral("3.1");
    }

    void stsbTargetRoundsLikeThePapersCode()
    {
        QFETCH(double, score);
        QFETCH(QString, target);
        QCOMPARE(q(formatStsbScore(score)), target);
        const TextToTextFormat format = glueTextToTextFormat(GlueTask::Stsb);
        const Example row = example({ "A plane is taking off.", "An air plane is taking off." }, "", score);
        QCOMPARE(q(formatExample(format, row, TargetStyle::LabelIds).target), target);
        QCOMPARE(q(formatExample(format, row, TargetStyle::LabelWords).source),
            QStringLiteral("stsb sentence1: A plane is taking off. sentence2: An air plane is taking off."));
    }

    void formatScoreFollowsNumpyRound_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("decimals");
        QTest::addColumn<QString>("text");
        QTest::newRow("0.25 to 1") << 0.25 << 1 << QStringLiteral("0.2");
        QTest::newRow("0.35 to 1 in double") << 0.35 << 1 << QStringLiteral("0.4");
        QTest::newRow("0.125 to 2") << 0.125 << 2 << QStringLiteral("0.12");
        QTest::newRow("2.675 to 2: 2.675·100 is 267.5 in binary, numpy gives 2.68 where Python's round gives 2.67")
            << 2.675 << 2 << QStringLiteral("2.68");
        QTest::newRow("3 to 2 keeps one decimal") << 3.0 << 2 << QStringLiteral("3.0");
        QTest::newRow("2.5 to 0") << 2.5 << 0 << QStringLiteral("2.0");
        QTest::newRow("negative") << -1.26 << 1 << QStringLiteral("-1.3");
    }

    void formatScoreFollowsNumpyRound()
    {
        QFETCH(double, value);
        QFETCH(int, decimals);
        QFETCH(QString, text);
        QCOMPARE(q(formatScore(value, decimals)), text);
    }

    void rankClassificationChoices()
    {
        const TextToTextFormat mnli = glueTextToTextFormat(GlueTask::Mnli);
        QCOMPARE(targetChoices(mnli, TargetStyle::LabelWords),
            (std::vector<std::string> { "entailment", "neutral", "contradiction" }));
        QCOMPARE(targetChoices(mnli, TargetStyle::LabelIds), (std::vector<std::string> { "0", "1", "2" }));
        const TextToTextFormat cola = glueTextToTextFormat(GlueTask::Cola);
        QCOMPARE(
            targetChoices(cola, TargetStyle::LabelWords), (std::vector<std::string> { "unacceptable", "acceptable" }));
        QVERIFY(targetChoices(glueTextToTextFormat(GlueTask::Stsb), TargetStyle::LabelIds).empty());
        QVERIFY(glueTextToTextFormat(GlueTask::Stsb).regression);
        QVERIFY(!glueTextToTextFormat(GlueTask::Sst2).regression);
        QCOMPARE(labelIndex(mnli, "neutral"), 1);
        QCOMPARE(labelIndex(mnli, "maybe"), -1);
    }

    void prefixCanBeLeftOut()
    {
        const Example row = example({ "fine" }, "positive");
        QCOMPARE(q(formatSource(glueTextToTextFormat(GlueTask::Sst2), row, false)), QStringLiteral("sentence: fine"));
    }

    void genericTaskFormat()
    {
        const TextToTextFormat format = genericTextToTextFormat("", { "title", "review" }, { "bad", "good" }, false);
        const Example row = example({ "Wow", "Loved it" }, "good");
        const TextToTextPair pair = formatExample(format, row, TargetStyle::LabelIds);
        QCOMPARE(q(pair.source), QStringLiteral("title: Wow review: Loved it"));
        QCOMPARE(q(pair.target), QStringLiteral("1"));
        const TextToTextFormat named = genericTextToTextFormat("reviews", { "review" }, {}, true);
        const Example scored = example({ "ok" }, "", 3.14159);
        QCOMPARE(q(formatExample(named, scored, TargetStyle::LabelWords).source), QStringLiteral("reviews review: ok"));
        QCOMPARE(q(formatExample(named, scored, TargetStyle::LabelWords).target), QStringLiteral("3.1"));
    }

    void unlabelledExamplesHaveNoTarget()
    {
        Example row = example({ "predict me" }, "");
        row.hasLabel = false;
        const TextToTextFormat format = glueTextToTextFormat(GlueTask::Sst2);
        QCOMPARE(q(formatExample(format, row, TargetStyle::LabelWords).target), QString());
        QVERIFY(errorOf([&] { formatTarget(format, row, TargetStyle::LabelWords); }).find("has no label")
            != std::string::npos);
    }

    void badExamplesAreErrors()
    {
        const TextToTextFormat format = glueTextToTextFormat(GlueTask::Rte);
        QCOMPARE(q(errorOf([&] {
            formatTarget(format, example({ "a", "b" }, "maybe"), TargetStyle::LabelIds);
        })),
            QStringLiteral("example from line 2 has label 'maybe', expected one of entailment, not_entailment"));
        QCOMPARE(q(errorOf([&] { formatSource(format, example({ "a" }, "entailment")); })),
            QStringLiteral("example from line 2 has 1 text fields, the task format expects 2"));
        QVERIFY(!errorOf([] { formatScore(1.0, -1); }).empty());
    }
};

QTEST_GUILESS_MAIN(TestTextToText)
#include "test_text_to_text.moc"
