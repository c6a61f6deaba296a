// SPDX-License-Identifier: GPL-3.0-or-later
// Tokenised splits and batches: truncation counts, dynamic padding, length buckets, order.
#include "train/Batching.h"
#include "util/Error.h"

#include <QtTest>

#include <set>

using namespace ladder;

namespace {

/// One id per character (offset past the special ids), eos appended: lengths are predictable.
std::vector<int64_t> charEncode(const std::string &text)
{
    std::vector<int64_t> ids;
    for (unsigned char c : text)
        ids.push_back(3 + c);
    ids.push_back(1);
    return ids;
}

LoadedTask taskWith(const std::vector<std::string> &sentences)
{
    LoadedTask task;
    task.name = "test";
    task.format = genericTextToTextFormat("", {"s"}, {"no", "yes"}, false);
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        Example example;
        example.texts = {sentences[i]};
        example.label = i % 2 ? "yes" : "no";
        example.hasLabel = true;
        task.splits.train.examples.push_back(example);
    }
    return task;
}

} // namespace

class TestBatching : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void truncationKeepsEosAndIsCounted()
    {
        // "s: " + text: sources of 3 + n characters + eos.
        const LoadedTask task = taskWith({"ab", "abcdefghij", "abcdefghijklmnop"});
        const TokenizedSplit split = tokenizeSplit(task, task.splits.train, charEncode, 10, 3);
        QCOMPARE(split.truncatedSources, int64_t(2));
        QCOMPARE(split.sources[0].size(), std::size_t(6));
        QCOMPARE(split.sources[1].size(), std::size_t(10));
        QCOMPARE(split.sources[1].back(), int64_t(1));
        QCOMPARE(split.sources[1][8], int64_t(3 + 'f'));
        // Targets "no"/"yes" + eos are 3 and 4 ids: the "yes" ones are cut.
        QCOMPARE(split.truncatedTargets, int64_t(1));
        QCOMPARE(split.targets[1], (std::vector<int64_t>{3 + 'y', 3 + 'e', 1}));
        QCOMPARE(split.targetTexts[1], std::string("yes"));
    }

    void batchesArePaddedToTheirLongestRow()
    {
        const LoadedTask task = taskWith({"a", "abcd", "ab"});
        const TokenizedSplit split = tokenizeSplit(task, task.splits.train, charEncode, 100, 100);
        const Batch batch = collateBatch(split, {0, 1});
        QCOMPARE(batch.inputs.inputIds.sizes().vec(), (std::vector<int64_t>{2, 8}));
        QCOMPARE(batch.inputs.inputIds[0][4].item<int64_t>(), int64_t(1)); // eos of "s: a"
        QCOMPARE(batch.inputs.inputIds[0][5].item<int64_t>(), int64_t(0)); // pad
        QCOMPARE(batch.inputs.attentionMask.sum(1)[0].item<int64_t>(), int64_t(5));
        QCOMPARE(batch.inputs.attentionMask.sum(1)[1].item<int64_t>(), int64_t(8));
        QCOMPARE(batch.inputs.labels.sizes().vec(), (std::vector<int64_t>{2, 4}));
        QCOMPARE(batch.inputs.labels[0][3].item<int64_t>(), int64_t(-100));
        QCOMPARE(batch.tokens, int64_t(5 + 8 + 3 + 4));
        QCOMPARE(batch.examples, int64_t(2));
        // Without labels (evaluation) no label tensor is made.
        QVERIFY(!collateBatch(split, {2}, false).inputs.labels.defined());
    }

    void everyExampleAppearsOncePerEpoch_data()
    {
        QTest::addColumn<bool>("bucketed");
        QTest::newRow("shuffled") << false;
        QTest::newRow("bucketed") << true;
    }

    void everyExampleAppearsOncePerEpoch()
    {
        QFETCH(bool, bucketed);
        std::vector<std::string> sentences;
        for (int i = 0; i < 103; ++i)
            sentences.push_back(std::string(1 + (i * 37) % 50, 'x'));
        const LoadedTask task = taskWith(sentences);
        const TokenizedSplit split = tokenizeSplit(task, task.splits.train, charEncode, 100, 100);
        const auto batches = makeBatchOrder(split, 8, 3, 0, true, bucketed);
        QCOMPARE(batches.size(), std::size_t(13));
        std::set<int64_t> seen;
        for (const auto &batch : batches) {
            QVERIFY(batch.size() <= 8);
            seen.insert(batch.begin(), batch.end());
        }
        QCOMPARE(seen.size(), std::size_t(103));
        QCOMPARE(makeBatchOrder(split, 8, 3, 0, true, bucketed), batches);
        QVERIFY(makeBatchOrder(split, 8, 3, 1, true, bucketed) != batches);
        QVERIFY(makeBatchOrder(split, 8, 4, 0, true, bucketed) != batches);
    }

    void bucketsCutPadding()
    {
        std::vector<std::string> sentences;
        for (int i = 0; i < 400; ++i)
            sentences.push_back(std::string(1 + (i * 37) % 60, 'x'));
        const LoadedTask task = taskWith(sentences);
        const TokenizedSplit split = tokenizeSplit(task, task.splits.train, charEncode, 100, 100);
        auto padding = [&](bool bucketed) {
            int64_t pads = 0;
            for (const auto &batch : makeBatchOrder(split, 16, 0, 0, true, bucketed)) {
                const Batch b = collateBatch(split, batch);
                pads += b.inputs.attentionMask.numel() - b.inputs.attentionMask.sum().item<int64_t>();
            }
            return pads;
        };
        const int64_t bucketed = padding(true);
        const int64_t plain = padding(false);
        QVERIFY2(bucketed * 5 < plain, qPrintable(QStringLiteral("bucketed %1, plain %2").arg(bucketed).arg(plain)));
    }

    void unshuffledOrderIsFileOrder()
    {
        const LoadedTask task = taskWith({"a", "b", "c", "d", "e"});
        const TokenizedSplit split = tokenizeSplit(task, task.splits.train, charEncode, 100, 100);
        const auto batches = makeBatchOrder(split, 2, 0, 0, false, false);
        QCOMPARE(batches, (std::vector<std::vector<int64_t>>{{0, 1}, {2, 3}, {4}}));
    }
};

QTEST_GUILESS_MAIN(TestBatching)
#include "test_batching.moc"
