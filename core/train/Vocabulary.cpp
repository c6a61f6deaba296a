// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Vocabulary.h"

#include "tokenizer/SentencePieceTokenizer.h"
#include "util/Error.h"
#include "util/Text.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace ladder {

namespace fs = std::filesystem;

namespace {

constexpr int kSentinelIds = 100;
/// Bump when the training recipe changes, so old cache entries are not reused.
constexpr int kVocabularyRecipeVersion = 2;
/// BPE, not T5's unigram: on a task's small, repetitive training text sentencepiece's unigram
/// trainer stops at a few hundred sub-word fragments (measured: 152 pieces for the polarity demo,
/// "positive" as five pieces), while BPE keeps whole words ("▁positive") as T5's own vocabulary does.
constexpr const char *kVocabularyModelType = "bpe";

} // namespace

std::string VocabularyChoice::describe() const
{
    if (origin == "backbone")
        return "the backbone's " + modelPath;
    return std::string(origin == "cached" ? "cached vocabulary trained" : "vocabulary trained")
        + " on the task's training text (" + modelPath + ")";
}

std::string vocabularyCacheDir()
{
    if (const char *dir = std::getenv("LADDER_CACHE_DIR"); dir != nullptr && *dir != '\0')
        return (fs::path(dir) / "vocab").string();
    fs::path base;
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
        base = xdg;
    else if (const char *home = std::getenv("HOME"); home != nullptr && *home != '\0')
        base = fs::path(home) / ".cache";
    else
        base = fs::temp_directory_path();
    return (base / "ladder-workbench" / "vocab").string();
}

int64_t requestedVocabularyPieces(const RunConfig &config, int64_t embeddingVocabSize)
{
    if (config.train.vocabSize > 0)
        return config.train.vocabSize;
    return std::max<int64_t>(64, std::min<int64_t>(8000, embeddingVocabSize - kSentinelIds));
}

VocabularyChoice resolveVocabulary(const RunConfig &config, const LoadedTask &task, int64_t embeddingVocabSize,
    const std::function<void(const std::string &)> &log)
{
    if (const std::string backbone = resolveBackbonePath(config.backbone); !backbone.empty()) {
        const fs::path model = fs::path(backbone) / "spiece.model";
        if (fs::is_regular_file(model))
            return {model.string(), "backbone", {}};
    }
    const int64_t pieces = requestedVocabularyPieces(config, embeddingVocabSize);
    if (pieces + kSentinelIds > embeddingVocabSize)
        throw Error("train.vocab_size: " + std::to_string(pieces) + " pieces plus " + std::to_string(kSentinelIds)
            + " sentinels do not fit the backbone's vocab_size " + std::to_string(embeddingVocabSize));

    // The training text: every source and target the model will see in training.
    std::string text;
    for (const Example &example : task.splits.train.examples) {
        const TextToTextPair pair = task.formatPair(example);
        text += pair.source;
        text += '\n';
        if (!pair.target.empty()) {
            text += pair.target;
            text += '\n';
        }
    }
    Fnv1a hash;
    hash.addField(text);
    hash.addField(std::to_string(pieces));
    hash.addField(kVocabularyModelType);
    hash.addField(std::to_string(kVocabularyRecipeVersion));
    const std::string key = hash.hex();
    const fs::path folder = fs::path(vocabularyCacheDir()) / key;
    const fs::path model = folder / "spiece.model";
    if (fs::is_regular_file(model))
        return {model.string(), "cached", key};

    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        throw Error(folder.string() + ": cannot create the vocabulary cache folder: " + ec.message());
    // Train into a process-private prefix, then rename: two runs training the same vocabulary
    // at once never see half a file.
    const std::string unique = std::to_string(::getpid());
    const fs::path textFile = folder / ("text." + unique + ".txt");
    {
        std::ofstream out(textFile, std::ios::binary);
        out << text;
        if (!out)
            throw Error(textFile.string() + ": cannot write the vocabulary training text");
    }
    if (log)
        log("training a " + std::to_string(pieces) + "-piece sentencepiece vocabulary on " +
            std::to_string(task.splits.train.examples.size()) + " training examples (cached under " + folder.string() +
            ")");
    SentencePieceTrainingOptions options;
    options.inputFiles = {textFile.string()};
    options.modelPrefix = (folder / ("spiece." + unique)).string();
    options.vocabSize = static_cast<int>(pieces);
    options.modelType = kVocabularyModelType;
    options.hardVocabLimit = false;
    options.seed = 0;
    try {
        trainSentencePiece(options);
    } catch (...) {
        fs::remove(textFile, ec);
        throw;
    }
    fs::remove(textFile, ec);
    fs::rename(options.modelPrefix + ".model", model, ec);
    if (ec)
        throw Error(model.string() + ": cannot store the trained vocabulary: " + ec.message());
    fs::rename(options.modelPrefix + ".vocab", folder / "spiece.vocab", ec);
    return {model.string(), "trained", key};
}

} // namespace ladder
