// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/train (LibTorch): token ids cached per split, batch order and collation.
#pragma once

#include "data/Example.h"
#include "model/T5Model.h"
#include "train/TaskData.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ladder {

/// Text → ids with eos appended (SentencePieceTokenizer::encode, or a stand-in in tests).
using TextEncoder = std::function<std::vector<int64_t>(const std::string &)>;

/// A split tokenised once: source and target ids (eos last) and the target texts.
struct TokenizedSplit
{
    std::vector<std::vector<int64_t>> sources;
    std::vector<std::vector<int64_t>> targets;  ///< empty for unlabelled examples
    std::vector<std::string> targetTexts;       ///< what evaluation compares predictions with
    std::vector<bool> labelled;
    int64_t truncatedSources = 0; ///< sources longer than the limit (cut, eos kept last)
    int64_t truncatedTargets = 0;

    int64_t size() const { return static_cast<int64_t>(sources.size()); }
    /// Source plus target tokens of example i: the length batches are bucketed by.
    int64_t length(int64_t i) const;
};

/// Cuts ids to maxLength keeping the final eos, as HF's T5 tokenizer truncates before adding
/// eos. Returns whether anything was cut.
bool truncateKeepingEos(std::vector<int64_t> &ids, int64_t maxLength, int64_t eosId);

TokenizedSplit tokenizeSplit(const LoadedTask &task, const Dataset &dataset, const TextEncoder &encode,
    int64_t maxSourceLength, int64_t maxTargetLength, int64_t eosId = 1);

/// The batches of one epoch as example indices. shuffle: a permutation drawn from (seed, epoch)
/// alone, so any epoch's order can be rebuilt on resume. bucketed: the shuffled order is cut
/// into windows of 50 batches, each sorted by length and cut into batches, and the batches are
/// shuffled again, so padding stays small while the order stays random. The last batch may
/// be smaller.
std::vector<std::vector<int64_t>> makeBatchOrder(
    const TokenizedSplit &split, int64_t batchSize, uint64_t seed, int64_t epoch, bool shuffle, bool bucketed);

/// One padded batch: dynamic padding to the longest source and target of the batch; pad id 0
/// in input ids, −100 in labels, attention mask 1 on tokens.
struct Batch
{
    T5Inputs inputs;
    int64_t examples = 0;
    int64_t tokens = 0; ///< real (non-pad) source and target tokens
    int64_t paddedSourceLength = 0;
};

Batch collateBatch(const TokenizedSplit &split, const std::vector<int64_t> &indices, bool withLabels = true);

/// Rows padded with `pad` to the longest row: I64 [rows, longest].
torch::Tensor padRows(const std::vector<const std::vector<int64_t> *> &rows, int64_t pad);

} // namespace ladder
