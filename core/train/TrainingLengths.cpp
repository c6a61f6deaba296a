// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/TrainingLengths.h"

#include "train/Batching.h"
#include "train/MemoryPredictor.h"
#include "train/TaskData.h"
#include "train/Vocabulary.h"
#include "tokenizer/SentencePieceTokenizer.h"

#include <algorithm>

namespace ladder {

TrainingLengths measureTrainingLengths(const RunConfig &config, const std::function<void(const std::string &)> &log)
{
    const LoadedTask task = loadTask(config);
    const VocabularyChoice vocabulary = resolveVocabulary(config, task, runBackboneConfig(config).vocabSize, log);
    const SentencePieceTokenizer tokenizer = SentencePieceTokenizer::load(vocabulary.modelPath);
    const TextEncoder encode = [&tokenizer](const std::string &text) { return tokenizer.encode(text); };
    const TokenizedSplit split = tokenizeSplit(task, task.splits.train, encode, config.train.maxSourceLength,
        config.train.maxTargetLength);

    TrainingLengths lengths;
    lengths.examples = split.size();
    lengths.truncatedSources = split.truncatedSources;
    for (const auto &source : split.sources)
        lengths.longestSource = std::max<int64_t>(lengths.longestSource, static_cast<int64_t>(source.size()));
    for (const auto &target : split.targets)
        lengths.longestTarget = std::max<int64_t>(lengths.longestTarget, static_cast<int64_t>(target.size()));
    return lengths;
}

} // namespace ladder
