// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): the train/validation/test splits of the paper's GLUE experiments
// (repo seq2seq/data/tasks.py, AbstractTask.get with split_validation_test=True).
#pragma once

#include "data/Example.h"
#include "data/GlueTask.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ladder {

/// The paper's data seed: every shuffle below is torch.randperm(n) from a generator seeded 42.
constexpr int64_t kPaperDataSeed = 42;
/// Training examples SST-2, QNLI and QQP hold out as validation.
constexpr int64_t kPaperHeldOutTrainExamples = 1000;

/// Returns a permutation of 0 … n-1. The paper's splits need torch.randperm(n, generator
/// seeded kPaperDataSeed); this library has no LibTorch, so the training code passes it in.
using Permutation = std::function<std::vector<int64_t>(int64_t n)>;

enum class PaperSplitRule {
    /// CoLA, RTE, MRPC, STS-B, WNLI: train = the whole train file (file order); the dev file is
    /// shuffled and validation = its first n/2 (rounded down), test = the rest (so for odd n the
    /// test half has the extra example), both in shuffled order.
    HalveDev,
    /// SST-2, QNLI, QQP: the train file is shuffled; validation = its first 1,000 shuffled
    /// examples, train = the remaining ones in shuffled order; test = the dev file in file order.
    HoldOutTrain,
    /// MNLI: train = train, validation = dev_mismatched, test = dev_matched (all in file order).
    MnliMismatchedMatched,
};

PaperSplitRule paperSplitRule(GlueTask task);

struct TaskSplits
{
    Dataset train;
    Dataset validation;
    Dataset test;
};

/// The paper's splits made from already read files. @p dev is dev.tsv (MNLI: dev_matched.tsv);
/// @p devMismatched is used by MNLI only. @p permutation is called once per shuffled file with
/// that file's size; a result that is not a permutation of 0 … n-1 throws ladder::Error.
TaskSplits makePaperSplits(
    GlueTask task, Dataset train, Dataset dev, Dataset devMismatched, const Permutation &permutation);

/// Reads the files of @p taskDir that the task's rule needs and makes the paper's splits.
TaskSplits readPaperSplits(
    GlueTask task, const std::string &taskDir, const Permutation &permutation, const ReadOptions &options = {});

/// The examples of @p dataset at @p indices, in that order (dataset.select(indices)).
Dataset selectExamples(const Dataset &dataset, const std::vector<int64_t> &indices, const std::string &source);

/// @p permutation(n), checked to be a permutation of 0 … n-1.
std::vector<int64_t> checkedPermutation(const Permutation &permutation, int64_t n);

} // namespace ladder
