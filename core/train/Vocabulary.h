// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI and the GUI).
#pragma once

#include "data/Example.h"
#include "train/RunConfig.h"
#include "train/TaskData.h"

#include <cstdint>
#include <functional>
#include <string>

namespace ladder {

/// The sentencepiece model a run tokenises with, and where it came from.
struct VocabularyChoice
{
    std::string modelPath; ///< the .model file
    /// "backbone" (the folder's spiece.model), "trained" (trained now) or "cached" (trained
    /// earlier on the same text and settings).
    std::string origin;
    std::string cacheKey;  ///< the hash a trained vocabulary is filed under (empty for "backbone")

    /// e.g. "trained on the task's training text (…/spiece.model)".
    std::string describe() const;
};

/// The user's cache folder for trained vocabularies: $XDG_CACHE_HOME/ladder-workbench/vocab
/// (or ~/.cache/…); $LADDER_CACHE_DIR replaces $XDG_CACHE_HOME/ladder-workbench.
std::string vocabularyCacheDir();

/// Pieces a preset's trained vocabulary asks for: train.vocab_size, or (0) the embedding's
/// vocab_size minus the 100 sentinel ids, at most 8,000. sentencepiece may give fewer
/// (hard_vocab_limit off) when the text is small.
int64_t requestedVocabularyPieces(const RunConfig &config, int64_t embeddingVocabSize);

/// A backbone folder's spiece.model when it has one (it always wins); otherwise a vocabulary
/// trained on the training split's source and target texts with T5's special ids, cached under
/// vocabularyCacheDir()/<hash of text and settings>/spiece.model. `log` receives a line when a
/// vocabulary is trained.
VocabularyChoice resolveVocabulary(const RunConfig &config, const LoadedTask &task, int64_t embeddingVocabSize,
    const std::function<void(const std::string &)> &log = {});

} // namespace ladder
