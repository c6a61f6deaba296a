// SPDX-License-Identifier: GPL-3.0-or-later
#include "corpus/DemoTasks.h"

#include "util/Error.h"
#include "util/Text.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace ladder {

namespace {

/// std::shuffle's algorithm is left to the library; this Fisher–Yates on the standardised
/// mt19937_64 gives the same order everywhere.
class DemoRandom
{
public:
    explicit DemoRandom(uint64_t seed) : m_engine(seed ^ 0x9e3779b97f4a7c15ULL) {}
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(m_engine() % n); }
    template<typename T>
    void shuffle(std::vector<T> &items)
    {
        for (std::size_t i = items.size(); i > 1; --i)
            std::swap(items[i - 1], items[below(i)]);
    }

private:
    std::mt19937_64 m_engine;
};

Example labelled(std::vector<std::string> texts, const std::string &label, int64_t line)
{
    Example example;
    example.texts = std::move(texts);
    example.label = label;
    example.hasLabel = true;
    example.line = line;
    return example;
}

Dataset dataset(const std::string &source, std::vector<Example> examples)
{
    Dataset data;
    data.source = source;
    data.examples = std::move(examples);
    return data;
}

void checkSizes(const DemoTaskOptions &options)
{
    if (options.trainSize < 0 || options.validationSize < 0 || options.testSize < 0)
        throw Error("demo task \"" + options.name + "\": split sizes must not be negative");
}

// --- polarity ----------------------------------------------------------------------------

const std::vector<std::string> kSubjects = {"the film", "the dinner", "my neighbour", "this phone", "the hotel",
    "the concert", "our teacher", "the new car", "the book", "the weather", "the game", "the service",
    "her song", "the garden", "the trip", "his speech", "the coffee", "the museum", "the team", "the show"};
const std::vector<std::string> kVerbs = {"was", "seemed", "felt", "looked", "sounded", "turned out", "is",
    "became"};
const std::vector<std::string> kPositive = {"wonderful", "delightful", "superb", "pleasant", "brilliant",
    "lovely", "excellent", "charming", "great", "enjoyable", "fantastic", "good"};
const std::vector<std::string> kNegative = {"awful", "dreadful", "boring", "terrible", "horrible", "dull",
    "poor", "bad", "annoying", "disappointing", "miserable", "nasty"};
const std::vector<std::string> kTails = {"", "today", "at first", "to everyone", "in the end", "as usual",
    "this time", "yesterday", "again", "all evening", "for once", "on sunday"};

DemoTask makePolarity(const DemoTaskOptions &options)
{
    DemoRandom random(options.seed);
    std::set<std::string> seen;
    auto draw = [&](int64_t count, int64_t firstLine) {
        std::vector<Example> examples;
        // The space has 20·8·12·12 sentences per label; stop early if a split asks for more.
        int64_t attempts = 0;
        while (static_cast<int64_t>(examples.size()) < count && attempts++ < count * 50 + 1000) {
            const bool positive = examples.size() % 2 == 0;
            const auto &adjectives = positive ? kPositive : kNegative;
            std::string sentence = kSubjects[random.below(kSubjects.size())] + " " + kVerbs[random.below(kVerbs.size())]
                + " " + adjectives[random.below(adjectives.size())];
            const std::string &tail = kTails[random.below(kTails.size())];
            if (!tail.empty())
                sentence += " " + tail;
            if (!seen.insert(sentence).second)
                continue;
            examples.push_back(labelled({sentence}, positive ? "positive" : "negative",
                firstLine + static_cast<int64_t>(examples.size())));
        }
        random.shuffle(examples);
        return examples;
    };
    DemoTask task;
    task.name = "polarity";
    task.format = genericTextToTextFormat("polarity", {"sentence"}, {"negative", "positive"}, false);
    // Test first, so a larger training split never changes the held-out examples.
    task.splits.test = dataset("demo polarity, test", draw(options.testSize, 1));
    task.splits.validation = dataset("demo polarity, validation", draw(options.validationSize, 1));
    task.splits.train = dataset("demo polarity, train", draw(options.trainSize, 1));
    return task;
}

// --- WordNet tasks -------------------------------------------------------------------------

const std::vector<std::pair<std::string, std::string>> kLexnameCategories = {{"noun.animal", "animal"},
    {"noun.plant", "plant"}, {"noun.food", "food"}, {"noun.artifact", "artifact"}, {"noun.person", "person"},
    {"verb.motion", "motion"}};

/// One synset in kEvaluationShare is reserved for evaluation (isDemoEvaluationSynset()): enough
/// for the default 200 + 200 held-out examples even in the smallest category (verb.motion).
constexpr uint64_t kEvaluationShare = 5;

int64_t share(int64_t total, std::size_t parts, std::size_t index)
{
    // Spread total over parts as evenly as possible, the first parts taking the remainder.
    const auto p = static_cast<int64_t>(parts);
    return total / p + (static_cast<int64_t>(index) < total % p ? 1 : 0);
}

DemoTask makeLexname(const std::vector<WordNetSynset> &synsets, const DemoTaskOptions &options)
{
    DemoRandom random(options.seed);
    std::vector<Example> test, validation, train;
    for (std::size_t c = 0; c < kLexnameCategories.size(); ++c) {
        const int lexFile = lexFileNumber(kLexnameCategories[c].first);
        // Evaluation examples come from the reserved synsets only, training ones from the rest.
        std::vector<const WordNetSynset *> evaluationPool, trainPool;
        for (const WordNetSynset &synset : synsets) {
            if (synset.lexFile == lexFile && !synset.definition().empty())
                (isDemoEvaluationSynset(synset) ? evaluationPool : trainPool).push_back(&synset);
        }
        random.shuffle(evaluationPool);
        random.shuffle(trainPool);
        std::size_t nextEvaluation = 0, nextTrain = 0;
        auto take = [&](const std::vector<const WordNetSynset *> &pool, std::size_t &next, std::vector<Example> &into,
                        int64_t count) {
            for (int64_t i = 0; i < count && next < pool.size(); ++i, ++next)
                into.push_back(labelled({pool[next]->definition()}, kLexnameCategories[c].second, pool[next]->line));
        };
        take(evaluationPool, nextEvaluation, test, share(options.testSize, kLexnameCategories.size(), c));
        take(evaluationPool, nextEvaluation, validation, share(options.validationSize, kLexnameCategories.size(), c));
        take(trainPool, nextTrain, train, share(options.trainSize, kLexnameCategories.size(), c));
    }
    random.shuffle(test);
    random.shuffle(validation);
    random.shuffle(train);
    std::vector<std::string> labels;
    for (const auto &category : kLexnameCategories)
        labels.push_back(category.second);
    DemoTask task;
    task.name = "wordnet-lexname";
    task.format = genericTextToTextFormat("lexname", {"gloss"}, labels, false);
    task.splits.train = dataset("demo wordnet-lexname, train", std::move(train));
    task.splits.validation = dataset("demo wordnet-lexname, validation", std::move(validation));
    task.splits.test = dataset("demo wordnet-lexname, test", std::move(test));
    return task;
}

DemoTask makeGlossMatch(const std::vector<WordNetSynset> &synsets, const DemoTaskOptions &options)
{
    DemoRandom random(options.seed);
    // Evaluation splits draw from the reserved synsets, training from the rest.
    std::vector<const WordNetSynset *> evaluationPool, trainPool;
    for (const WordNetSynset &synset : synsets) {
        if ((synset.type == 'n' || synset.type == 'v') && !synset.definition().empty())
            (isDemoEvaluationSynset(synset) ? evaluationPool : trainPool).push_back(&synset);
    }
    random.shuffle(evaluationPool);
    random.shuffle(trainPool);
    std::size_t nextEvaluation = 0, nextTrain = 0;
    // Each split owns a disjoint slice of synsets, so no word or definition crosses splits.
    auto build = [&](const std::vector<const WordNetSynset *> &pool, std::size_t &next, int64_t count) {
        const std::size_t first = next;
        const std::size_t available = pool.size() - next;
        const std::size_t size = std::min(available, static_cast<std::size_t>(count));
        next += size;
        std::vector<Example> examples;
        for (std::size_t i = 0; i < size; ++i) {
            const WordNetSynset &synset = *pool[first + i];
            const bool match = i % 2 == 0;
            const WordNetSynset *glossOf = &synset;
            if (!match && size > 1) {
                // Another synset of the same slice whose definition differs.
                // …that is not a sense of the same word (polysemy would make "no" wrong).
                auto unrelated = [&](const WordNetSynset *other) {
                    return other->definition() != synset.definition()
                        && std::find(other->words.begin(), other->words.end(), synset.words[0]) == other->words.end();
                };
                for (int attempt = 0; attempt < 16 && !unrelated(glossOf); ++attempt)
                    glossOf = pool[first + random.below(size)];
                if (!unrelated(glossOf))
                    continue;
            } else if (!match) {
                continue;
            }
            examples.push_back(
                labelled({synset.word(0), glossOf->definition()}, match ? "yes" : "no", synset.line));
        }
        random.shuffle(examples);
        return examples;
    };
    DemoTask task;
    task.name = "wordnet-gloss-match";
    task.format = genericTextToTextFormat("glossmatch", {"word", "gloss"}, {"no", "yes"}, false);
    task.splits.test = dataset("demo wordnet-gloss-match, test", build(evaluationPool, nextEvaluation, options.testSize));
    task.splits.validation =
        dataset("demo wordnet-gloss-match, validation", build(evaluationPool, nextEvaluation, options.validationSize));
    task.splits.train = dataset("demo wordnet-gloss-match, train", build(trainPool, nextTrain, options.trainSize));
    return task;
}

} // namespace

bool isDemoEvaluationSynset(const WordNetSynset &synset)
{
    // FNV-1a (64 bit) of "<data file letter><offset>": a fixed rule, independent of seeds and
    // split sizes, that the demo tasks and the pretraining corpus both apply. Satellites ('s')
    // live in data.adj, whose letter is 'a'; offsets are unique within one file.
    const char file = synset.type == 's' ? 'a' : synset.type;
    const std::string key = file + std::to_string(synset.offset);
    return fnv1a(key) % kEvaluationShare == 0;
}

const std::vector<DemoTaskInfo> &demoTaskInfos()
{
    static const std::vector<DemoTaskInfo> infos = {
        {"polarity", "Template sentences with one positive or negative adjective: positive or negative.", false},
        {"wordnet-lexname",
            "A WordNet definition: animal, plant, food, artifact, person or motion (its lexicographer file).", true},
        {"wordnet-gloss-match", "A word and a WordNet definition: is it the word's own (yes) or not (no)?", true},
    };
    return infos;
}

const std::vector<std::pair<std::string, std::string>> &lexnameDemoCategories() { return kLexnameCategories; }

DemoTask makeWordNetDemoTask(const std::vector<WordNetSynset> &synsets, const DemoTaskOptions &options)
{
    checkSizes(options);
    if (options.name == "wordnet-lexname")
        return makeLexname(synsets, options);
    if (options.name == "wordnet-gloss-match")
        return makeGlossMatch(synsets, options);
    throw Error("\"" + options.name + "\" is not a WordNet demo task (wordnet-lexname, wordnet-gloss-match)");
}

DemoTask makeDemoTask(const DemoTaskOptions &options)
{
    checkSizes(options);
    if (options.name == "polarity")
        return makePolarity(options);
    for (const DemoTaskInfo &info : demoTaskInfos()) {
        if (info.name == options.name && info.needsWordNet)
            return makeWordNetDemoTask(
                readWordNet(options.wordnetDir.empty() ? defaultWordNetDir() : options.wordnetDir), options);
    }
    std::string names;
    for (const DemoTaskInfo &info : demoTaskInfos())
        names += (names.empty() ? "" : ", ") + info.name;
    throw Error("unknown demo task \"" + options.name + "\" (demo tasks: " + names + ")");
}

} // namespace ladder
