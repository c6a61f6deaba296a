// SPDX-License-Identifier: GPL-3.0-or-later
// The pretraining corpus read from WordNet: definitions and examples as lines, with the demo
// tasks' evaluation synsets left out.
#include "corpus/DemoTasks.h"
#include "corpus/WordNetCorpus.h"
#include "util/Error.h"

#include <QtTest>

#include <filesystem>
#include <set>
#include <unistd.h>

using namespace ladder;

namespace {
const std::string kFixture = std::string(LADDER_TEST_DATA_DIR) + "/wordnet";

const WordNetSynset &synsetWithWord(const std::vector<WordNetSynset> &synsets, const std::string &word)
{
    for (const WordNetSynset &synset : synsets) {
        if (!synset.words.empty() && synset.words[0] == word)
            return synset;
    }
    throw Error("the fixture has no synset " + word);
}
} // namespace

class TestWordNetCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void examplesAreTheQuotedSentences()
    {
        WordNetSynset synset;
        synset.gloss = "draw air into, and expel out of, the lungs; \"I can breathe better when the air is clean\"; "
                       "\"The patient is respiring\"";
        QCOMPARE(glossExamples(synset), (std::vector<std::string>{"I can breathe better when the air is clean",
                                            "The patient is respiring"}));
        synset.gloss = "a quotation; \"to be or not to be\" - Shakespeare; \"unclosed";
        QCOMPARE(glossExamples(synset), (std::vector<std::string>{"to be or not to be", "unclosed"}));
        synset.gloss = "no examples here";
        QVERIFY(glossExamples(synset).empty());
    }

    void linesHoldWordsDefinitionsAndExamples()
    {
        const std::vector<WordNetSynset> synsets = readWordNet(kFixture);
        const WordNetSynset &breathe = synsetWithWord(synsets, "breathe");
        WordNetCorpusOptions options;
        options.excludeEvaluationSynsets = false;
        const std::vector<WordNetSynset> one{breathe};
        const std::vector<std::string> lines = wordNetCorpusLines(one, options);
        QCOMPARE(lines.front(),
            std::string("breathe, take a breath, respire, suspire: draw air into, and expel out of, the lungs"));
        QCOMPARE(lines.size(), 1 + glossExamples(breathe).size());
        QCOMPARE(lines.back(), std::string("The patient is respiring"));
        options.includeWords = false;
        options.includeExamples = false;
        QCOMPARE(wordNetCorpusLines(one, options), (std::vector<std::string>{breathe.definition()}));
    }

    void evaluationDefinitionsNeverReachTheCorpus()
    {
        const std::vector<WordNetSynset> synsets = readWordNet(kFixture);
        const std::vector<std::string> lines = wordNetCorpusLines(synsets);
        WordNetCorpusOptions everything;
        everything.excludeEvaluationSynsets = false;
        const std::size_t all = wordNetCorpusLines(synsets, everything).size();
        QVERIFY(lines.size() < all);
        QVERIFY(lines.size() > all / 2);
        std::string text;
        for (const std::string &line : lines)
            text += line + "\n";
        // Whatever seed and sizes a demo task uses, its evaluation definitions are not corpus text.
        for (uint64_t seed : {0, 7}) {
            for (const char *name : {"wordnet-lexname", "wordnet-gloss-match"}) {
                DemoTaskOptions options;
                options.name = name;
                options.seed = seed;
                options.trainSize = 50;
                options.validationSize = 20;
                options.testSize = 20;
                const DemoTask task = makeWordNetDemoTask(synsets, options);
                const std::size_t field = std::string(name) == "wordnet-lexname" ? 0 : 1;
                for (const Dataset *split : {&task.splits.validation, &task.splits.test}) {
                    for (const Example &example : split->examples)
                        QVERIFY2(text.find(example.texts[field]) == std::string::npos, example.texts[field].c_str());
                }
                // Training definitions are ordinary corpus text.
                QVERIFY(text.find(task.splits.train.examples.front().texts[field]) != std::string::npos);
            }
        }
    }

    void licenceIsPrinceton()
    {
        QVERIFY(wordNetLicence().find("WordNet 3.0 Copyright 2006 by Princeton University") != std::string::npos);
    }

    void unreadableFolderIsALadderError()
    {
        // A symbolic link loop makes stat() fail with ELOOP: the throwing is_regular_file would
        // raise std::filesystem_error; the reader must answer with its own message.
        namespace fs = std::filesystem;
        const fs::path dir = fs::temp_directory_path() / ("ladder-wordnet-loop-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        fs::create_symlink("data.noun", dir / "data.noun");
        try {
            readWordNet(dir.string());
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY(std::string(e.what()).find("data.noun") != std::string::npos);
        } catch (const std::exception &e) {
            fs::remove_all(dir);
            QFAIL(e.what());
        }
        fs::remove_all(dir);
    }
};

QTEST_GUILESS_MAIN(TestWordNetCorpus)
#include "test_wordnet_corpus.moc"
