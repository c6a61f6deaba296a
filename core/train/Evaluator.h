// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/train (LibTorch): evaluation by rank classification or greedy generation.
#pragma once

#include "peft/FineTuningModel.h"
#include "tokenizer/SentencePieceTokenizer.h"
#include "train/Batching.h"
#include "train/TaskData.h"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace ladder {

/// What evaluation needs besides the model: the task, its tokenizer and limits.
struct EvaluationSetup
{
    const LoadedTask *task = nullptr;
    const SentencePieceTokenizer *tokenizer = nullptr;
    int64_t batchSize = 32;
    int64_t maxTargetLength = 8;   ///< generation budget for regression
    torch::Device device = torch::kCPU;
    const std::atomic<bool> *stop = nullptr; ///< checked before every batch
};

/// Predicted target texts for examples `indices` of `split` (labelled ones only are useful).
/// Classification: each candidate target (LoadedTask::choices()) is scored by its summed
/// log-likelihood in one batched decoder pass per candidate, and the best is taken.
/// Regression: greedy generation. Returns nothing when `stop` was set mid-way.
std::optional<std::vector<std::string>> predictTargets(FineTuningModel &model, const TokenizedSplit &split,
    const std::vector<int64_t> &indices, const EvaluationSetup &setup);

/// Log-likelihood of `candidate` ids [L] for every row of the batch: [B].
torch::Tensor scoreCandidate(FineTuningModel &model, const T5Inputs &sourceBatch, const std::vector<int64_t> &candidate);

} // namespace ladder
