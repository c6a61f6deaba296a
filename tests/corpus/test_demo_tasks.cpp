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
        options.trainSize = 60;
        options.validationSize = 6;
        options.testSize = 24;
        const std::vector<WordNetSynset> synsets = readWordNet(kFixture);
        const DemoTask task = makeWordNetDemoTask(synsets, options);
        // Each category asks for 10 train, 1 validation and 4 test examples; evaluation ones come
        // from the reserved synsets only (the fixture's 40 per category hold at least 5 of them).
        for (const auto &[lexFile, label] : lexnameDemoCategories()) {
            int reserved = 0;
            for (const WordNetSynset &synset : synsets)
                reserved += synset.lexFile == lexFileNumber(lexFile) && isDemoEvaluationSynset(synset) ? 1 : 0;
            QVERIFY2(reserved >= 5, lexFile.c_str());
        }
        QCOMPARE(task.splits.test.examples.size(), std::size_t(24));
        QCOMPARE(task.splits.validation.examples.size(), std::size_t(6));
        QCOMPARE(task.splits.train.examples.size(), std::size_t(60));
        const auto counts = countLabels(task.splits.train);
        QCOMPARE(counts.size(), std::size_t(6));
        for (const auto &entry : counts)
            QCOMPARE(entry.second, 10);
        QCOMPARE(countLabels(task.splits.test)["motion"], 4);
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
        options.validationSize = 6000;
        options.testSize = 6000;
        const std::vector<WordNetSynset> synsets = readWordNet(kFixture);
        const DemoTask task = makeWordNetDemoTask(synsets, options);
        // Every category gives all its reserved synsets to test and validation (test first) and
        // all the others to training.
        std::size_t reserved = 0, others = 0;
        for (const auto &category : lexnameDemoCategories()) {
            for (const WordNetSynset &synset : synsets) {
                if (synset.lexFile == lexFileNumber(category.first) && !synset.definition().empty())
                    ++(isDemoEvaluationSynset(synset) ? reserved : others);
            }
        }
        QCOMPARE(task.splits.train.examples.size(), others);
        QCOMPARE(task.splits.test.examples.size() + task.splits.validation.examples.size(), reserved);
        QVERIFY(task.splits.train.examples.size() < std::size_t(6 * 40));
    }

    void evaluationSplitsUseOnlyReservedSynsets()
    {
        const std::vector<WordNetSynset> synsets = readWordNet(kFixture);
        std::map<std::string, bool> reservedDefinition;
        for (const WordNetSynset &synset : synsets)
            reservedDefinition[synset.definition()] = isDemoEvaluationSynset(synset);
        for (const char *name : {"wordnet-lexname", "wordnet-gloss-match"}) {
            DemoTaskOptions options;
            options.name = name;
            options.trainSize = 80;
            options.validationSize = 10;
            options.testSize = 20;
            const DemoTask task = makeWordNetDemoTask(synsets, options);
            const std::size_t field = std::string(name) == "wordnet-lexname" ? 0 : 1;
            QVERIFY(!task.splits.test.examples.empty());
            for (const Dataset *split : {&task.splits.validation, &task.splits.test}) {
                for (const Example &example : split->examples)
                    QVERIFY2(reservedDefinition.at(example.texts[field]), example.texts[field].c_str());
            }
            for (const Example &example : task.splits.train.examples)
                QVERIFY2(!reservedDefinition.at(example.texts[field]), example.texts[field].c_str());
        }
        // About one synset in five is reserved (a fixed hash rule, not a seed).
        std::size_t reserved = 0;
        for (const WordNetSynset &synset : synsets)
            reserved += isDemoEvaluationSynset(synset) ? 1 : 0;
        QVERIFY(reserved * 10 > synsets.size() && reserved * 10 < synsets.size() * 3);
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
