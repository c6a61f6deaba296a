// SPDX-License-Identifier: GPL-3.0-or-later
// Internal header: the pretraining corpus — its lines, split into training and validation by a
// hash of each line, packed into fixed-length token sequences as T5 packs its pretraining text —
// and the seeded shuffles that the packing and the training order both use.
#pragma once

#include "pretrain/PretrainConfig.h"

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace ladder {

class SentencePieceTokenizer;

/// splitmix64 of three values: independent seeds for the order of an epoch and the mask of a
/// sequence.
uint64_t mixSeeds(uint64_t a, uint64_t b, uint64_t c);

/// Fisher–Yates with `random`: the same order for the same seed on every platform (unlike
/// std::shuffle, whose algorithm the standard leaves open).
template<typename T>
void shuffleWith(std::vector<T> &items, std::mt19937_64 &random)
{
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[static_cast<std::size_t>(random() % i)]);
}

/// The corpus lines, split by a hash of each line into training and validation.
struct CorpusLines
{
    std::vector<std::string> train;
    std::vector<std::string> validation;
};

/// Reads the corpus `corpus` names (WordNet and/or text files, blank lines skipped). Throws
/// ladder::Error when no training line is left.
CorpusLines readCorpus(const PretrainCorpusConfig &corpus);

/// The lines tokenised (no eos), shuffled by line, concatenated and cut into sequences of
/// `length` tokens (the last, shorter piece is dropped); `tokenCount` receives the tokens read.
std::vector<std::vector<int64_t>> packSequences(const std::vector<std::string> &lines,
    const SentencePieceTokenizer &tokenizer, int64_t length, uint64_t seed, int64_t *tokenCount);

} // namespace ladder
