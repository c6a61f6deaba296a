// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): the built-in demo tasks. They need no task files, are deterministic
// for a seed, and are small and regular enough for a teaching preset (t5-tiny) to learn within
// a minute on a 2-core CPU.
#pragma once

#include "corpus/WordNet.h"
#include "data/PaperSplits.h"
#include "data/TextToText.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ladder {

/// What makeDemoTask() builds.
struct DemoTaskOptions
{
    /// "polarity", "wordnet-lexname" or "wordnet-gloss-match" (see demoTaskInfos()).
    std::string name = "polarity";
    /// Seeds every draw: the same options give the same examples in the same order.
    uint64_t seed = 0;
    int64_t trainSize = 2000;
    int64_t validationSize = 200;
    int64_t testSize = 200;
    /// Folder with WordNet's data.* files; empty: defaultWordNetDir().
    std::string wordnetDir;
};

struct DemoTaskInfo
{
    std::string name;
    std::string description; ///< one sentence
    bool needsWordNet = false;
};

/// A demo task: its splits and how its examples are written as text.
struct DemoTask
{
    std::string name;
    TextToTextFormat format;
    TaskSplits splits;
};

/// The built-in demo tasks:
/// - `polarity`: short template sentences holding one positive or one negative adjective
///   (labels negative/positive); no files needed.
/// - `wordnet-lexname`: classify a WordNet definition into one of six lexicographer
///   categories (animal, plant, food, artifact, person, motion), balanced; held out by synset
///   (isDemoEvaluationSynset()).
/// - `wordnet-gloss-match`: a word and a definition — is it the word's own (yes) or another
///   synset's (no)? Balanced; every split draws words and definitions from its own synsets.
const std::vector<DemoTaskInfo> &demoTaskInfos();

/// Builds a demo task. WordNet tasks read defaultWordNetDir() (or options.wordnetDir). Sizes
/// are upper bounds: a split gets fewer examples when the source has too few. Throws
/// ladder::Error for an unknown name (listing the names) or a negative size.
DemoTask makeDemoTask(const DemoTaskOptions &options);

/// The WordNet demo tasks on already read synsets (tests use a small fixture).
DemoTask makeWordNetDemoTask(const std::vector<WordNetSynset> &synsets, const DemoTaskOptions &options);

/// The rule that keeps evaluation text out of pretraining. True for about one synset in five,
/// chosen by a hash of its data file and offset — not by a seed or a split size, so every run
/// and the pretraining corpus agree. The WordNet demo tasks draw validation and test examples
/// only from these synsets and training examples only from the others; the pretraining corpus
/// (WordNetCorpus.h) leaves them out entirely.
bool isDemoEvaluationSynset(const WordNetSynset &synset);

/// The categories of `wordnet-lexname`: lexicographer file names and their label words.
const std::vector<std::pair<std::string, std::string>> &lexnameDemoCategories();

} // namespace ladder
