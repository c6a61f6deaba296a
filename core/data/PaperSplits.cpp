// SPDX-License-Identifier: GPL-3.0-or-later
#include "data/PaperSplits.h"

#include "util/Error.h"

#include <algorithm>

namespace ladder {

namespace {

// Skip counts stay with the split that holds the file's rows, so nothing is hidden.
Dataset withSkips(Dataset selected, const Dataset &from)
{
    selected.skippedRows = from.skippedRows;
    selected.skipReasons = from.skipReasons;
    return selected;
}

} // namespace

PaperSplitRule paperSplitRule(GlueTask task)
{
    switch (task) {
    case GlueTask::Sst2:
    case GlueTask::Qnli:
    case GlueTask::Qqp:
        return PaperSplitRule::HoldOutTrain;
    case GlueTask::Mnli:
        return PaperSplitRule::MnliMismatchedMatched;
    case GlueTask::Cola:
    case GlueTask::Rte:
    case GlueTask::Mrpc:
    case GlueTask::Stsb:
    case GlueTask::Wnli:
        return PaperSplitRule::HalveDev;
    }
    throw Error("unknown GLUE task");
}

std::vector<int64_t> checkedPermutation(const Permutation &permutation, int64_t n)
{
    if (!permutation)
        throw Error("the paper's splits need a permutation function (torch.randperm seeded 42)");
    std::vector<int64_t> order = permutation(n);
    std::vector<bool> seen(static_cast<std::size_t>(n), false);
    bool valid = static_cast<int64_t>(order.size()) == n;
    for (std::size_t i = 0; valid && i < order.size(); ++i) {
        const int64_t index = order[i];
        valid = index >= 0 && index < n && !seen[static_cast<std::size_t>(index)];
        if (valid)
            seen[static_cast<std::size_t>(index)] = true;
    }
    if (!valid)
        throw Error("the split permutation for " + std::to_string(n) + " examples is not a permutation of 0.."
            + std::to_string(n - 1));
    return order;
}

Dataset selectExamples(const Dataset &dataset, const std::vector<int64_t> &indices, const std::string &source)
{
    Dataset selected;
    selected.source = source;
    selected.examples.reserve(indices.size());
    for (const int64_t index : indices)
        selected.examples.push_back(dataset.examples.at(static_cast<std::size_t>(index)));
    return selected;
}

TaskSplits makePaperSplits(
    GlueTask task, Dataset train, Dataset dev, Dataset devMismatched, const Permutation &permutation)
{
    TaskSplits splits;
    switch (paperSplitRule(task)) {
    case PaperSplitRule::HalveDev: {
        const auto n = static_cast<int64_t>(dev.examples.size());
        const std::vector<int64_t> order = checkedPermutation(permutation, n);
        const auto half = order.begin() + n / 2;
        splits.train = std::move(train);
        splits.validation
            = withSkips(selectExamples(dev, { order.begin(), half }, dev.source + " (shuffled, first half)"), dev);
        splits.test = selectExamples(dev, { half, order.end() }, dev.source + " (shuffled, second half)");
        break;
    }
    case PaperSplitRule::HoldOutTrain: {
        const auto n = static_cast<int64_t>(train.examples.size());
        const std::vector<int64_t> order = checkedPermutation(permutation, n);
        const auto cut = order.begin() + std::min(n, kPaperHeldOutTrainExamples);
        splits.validation = selectExamples(train, { order.begin(), cut }, train.source + " (shuffled, first 1000)");
        splits.train = withSkips(
            selectExamples(train, { cut, order.end() }, train.source + " (shuffled, after the first 1000)"), train);
        splits.test = std::move(dev);
        break;
    }
    case PaperSplitRule::MnliMismatchedMatched:
        splits.train = std::move(train);
        splits.validation = std::move(devMismatched);
        splits.test = std::move(dev);
        break;
    }
    return splits;
}

TaskSplits readPaperSplits(
    GlueTask task, const std::string &taskDir, const Permutation &permutation, const ReadOptions &options)
{
    Dataset train = readGlueTaskFile(task, GlueFile::Train, taskDir, options);
    Dataset dev = readGlueTaskFile(task, GlueFile::Dev, taskDir, options);
    Dataset devMismatched;
    if (task == GlueTask::Mnli)
        devMismatched = readGlueTaskFile(task, GlueFile::DevMismatched, taskDir, options);
    return makePaperSplits(task, std::move(train), std::move(dev), std::move(devMismatched), permutation);
}

} // namespace ladder
