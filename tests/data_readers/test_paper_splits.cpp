// SPDX-License-Identifier: GPL-3.0-or-later
// The paper's splits (seq2seq/data/tasks.py with split_validation_test=True): which file each
// split comes from, in which order, and how large it is.

#include "DataTestSupport.h"
#include "data/PaperSplits.h"

#include <QtTest>

#include <algorithm>
#include <numeric>

using namespace ladder;
using ladder::test::errorOf;
using ladder::test::q;
using ladder::test::writeFile;

namespace {

// A deterministic stand-in for torch.randperm: i → (i·7 + 3) mod n when gcd(7, n) = 1, else reversed.
std::vector<int64_t> fakePermutation(int64_t n)
{
    std::vector<int64_t> order(static_cast<std::size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        order[static_cast<std::size_t>(i)] = n % 7 ? (i * 7 + 3) % n : n - 1 - i;
    return order;
}

Dataset numbered(const std::string &source, int n)
{
    Dataset dataset;
    dataset.source = source;
    for (int i = 0; i < n; ++i) {
        Example example;
        example.texts = { source + " " + std::to_string(i) };
        example.label = "1";
        example.hasLabel = true;
        example.line = i + 2;
        dataset.examples.push_back(example);
    }
    return dataset;
}

std::vector<std::string> firstTexts(const Dataset &dataset)
{
    std::vector<std::string> texts;
    for (const Example &example : dataset.examples)
        texts.push_back(example.texts.at(0));
    return texts;
}

std::string rteFile(int rows)
{
    std::string content = "index\tsentence1\tsentence2\tlabel\n";
    for (int i = 0; i < rows; ++i)
        content += std::to_string(i) + "\tpremise " + std::to_string(i) + "\thypothesis\tentailment\n";
    return content;
}

} // namespace

class TestPaperSplits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ruleOfEachTask_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<int>("rule");
        const int halve = int(PaperSplitRule::HalveDev), holdOut = int(PaperSplitRule::HoldOutTrain);
        QTest::newRow("cola") << int(GlueTask::Cola) << halve;
        QTest::newRow("rte") << int(GlueTask::Rte) << halve;
        QTest::newRow("mrpc") << int(GlueTask::Mrpc) << halve;
        QTest::newRow("stsb") << int(GlueTask::Stsb) << halve;
        QTest::newRow("wnli") << int(GlueTask::Wnli) << halve;
        QTest::newRow("sst2") << int(GlueTask::Sst2) << holdOut;
        QTest::newRow("qnli") << int(GlueTask::Qnli) << holdOut;
        QTest::newRow("qqp") << int(GlueTask::Qqp) << holdOut;
        QTest::newRow("mnli") << int(GlueTask::Mnli) << int(PaperSplitRule::MnliMismatchedMatched);
    }

    void ruleOfEachTask()
    {
        QFETCH(int, task);
        QFETCH(int, rule);
        QCOMPARE(int(paperSplitRule(GlueTask(task))), rule);
    }

    void halvingTheDevSetGivesTheOddExampleToTest_data()
    {
        QTest::addColumn<int>("devSize");
        QTest::addColumn<int>("validationSize");
        QTest::addColumn<int>("testSize");
        QTest::newRow("even") << 8 << 4 << 4;
        QTest::newRow("odd") << 9 << 4 << 5;
        QTest::newRow("CoLA's 1,043") << 1043 << 521 << 522;
        QTest::newRow("RTE's 277") << 277 << 138 << 139;
        QTest::newRow("MRPC's 408") << 408 << 204 << 204;
        QTest::newRow("STS-B's 1,500") << 1500 << 750 << 750;
        QTest::newRow("WNLI's 71") << 71 << 35 << 36;
        QTest::newRow("one example") << 1 << 0 << 1;
    }

    void halvingTheDevSetGivesTheOddExampleToTest()
    {
        QFETCH(int, devSize);
        QFETCH(int, validationSize);
        QFETCH(int, testSize);
        const TaskSplits splits
            = makePaperSplits(GlueTask::Cola, numbered("train", 5), numbered("dev", devSize), {}, fakePermutation);
        QCOMPARE(int(splits.train.examples.size()), 5);
        QCOMPARE(int(splits.validation.examples.size()), validationSize);
        QCOMPARE(int(splits.test.examples.size()), testSize);
    }

    void halvesFollowThePermutation()
    {
        // fakePermutation(9) = 3 1 8 6 4 2 0 7 5.
        const TaskSplits splits
            = makePaperSplits(GlueTask::Rte, numbered("train", 3), numbered("dev", 9), {}, fakePermutation);
        QCOMPARE(firstTexts(splits.validation), (std::vector<std::string> { "dev 3", "dev 1", "dev 8", "dev 6" }));
        QCOMPARE(firstTexts(splits.test), (std::vector<std::string> { "dev 4", "dev 2", "dev 0", "dev 7", "dev 5" }));
        QCOMPARE(
            firstTexts(splits.train), (std::vector<std::string> { "train 0", "train 1", "train 2" })); // file order
        QCOMPARE(splits.validation.examples[0].line, int64_t(5)); // keeps the file line of dev 3
    }

    void holdOutTakesTheFirst1000ShuffledTrainExamples()
    {
        const TaskSplits splits
            = makePaperSplits(GlueTask::Sst2, numbered("train", 1010), numbered("dev", 4), {}, fakePermutation);
        QCOMPARE(int(splits.validation.examples.size()), 1000);
        QCOMPARE(int(splits.train.examples.size()), 10);
        QCOMPARE(firstTexts(splits.test),
            (std::vector<std::string> { "dev 0", "dev 1", "dev 2", "dev 3" })); // dev in file order
        const std::vector<int64_t> order = fakePermutation(1010);
        QCOMPARE(q(splits.validation.examples[0].texts[0]), q("train " + std::to_string(order[0])));
        QCOMPARE(q(splits.validation.examples[999].texts[0]), q("train " + std::to_string(order[999])));
        QCOMPARE(q(splits.train.examples[0].texts[0]), q("train " + std::to_string(order[1000])));
        // Together the two halves are the whole train file, each example once.
        std::vector<std::string> all = firstTexts(splits.validation);
        const std::vector<std::string> rest = firstTexts(splits.train);
        all.insert(all.end(), rest.begin(), rest.end());
        std::sort(all.begin(), all.end());
        QCOMPARE(int(std::unique(all.begin(), all.end()) - all.begin()), 1010);
    }

    void holdOutSizesForThePapersTasks_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<int>("trainSize");
        QTest::newRow("SST-2, 67,349 train") << int(GlueTask::Sst2) << 67349;
        QTest::newRow("QNLI, 104,743 train") << int(GlueTask::Qnli) << 104743;
    }

    void holdOutSizesForThePapersTasks()
    {
        QFETCH(int, task);
        QFETCH(int, trainSize);
        const TaskSplits splits
            = makePaperSplits(GlueTask(task), numbered("t", trainSize), numbered("d", 3), {}, fakePermutation);
        QCOMPARE(int(splits.validation.examples.size()), 1000);
        QCOMPARE(int(splits.train.examples.size()), trainSize - 1000);
        QCOMPARE(int(splits.test.examples.size()), 3);
    }

    void mnliValidatesOnMismatchedAndTestsOnMatched()
    {
        int calls = 0;
        const Permutation counting = [&](int64_t n) {
            ++calls;
            return fakePermutation(n);
        };
        const TaskSplits splits = makePaperSplits(
            GlueTask::Mnli, numbered("train", 4), numbered("matched", 3), numbered("mismatched", 2), counting);
        QCOMPARE(firstTexts(splits.validation), (std::vector<std::string> { "mismatched 0", "mismatched 1" }));
        QCOMPARE(firstTexts(splits.test), (std::vector<std::string> { "matched 0", "matched 1", "matched 2" }));
        QCOMPARE(int(splits.train.examples.size()), 4);
        QCOMPARE(calls, 0); // nothing is shuffled
    }

    void permutationIsAskedForTheShuffledFileSize()
    {
        std::vector<int64_t> sizes;
        const Permutation recording = [&](int64_t n) {
            sizes.push_back(n);
            return fakePermutation(n);
        };
        makePaperSplits(GlueTask::Mrpc, numbered("train", 20), numbered("dev", 6), {}, recording);
        makePaperSplits(GlueTask::Qqp, numbered("train", 1200), numbered("dev", 6), {}, recording);
        QCOMPARE(sizes, (std::vector<int64_t> { 6, 1200 }));
    }

    void aBadPermutationIsAnError_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("too short") << 0;
        QTest::newRow("repeats an index") << 1;
        QTest::newRow("out of range") << 2;
    }

    void aBadPermutationIsAnError()
    {
        QFETCH(int, kind);
        const Permutation bad = [kind](int64_t n) {
            std::vector<int64_t> order(static_cast<std::size_t>(n));
            std::iota(order.begin(), order.end(), int64_t(0));
            if (kind == 0)
                order.pop_back();
            else if (kind == 1)
                order[1] = order[0];
            else
                order[0] = n;
            return order;
        };
        const std::string message
            = errorOf([&] { makePaperSplits(GlueTask::Cola, numbered("t", 2), numbered("d", 4), {}, bad); });
        QCOMPARE(q(message), QStringLiteral("the split permutation for 4 examples is not a permutation of 0..3"));
        QVERIFY(!errorOf([] {
            makePaperSplits(GlueTask::Cola, numbered("t", 2), numbered("d", 4), {}, Permutation());
        }).empty());
    }

    void readsTheTaskFolder()
    {
        QTemporaryDir folder;
        writeFile(folder, "train.tsv", rteFile(3));
        writeFile(folder, "dev.tsv", rteFile(5));
        const TaskSplits splits = readPaperSplits(GlueTask::Rte, folder.path().toStdString(), fakePermutation);
        QCOMPARE(int(splits.train.examples.size()), 3);
        QCOMPARE(int(splits.validation.examples.size()), 2);
        QCOMPARE(int(splits.test.examples.size()), 3);
        // perm(5) = 3 0 2 4 1: validation = dev rows 3, 0.
        QCOMPARE(q(splits.validation.examples[0].texts[0]), QStringLiteral("premise 3"));
        QCOMPARE(q(splits.validation.examples[1].texts[0]), QStringLiteral("premise 0"));
    }

    void mnliFolderNeedsTheMismatchedDevFile()
    {
        QTemporaryDir folder;
        const std::string header = "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\t"
                                   "sentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1\tgold_label\n";
        writeFile(folder, "train.tsv", header + "0\t1\t1n\tg\tb\tb\tp\tp\ts1\ts2\tneutral\tneutral\n");
        writeFile(folder, "dev_matched.tsv", header + "0\t1\t1n\tg\tb\tb\tp\tp\ts1\ts2\tneutral\tneutral\n");
        const std::string message
            = errorOf([&] { readPaperSplits(GlueTask::Mnli, folder.path().toStdString(), fakePermutation); });
        QVERIFY2(message.find("dev_mismatched.tsv: not found") != std::string::npos, message.c_str());
    }

    void skippedRowCountsStayVisible()
    {
        QTemporaryDir folder;
        const std::string header = "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n";
        std::string train = header + "9\t1\t2\tonly a question\n";
        for (int i = 0; i < 1003; ++i)
            train += std::to_string(i) + "\t1\t2\tq" + std::to_string(i) + "\tp\t" + (i % 2 ? "1" : "0") + "\n";
        writeFile(folder, "train.tsv", train);
        writeFile(folder, "dev.tsv", header + "0\t1\t2\ta\tb\t1\n");
        const TaskSplits splits = readPaperSplits(GlueTask::Qqp, folder.path().toStdString(), fakePermutation);
        QCOMPARE(int(splits.validation.examples.size()), 1000);
        QCOMPARE(int(splits.train.examples.size()), 3);
        QCOMPARE(splits.train.skippedRows, int64_t(1));
        QCOMPARE(int(splits.test.examples.size()), 1);
    }
};

QTEST_GUILESS_MAIN(TestPaperSplits)
#include "test_paper_splits.moc"
