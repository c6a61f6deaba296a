// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in demo tasks: deterministic for a seed, balanced, held out properly.
#include "corpus/DemoTasks.h"
#include "util/Error.h"

#include <QtTest>

#include <map>
#include <set>

using namespace ladder;

namespace {
const std::string kFixture = std::string(LADDER_TEST_DATA_DIR) + "/wordnet";

std::map<std::string, int> countLabels(const Dataset &data)
{
    std::map<std::string, int> counts;
    for (const Example &example : data.examples)
        ++counts[example.label];
    return counts;
}

std::set<std::string> texts(const Dataset &data, std::size_t field)
{
    std::set<std::string> out;
    for (const Example &example : data.examples)
        out.insert(example.texts.at(field));
    return out;
}

bool disjoint(const std::set<std::string> &a, const std::set<std::string> &b)
{
    for (const std::string &item : a) {
        if (b.count(item))
            return false;
    }
    return true;
}
} // namespace

class TestDemoTasks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void polarityIsDeterministicForASeed()
    {
        DemoTaskOptions options;
        options.trainSize = 100;
        const DemoTask a = makeDemoTask(options);
        const DemoTask b = makeDemoTask(options);
        options.seed = 1;
        const DemoTask c = makeDemoTask(options);
        QCOMPARE(a.splits.train.examples.size(), std::size_t(100));
        for (std::size_t i = 0; i < 100; ++i)
            QCOMPARE(a.splits.train.examples[i].texts, b.splits.train.examples[i].texts);
        QVERIFY(texts(a.splits.train, 0) != texts(c.splits.train, 0));
    }

    void polarityIsBalancedAndHeldOut()
    {
        DemoTaskOptions options;
        const DemoTask task = makeDemoTask(options);
        QCOMPARE(task.splits.train.examples.size(), std::size_t(2000));
        QCOMPARE(task.splits.test.examples.size(), std::size_t(200));
        QCOMPARE(countLabels(task.splits.train)["positive"], 1000);
        QCOMPARE(countLabels(task.splits.test)["negative"], 100);
        QVERIFY(disjoint(texts(task.splits.train, 0), texts(task.splits.test, 0)));
        QVERIFY(disjoint(texts(task.splits.validation, 0), texts(task.splits.test, 0)));
        QCOMPARE(task.format.labelWords, (std::vector<std::string>{"negative", "positive"}));
        QCOMPARE(formatSource(task.format, task.splits.train.examples[0]).rfind("polarity sentence: ", 0), std::size_t(0));
    }

    void lexnameIsBalancedOverSixCategories()
    {
        DemoTaskOptions options;
        options.name = "wordnet-lexname";
        options.trainSize = 120;
        options.validationSize = 30;
        options.testSize = 60;
        const DemoTask task = makeWordNetDemoTask(readWordNet(kFixture), options);
        // The fixture has 40 synsets per category: 10 test + 5 validation + 20 train each.
        QCOMPARE(task.splits.test.examples.size(), std::size_t(60));
        QCOMPARE(task.splits.train.examples.size(), std::size_t(120));
        const auto counts = countLabels(task.splits.train);
        QCOMPARE(counts.size(), std::size_t(6));
        for (const auto &entry : counts)
            QCOMPARE(entry.second, 20);
        QCOMPARE(countLabels(task.splits.test)["motion"], 10);
        QVERIFY(disjoint(texts(task.splits.train, 0), texts(task.splits.test, 0)));
        QVERIFY(disjoint(texts(task.splits.train, 0), texts(task.splits.validation, 0)));
        // A definition, without its usage examples.
        for (const Example &example : task.splits.train.examples)
            QVERIFY(example.texts[0].find("; \"") == std::string::npos);
    }

    void lexnameShrinksWhenTheSourceIsSmall()
    {
        DemoTaskOptions options;
        options.name = "wordnet-lexname";
        options.trainSize = 6000;
        options.validationSize = 30;
        options.testSize = 60;
        const DemoTask task = makeWordNetDemoTask(readWordNet(kFixture), options);
        // 40 synsets per category in the fixture: 10 test and 5 validation each leave 25 to train.
        QCOMPARE(task.splits.train.examples.size(), std::size_t(6 * 25));
    }

    void glossMatchPairsRealAndForeignDefinitions()
    {
        DemoTaskOptions options;
        options.name = "wordnet-gloss-match";
        options.trainSize = 100;
        options.validationSize = 20;
        options.testSize = 40;
        const std::vector<WordNetSynset> synsets = readWordNet(kFixture);
        const DemoTask task = makeWordNetDemoTask(synsets, options);
        std::map<std::string, std::set<std::string>> definitionsOf;
        for (const WordNetSynset &synset : synsets)
            definitionsOf[synset.word(0)].insert(synset.definition());
        for (const Example &example : task.splits.train.examples) {
            const bool own = definitionsOf[example.texts[0]].count(example.texts[1]) > 0;
            QCOMPARE(own, example.label == "yes");
        }
        const auto counts = countLabels(task.splits.train);
        QVERIFY(std::abs(counts.at("yes") - counts.at("no")) <= 2);
        // Held out by synset: no definition of a train synset is a test synset's own.
        auto ownDefinitions = [](const Dataset &data) {
            std::set<std::string> out;
            for (const Example &example : data.examples) {
                if (example.label == "yes")
                    out.insert(example.texts[1]);
            }
            return out;
        };
        QVERIFY(disjoint(ownDefinitions(task.splits.train), ownDefinitions(task.splits.test)));
    }

    void unknownTaskListsTheNames()
    {
        DemoTaskOptions options;
        options.name = "sentiment";
        try {
            makeDemoTask(options);
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY(std::string(e.what()).find("wordnet-gloss-match") != std::string::npos);
        }
    }

    void realWordNetBuildsEveryDemoTask()
    {
        if (!QFile::exists(QString::fromStdString(defaultWordNetDir() + "/data.noun")))
            QSKIP("WordNet is not installed (Debian: wordnet-base)");
        for (const DemoTaskInfo &info : demoTaskInfos()) {
            DemoTaskOptions options;
            options.name = info.name;
            const DemoTask task = makeDemoTask(options);
            QCOMPARE(task.splits.train.examples.size(), std::size_t(2000));
            QCOMPARE(task.splits.test.examples.size(), std::size_t(200));
        }
    }
};

QTEST_GUILESS_MAIN(TestDemoTasks)
#include "test_demo_tasks.moc"
