// SPDX-License-Identifier: GPL-3.0-or-later
// The GLUE readers read the files exactly as GLUE distributes them (../shared/GLUE-FORMATS.md):
// tab-separated with literal quotes, headers only where the real files have them, test files
// without labels, and every quirk the distribution is known for.

#include "DataTestSupport.h"
#include "data/GlueTask.h"

#include <QtTest>

using namespace ladder;
using ladder::test::errorOf;
using ladder::test::q;
using ladder::test::writeFile;

namespace {

const std::string kMnliTrainHeader = "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\t"
                                     "sentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1\tgold_label\n";
const std::string kMnliDevHeader = "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\t"
                                   "sentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1\tlabel2\tlabel3\t"
                                   "label4\tlabel5\tgold_label\n";
const std::string kMnliTestHeader = "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\t"
                                    "sentence1_parse\tsentence2_parse\tsentence1\tsentence2\n";
const std::string kMnliPrefix = "0\t31193\t31193n\tgovernment\t( ( Conceptually ( cream skimming ) ) )\t"
                                "( ( Product and ) geography )\t(ROOT (S (NP (JJ Conceptually))))\t(ROOT (S))\t"
                                "Conceptually cream skimming has two basic dimensions - product and geography.\t"
                                "Product and geography are what make cream skimming work. ";
const std::string kStsbHeader = "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2";

QByteArray bytes(const std::string &text)
{
    return QByteArray::fromStdString(text);
}

} // namespace

class TestGlueReaders : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Dataset read(int task, int file, const QByteArray &content, ReadOptions options = {})
    {
        const std::string path = writeFile(m_dir, "task.tsv", content.toStdString());
        return readGlueFile(GlueTask(task), GlueFile(file), path, options);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void readsEveryOfficialFile_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<int>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("count");
        QTest::addColumn<QStringList>("firstTexts");
        QTest::addColumn<QString>("firstLabel"); // label word, a score as text, or "" for test files

        const int train = int(GlueFile::Train), dev = int(GlueFile::Dev), test = int(GlueFile::Test);
        // CoLA train/dev: no header; source, label, annotation mark (empty when acceptable), sentence.
        QTest::newRow("CoLA train, headerless, empty annotation column")
            << int(GlueTask::Cola) << train
            << bytes("gj04\t1\t\tOur friends won't buy this analysis, let alone the next one we propose.\n"
                     "gj04\t0\t*\tThey drank the pub.\n")
            << 2
            << QStringList { QStringLiteral("Our friends won't buy this analysis, let alone the next one we propose.") }
            << QStringLiteral("acceptable");
        QTest::newRow("CoLA dev, first row unacceptable")
            << int(GlueTask::Cola) << dev
            << bytes("clc95\t0\t*\tIn which way is Sandy very anxious to see if the students will be able to solve the "
                     "homework problem?\n")
            << 1
            << QStringList { QStringLiteral("In which way is Sandy very anxious to see if the students will be able to "
                                            "solve the homework problem?") }
            << QStringLiteral("unacceptable");
        QTest::newRow("CoLA test, header index/sentence")
            << int(GlueTask::Cola) << test
            << bytes("index\tsentence\n0\tBill whistled past the house.\n1\tThe car honked its way down the road.\n")
            << 2 << QStringList { QStringLiteral("Bill whistled past the house.") } << QString();
        QTest::newRow("SST-2 train, trailing space kept")
            << int(GlueTask::Sst2) << train
            << bytes("sentence\tlabel\nhide new secretions from the parental units \t0\ncontains no wit , only labored "
                     "gags \t0\nthat loves its characters \t1\n")
            << 3 << QStringList { QStringLiteral("hide new secretions from the parental units ") }
            << QStringLiteral("negative");
        QTest::newRow("SST-2 test") << int(GlueTask::Sst2) << test
                                    << bytes("index\tsentence\n0\tuneasy mishmash of styles and genres .\n") << 1
                                    << QStringList { QStringLiteral("uneasy mishmash of styles and genres .") }
                                    << QString();
        QTest::newRow("MRPC train")
            << int(GlueTask::Mrpc) << train
            << bytes("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
                     "1\t702876\t702977\tAmrozi accused his brother , whom he called \" the witness \" , of "
                     "deliberately distorting his evidence .\tReferring to him as only \" the witness \" , Amrozi "
                     "accused his brother of deliberately distorting his evidence .\n"
                     "0\t2108705\t2108831\tYucaipa owned Dominick 's before selling the chain to Safeway in 1998 for $ "
                     "2.5 billion .\tYucaipa bought Dominick 's in 1995 for $ 693 million and sold it to Safeway for $ "
                     "1.8 billion in 1998 .\n")
            << 2
            << QStringList { QStringLiteral("Amrozi accused his brother , whom he called \" the witness \" , of "
                                            "deliberately distorting his evidence ."),
                   QStringLiteral("Referring to him as only \" the witness \" , Amrozi accused his brother of "
                                  "deliberately distorting his evidence .") }
            << QStringLiteral("equivalent");
        QTest::newRow("MRPC test, index first")
            << int(GlueTask::Mrpc) << test
            << bytes("index\t#1 ID\t#2 ID\t#1 String\t#2 String\n0\t1089874\t1089925\tPCCW 's chief operating officer "
                     ", Mike Butcher , and Alex Arena , the chief financial officer , will report directly to Mr So "
                     ".\tCurrent Chief Operating Officer Mike Butcher and Group Chief Financial Officer Alex Arena "
                     "will report to So .\n")
            << 1
            << QStringList { QStringLiteral("PCCW 's chief operating officer , Mike Butcher , and Alex Arena , the "
                                            "chief financial officer , will report directly to Mr So ."),
                   QStringLiteral("Current Chief Operating Officer Mike Butcher and Group Chief Financial Officer Alex "
                                  "Arena will report to So .") }
            << QString();
        QTest::newRow("QQP dev")
            << int(GlueTask::Qqp) << dev
            << bytes("id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n201359\t303345\t303346\tWhy are "
                     "African-Americans so beautiful?\tWhy are hispanics so beautiful?\t0\n")
            << 1
            << QStringList { QStringLiteral("Why are African-Americans so beautiful?"),
                   QStringLiteral("Why are hispanics so beautiful?") }
            << QStringLiteral("not_duplicate");
        QTest::newRow("QQP test, id/question1/question2")
            << int(GlueTask::Qqp) << test
            << bytes("id\tquestion1\tquestion2\n0\tHow does the Surface Pro himself 4 compare with iPad Pro?\tWhy did "
                     "Microsoft choose core m3 and not core i3 home Surface Pro 4?\n")
            << 1
            << QStringList { QStringLiteral("How does the Surface Pro himself 4 compare with iPad Pro?"),
                   QStringLiteral("Why did Microsoft choose core m3 and not core i3 home Surface Pro 4?") }
            << QString();
        QTest::newRow("STS-B train, score last")
            << int(GlueTask::Stsb) << train
            << bytes(kStsbHeader
                   + "\tscore\n0\tmain-captions\tMSRvid\t2012test\t0001\tnone\tnone\tA plane is taking off.\tAn air "
                     "plane is taking off.\t5.000\n"
                     "1\tmain-captions\tMSRvid\t2012test\t0004\tnone\tnone\tA man is playing a large flute.\tA man is "
                     "playing a flute.\t3.800\n")
            << 2
            << QStringList { QStringLiteral("A plane is taking off."), QStringLiteral("An air plane is taking off.") }
            << QStringLiteral("5");
        QTest::newRow("STS-B test, no score column")
            << int(GlueTask::Stsb) << test
            << bytes(kStsbHeader
                   + "\n0\tmain-captions\tMSRvid\t2012test\t0024\tnone\tnone\tA girl is styling her hair.\tA girl is "
                     "brushing her hair.\n")
            << 1
            << QStringList { QStringLiteral("A girl is styling her hair."),
                   QStringLiteral("A girl is brushing her hair.") }
            << QString();
        QTest::newRow("MNLI train")
            << int(GlueTask::Mnli) << train << bytes(kMnliTrainHeader + kMnliPrefix + "\tneutral\tneutral\n") << 1
            << QStringList { QStringLiteral(
                                 "Conceptually cream skimming has two basic dimensions - product and geography."),
                   QStringLiteral("Product and geography are what make cream skimming work. ") }
            << QStringLiteral("neutral");
        QTest::newRow("MNLI dev_matched, annotators before gold_label")
            << int(GlueTask::Mnli) << dev
            << bytes(kMnliDevHeader + kMnliPrefix + "\tcontradiction\tneutral\tentailment\tneutral\tneutral\tneutral\n")
            << 1
            << QStringList { QStringLiteral(
                                 "Conceptually cream skimming has two basic dimensions - product and geography."),
                   QStringLiteral("Product and geography are what make cream skimming work. ") }
            << QStringLiteral("neutral");
        QTest::newRow("MNLI dev_mismatched")
            << int(GlueTask::Mnli) << int(GlueFile::DevMismatched)
            << bytes(kMnliDevHeader + kMnliPrefix
                   + "\tentailment\tentailment\tentailment\tentailment\tentailment\tentailment\n")
            << 1
            << QStringList { QStringLiteral(
                                 "Conceptually cream skimming has two basic dimensions - product and geography."),
                   QStringLiteral("Product and geography are what make cream skimming work. ") }
            << QStringLiteral("entailment");
        QTest::newRow("MNLI test_mismatched, no gold label")
            << int(GlueTask::Mnli) << int(GlueFile::TestMismatched) << bytes(kMnliTestHeader + kMnliPrefix + "\n") << 1
            << QStringList { QStringLiteral(
                                 "Conceptually cream skimming has two basic dimensions - product and geography."),
                   QStringLiteral("Product and geography are what make cream skimming work. ") }
            << QString();
        QTest::newRow("QNLI train, word labels")
            << int(GlueTask::Qnli) << train
            << bytes("index\tquestion\tsentence\tlabel\n0\tWhen did the third Digimon series begin?\tUnlike the two "
                     "seasons before it, Digimon Tamers takes a darker approach.\tnot_entailment\n")
            << 1
            << QStringList { QStringLiteral("When did the third Digimon series begin?"),
                   QStringLiteral("Unlike the two seasons before it, Digimon Tamers takes a darker approach.") }
            << QStringLiteral("not_entailment");
        QTest::newRow("QNLI test") << int(GlueTask::Qnli) << test
                                   << bytes(
                                          "index\tquestion\tsentence\n0\tWhat organization is devoted to Jihad against "
                                          "Israel?\tFor some decades prior to the First Palestine Intifada...\n")
                                   << 1
                                   << QStringList { QStringLiteral(
                                                        "What organization is devoted to Jihad against Israel?"),
                                          QStringLiteral("For some decades prior to the First Palestine Intifada...") }
                                   << QString();
        QTest::newRow("RTE dev")
            << int(GlueTask::Rte) << dev
            << bytes("index\tsentence1\tsentence2\tlabel\n0\tDana Reeve, the widow of the actor Christopher Reeve, has "
                     "died of lung cancer at age 44.\tChristopher Reeve had an accident.\tnot_entailment\n1\tYet, we "
                     "now are discovering that antibiotics are losing their effectiveness.\tBacteria is winning the "
                     "war against antibiotics.\tentailment\n")
            << 2
            << QStringList { QStringLiteral("Dana Reeve, the widow of the actor Christopher Reeve, has died of lung "
                                            "cancer at age 44."),
                   QStringLiteral("Christopher Reeve had an accident.") }
            << QStringLiteral("not_entailment");
        QTest::newRow("WNLI train, 0/1 labels")
            << int(GlueTask::Wnli) << train
            << bytes("index\tsentence1\tsentence2\tlabel\n0\tI stuck a pin through a carrot. When I pulled the pin "
                     "out, it had a hole.\tThe carrot had a hole.\t1\n")
            << 1
            << QStringList { QStringLiteral(
                                 "I stuck a pin through a carrot. When I pulled the pin out, it had a hole."),
                   QStringLiteral("The carrot had a hole.") }
            << QStringLiteral("entailment");
        QTest::newRow("WNLI test")
            << int(GlueTask::Wnli) << test
            << bytes("index\tsentence1\tsentence2\n0\tMaude and Dora had seen the trains rushing across the "
                     "prairie.\tThe trains rushed across the prairie.\n")
            << 1
            << QStringList { QStringLiteral("Maude and Dora had seen the trains rushing across the prairie."),
                   QStringLiteral("The trains rushed across the prairie.") }
            << QString();
    }

    void readsEveryOfficialFile()
    {
        QFETCH(int, task);
        QFETCH(int, file);
        QFETCH(QByteArray, content);
        QFETCH(int, count);
        QFETCH(QStringList, firstTexts);
        QFETCH(QString, firstLabel);

        const Dataset dataset = read(task, file, content);
        QCOMPARE(int(dataset.examples.size()), count);
        QCOMPARE(dataset.skippedRows, int64_t(0));
        const Example &first = dataset.examples.front();
        QStringList texts;
        for (const std::string &text : first.texts)
            texts << q(text);
        QCOMPARE(texts, firstTexts);
        const bool testFile = isGlueTestFile(GlueFile(file));
        QCOMPARE(first.hasLabel, !testFile);
        if (GlueTask(task) == GlueTask::Stsb && !testFile)
            QCOMPARE(first.score, firstLabel.toDouble());
        else
            QCOMPARE(q(first.label), firstLabel);
        const bool headerless = GlueTask(task) == GlueTask::Cola && !testFile;
        QCOMPARE(first.line, int64_t(headerless ? 1 : 2));
    }

    void mrpcQuoteAtStartOfSentenceIsLiteralText()
    {
        // A CSV reader would take `" The …` as an opening quote and swallow tabs and newlines.
        const Dataset dataset = read(int(GlueTask::Mrpc), int(GlueFile::Train),
            bytes("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
                  "1\t1\t2\t\" The foodservice pie business does not fit our long-term growth strategy .\tThe "
                  "foodservice pie business does not fit .\n"
                  "0\t3\t4\tSecond \"row\t\"\n"));
        QCOMPARE(int(dataset.examples.size()), 2);
        QCOMPARE(q(dataset.examples[0].texts[0]),
            QStringLiteral("\" The foodservice pie business does not fit our long-term growth strategy ."));
        QCOMPARE(q(dataset.examples[1].texts[0]), QStringLiteral("Second \"row"));
        QCOMPARE(q(dataset.examples[1].texts[1]), QStringLiteral("\""));
        QCOMPARE(dataset.examples[1].line, int64_t(3));
    }

    void qqpRowsWithMissingFieldsAreSkippedAndCounted()
    {
        const Dataset dataset = read(int(GlueTask::Qqp), int(GlueFile::Train),
            bytes(
                "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n"
                "0\t1\t2\tWhat is the step by step guide to invest in share market?\tWhat is the guide?\t0\n"
                "105780\t174363\t174364\tHow can I develop android app?\n" // missing question2 and label
                "201841\t303951\t174364\tHow can I create an Android app?\t\n" // 5 fields
                "3\t7\t8\tWhy am I mentally very lonely?\tFind the remainder when 23^24 is divided by 24?\t\n" // empty
                                                                                                               // label
                "4\t9\t10\tWhich one dissolve in water quikly?\tWhich fish would survive in salt water?\t1\n"));
        QCOMPARE(int(dataset.examples.size()), 2);
        QCOMPARE(q(dataset.examples[1].label), QStringLiteral("duplicate"));
        QCOMPARE(dataset.skippedRows, int64_t(3));
        QCOMPARE(int(dataset.skipReasons.size()), 3);
        QVERIFY(dataset.skipReasons[0].find(
                    "task.tsv:3: QQP row with missing fields (expected 6 tab-separated fields, found 4)")
            != std::string::npos);
        QVERIFY(dataset.skipReasons[1].find("task.tsv:4:") != std::string::npos);
        QVERIFY(dataset.skipReasons[2].find("task.tsv:5: QQP row with an empty label") != std::string::npos);
    }

    void qqpRowWithExtraFieldsIsAnErrorNotASkip()
    {
        const std::string message = errorOf([&] {
            read(int(GlueTask::Qqp), int(GlueFile::Train),
                bytes("id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n0\t1\t2\ta\tb\t0\textra\n"));
        });
        QVERIFY2(
            message.find("task.tsv:2: expected 6 tab-separated fields, found 7") != std::string::npos, message.c_str());
    }

    void mnliDevUsesGoldLabelNotTheAnnotators()
    {
        // label1 … label5 disagree with the gold label; only the last column counts.
        const Dataset dataset = read(int(GlueTask::Mnli), int(GlueFile::Dev),
            bytes(kMnliDevHeader + kMnliPrefix
                + "\tentailment\tentailment\tcontradiction\tcontradiction\tcontradiction\tcontradiction\n"));
        QCOMPARE(q(dataset.examples.at(0).label), QStringLiteral("contradiction"));
    }

    void byteOrderMarkIsIgnored_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("SST-2 header after a BOM")
            << int(GlueTask::Sst2) << bytes("\xEF\xBB\xBFsentence\tlabel\na gorgeous film \t1\n");
        QTest::newRow("headerless CoLA after a BOM")
            << int(GlueTask::Cola) << bytes("\xEF\xBB\xBFgj04\t1\t\ta gorgeous film\n");
    }

    void byteOrderMarkIsIgnored()
    {
        QFETCH(int, task);
        QFETCH(QByteArray, content);
        const Dataset dataset = read(task, int(GlueFile::Train), content);
        QCOMPARE(int(dataset.examples.size()), 1);
        QCOMPARE(dataset.examples[0].hasLabel, true);
        QCOMPARE(q(dataset.examples[0].texts[0].substr(0, 10)), QStringLiteral("a gorgeous"));
    }

    void crlfLineEndingsAreStripped()
    {
        const Dataset dataset = read(
            int(GlueTask::Sst2), int(GlueFile::Train), bytes("sentence\tlabel\r\nit 's a charming journey \t1\r\n"));
        QCOMPARE(int(dataset.examples.size()), 1);
        QCOMPARE(q(dataset.examples[0].label), QStringLiteral("positive"));
    }

    void blankLinesAreNotRows()
    {
        const Dataset dataset = read(int(GlueTask::Sst2), int(GlueFile::Train), bytes("sentence\tlabel\nfine \t1\n\n"));
        QCOMPARE(int(dataset.examples.size()), 1);
        QCOMPARE(dataset.skippedRows, int64_t(0));
    }

    void malformedRowIsAnErrorNamingFileAndLine_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<int>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message"); // what follows "<path>"

        const int train = int(GlueFile::Train), dev = int(GlueFile::Dev), test = int(GlueFile::Test);
        QTest::newRow("CoLA row with 3 fields")
            << int(GlueTask::Cola) << train << bytes("gj04\t1\t\tfine\ngj04\t1\tno sentence\n")
            << QStringLiteral(":2: expected 4 tab-separated fields, found 3");
        QTest::newRow("CoLA label 2") << int(GlueTask::Cola) << dev << bytes("gj04\t2\t\tfine\n")
                                      << QStringLiteral(":1: expected 0 or 1 in column 2 (label), found '2'");
        QTest::newRow("SST-2 label 'positive'")
            << int(GlueTask::Sst2) << train << bytes("sentence\tlabel\nok \t1\nbad \tpositive\n")
            << QStringLiteral(":3: expected 0 or 1 in column 'label', found 'positive'");
        QTest::newRow("MRPC extra field")
            << int(GlueTask::Mrpc) << train << bytes("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t1\t2\ta\tb\tc\n")
            << QStringLiteral(":2: expected 5 tab-separated fields, found 6");
        QTest::newRow("STS-B score not a number")
            << int(GlueTask::Stsb) << train << bytes(kStsbHeader + "\tscore\n0\tg\tf\ty\to\tn\tn\ta\tb\tabc\n")
            << QStringLiteral(":2: expected a score from 0 to 5 in column 'score', found 'abc'");
        QTest::newRow("STS-B score out of range")
            << int(GlueTask::Stsb) << dev << bytes(kStsbHeader + "\tscore\n0\tg\tf\ty\to\tn\tn\ta\tb\t5.5\n")
            << QStringLiteral(":2: expected a score from 0 to 5 in column 'score', found '5.5'");
        QTest::newRow("STS-B score with trailing text")
            << int(GlueTask::Stsb) << dev << bytes(kStsbHeader + "\tscore\n0\tg\tf\ty\to\tn\tn\ta\tb\t3.8x\n")
            << QStringLiteral(":2: expected a score from 0 to 5 in column 'score', found '3.8x'");
        QTest::newRow("MNLI gold label '-'")
            << int(GlueTask::Mnli) << dev
            << bytes(kMnliDevHeader + kMnliPrefix + "\tneutral\tneutral\tneutral\tneutral\tneutral\t-\n")
            << QStringLiteral(
                   ":2: expected one of entailment, neutral, contradiction in column 'gold_label', found '-'");
        QTest::newRow("MNLI dev row missing an annotator")
            << int(GlueTask::Mnli) << dev
            << bytes(kMnliDevHeader + kMnliPrefix + "\tneutral\tneutral\tneutral\tneutral\tneutral\n")
            << QStringLiteral(":2: expected 16 tab-separated fields, found 15");
        QTest::newRow("RTE numeric label")
            << int(GlueTask::Rte) << train << bytes("index\tsentence1\tsentence2\tlabel\n0\ta\tb\t1\n")
            << QStringLiteral(":2: expected one of entailment, not_entailment in column 'label', found '1'");
        QTest::newRow("QNLI test row with a label")
            << int(GlueTask::Qnli) << test << bytes("index\tquestion\tsentence\n0\ta\tb\tentailment\n")
            << QStringLiteral(":2: expected 3 tab-separated fields, found 4");
        QTest::newRow("invalid UTF-8") << int(GlueTask::Sst2) << train
                                       << bytes("sentence\tlabel\nok \t1\ncaf\xE9 \t1\n")
                                       << QStringLiteral(":3: invalid UTF-8 at byte 4");
        QTest::newRow("truncated UTF-8 sequence")
            << int(GlueTask::Sst2) << train << bytes("sentence\tlabel\nna\xC3\t1\n")
            << QStringLiteral(":2: invalid UTF-8 at byte 3");
        QTest::newRow("UTF-16 surrogate in UTF-8")
            << int(GlueTask::Sst2) << train << bytes("sentence\tlabel\n\xED\xA0\x80\t1\n")
            << QStringLiteral(":2: invalid UTF-8 at byte 1");
        QTest::newRow("header without 'sentence'")
            << int(GlueTask::Sst2) << train << bytes("text\tlabel\nok \t1\n")
            << QStringLiteral(":1: expected the header line of GLUE SST-2 train.tsv with a column 'sentence', found "
                              "columns: text, label");
        QTest::newRow("header without label column")
            << int(GlueTask::Qqp) << dev << bytes("id\tquestion1\tquestion2\n0\ta\tb\n")
            << QStringLiteral(":1: expected the header line of GLUE QQP dev.tsv with a column 'is_duplicate'");
        QTest::newRow("empty file") << int(GlueTask::Rte) << train << QByteArray()
                                    << QStringLiteral(
                                           ": the file is empty, expected the header line of GLUE RTE train.tsv");
    }

    void malformedRowIsAnErrorNamingFileAndLine()
    {
        QFETCH(int, task);
        QFETCH(int, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const std::string path = writeFile(m_dir, "bad.tsv", content.toStdString());
        const std::string error = errorOf([&] { readGlueFile(GlueTask(task), GlueFile(file), path); });
        QVERIFY2(!error.empty(), "expected a ladder::Error");
        QCOMPARE(q(error.substr(0, path.size())), q(path));
        QVERIFY2(q(error).mid(int(path.size())).startsWith(message), error.c_str());
    }

    void skipPolicyCountsMalformedRowsAndKeepsTheRest()
    {
        ReadOptions skip;
        skip.malformedRows = MalformedRowPolicy::Skip;
        const Dataset dataset = read(int(GlueTask::Sst2), int(GlueFile::Train),
            bytes("sentence\tlabel\ngood \t1\nbad \t7\ntoo\tmany\tfields\nfine \t0\n"), skip);
        QCOMPARE(int(dataset.examples.size()), 2);
        QCOMPARE(dataset.examples[1].line, int64_t(5));
        QCOMPARE(dataset.skippedRows, int64_t(2));
        QVERIFY(dataset.skipReasons[0].find("task.tsv:3: expected 0 or 1 in column 'label', found '7'")
            != std::string::npos);
        QVERIFY(
            dataset.skipReasons[1].find("task.tsv:4: expected 2 tab-separated fields, found 3") != std::string::npos);
    }

    void skipPolicyStillRejectsABadHeader()
    {
        ReadOptions skip;
        skip.malformedRows = MalformedRowPolicy::Skip;
        const std::string message
            = errorOf([&] { read(int(GlueTask::Rte), int(GlueFile::Train), bytes("a\tb\n"), skip); });
        QVERIFY2(message.find(":1: expected the header line of GLUE RTE") != std::string::npos, message.c_str());
    }

    void taskFolderFileNames_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<int>("file");
        QTest::addColumn<QString>("name");
        QTest::newRow("CoLA train") << int(GlueTask::Cola) << int(GlueFile::Train) << QStringLiteral("train.tsv");
        QTest::newRow("RTE dev") << int(GlueTask::Rte) << int(GlueFile::Dev) << QStringLiteral("dev.tsv");
        QTest::newRow("MNLI dev") << int(GlueTask::Mnli) << int(GlueFile::Dev) << QStringLiteral("dev_matched.tsv");
        QTest::newRow("MNLI dev mm") << int(GlueTask::Mnli) << int(GlueFile::DevMismatched)
                                     << QStringLiteral("dev_mismatched.tsv");
        QTest::newRow("MNLI test") << int(GlueTask::Mnli) << int(GlueFile::Test) << QStringLiteral("test_matched.tsv");
        QTest::newRow("MNLI test mm") << int(GlueTask::Mnli) << int(GlueFile::TestMismatched)
                                      << QStringLiteral("test_mismatched.tsv");
    }

    void taskFolderFileNames()
    {
        QFETCH(int, task);
        QFETCH(int, file);
        QFETCH(QString, name);
        QCOMPARE(q(glueFileName(GlueTask(task), GlueFile(file))), name);
    }

    void onlyMnliHasMismatchedFiles()
    {
        QCOMPARE(int(glueFiles(GlueTask::Mnli).size()), 5);
        QCOMPARE(int(glueFiles(GlueTask::Rte).size()), 3);
        const std::string message = errorOf([] { glueFileName(GlueTask::Sst2, GlueFile::DevMismatched); });
        QVERIFY2(message.find("SST-2 has no mismatched files") != std::string::npos, message.c_str());
    }

    void readsFromTaskFolderAndNamesAMissingFile()
    {
        QTemporaryDir folder;
        writeFile(folder, "train.tsv", "index\tsentence1\tsentence2\tlabel\n0\ta\tb\tentailment\n");
        const Dataset train = readGlueTaskFile(GlueTask::Rte, GlueFile::Train, folder.path().toStdString());
        QCOMPARE(int(train.examples.size()), 1);
        const std::string message
            = errorOf([&] { readGlueTaskFile(GlueTask::Rte, GlueFile::Dev, folder.path().toStdString()); });
        QVERIFY2(message.find("/dev.tsv: not found; expected the official GLUE RTE folder") != std::string::npos,
            message.c_str());
    }

    void taskNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("task");
        QTest::newRow("folder name") << QStringLiteral("SST-2") << int(GlueTask::Sst2);
        QTest::newRow("paper name") << QStringLiteral("stsb") << int(GlueTask::Stsb);
        QTest::newRow("underscore") << QStringLiteral("STS_B") << int(GlueTask::Stsb);
        QTest::newRow("upper case") << QStringLiteral("MNLI") << int(GlueTask::Mnli);
        QTest::newRow("CoLA") << QStringLiteral("CoLA") << int(GlueTask::Cola);
    }

    void taskNames()
    {
        QFETCH(QString, name);
        QFETCH(int, task);
        QCOMPARE(int(glueTaskFromName(name.toStdString())), task);
        QCOMPARE(int(glueTaskFromName(glueTaskInfo(GlueTask(task)).name)), task);
    }

    void unknownTaskNameListsTheValidOnes()
    {
        const std::string message = errorOf([] { glueTaskFromName("squad"); });
        QCOMPARE(q(message),
            QStringLiteral(
                "unknown GLUE task 'squad', expected one of cola, sst2, mrpc, qqp, stsb, mnli, qnli, rte, wnli"));
    }

    void labelWordsFollowTheReferenceLabelIds()
    {
        // The ids the paper's code writes as targets are the HuggingFace GLUE class ids.
        QCOMPARE(glueTaskInfo(GlueTask::Rte).labelWords, (std::vector<std::string> { "entailment", "not_entailment" }));
        QCOMPARE(
            glueTaskInfo(GlueTask::Wnli).labelWords, (std::vector<std::string> { "not_entailment", "entailment" }));
        QCOMPARE(glueTaskInfo(GlueTask::Mnli).labelWords,
            (std::vector<std::string> { "entailment", "neutral", "contradiction" }));
        QVERIFY(glueTaskInfo(GlueTask::Stsb).regression);
        QVERIFY(glueTaskInfo(GlueTask::Stsb).labelWords.empty());
    }
};

QTEST_GUILESS_MAIN(TestGlueReaders)
#include "test_glue_readers.moc"
