// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Batching.h"

#include "util/Error.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace ladder {

namespace {

/// Fisher–Yates on mt19937_64: the same order on every standard library.
void shuffleIndices(std::vector<int64_t> &items, std::mt19937_64 &engine)
{
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[static_cast<std::size_t>(engine() % i)]);
}

void shuffleBatches(std::vector<std::vector<int64_t>> &items, std::mt19937_64 &engine)
{
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[static_cast<std::size_t>(engine() % i)]);
}

constexpr int64_t kBucketWindowBatches = 50;

} // namespace

int64_t TokenizedSplit::length(int64_t i) const
{
    const auto index = static_cast<std::size_t>(i);
    return static_cast<int64_t>(sources[index].size() + targets[index].size());
}

bool truncateKeepingEos(std::vector<int64_t> &ids, int64_t maxLength, int64_t eosId)
{
    if (static_cast<int64_t>(ids.size()) <= maxLength)
        return false;
    const bool endsWithEos = !ids.empty() && ids.back() == eosId;
    ids.resize(static_cast<std::size_t>(maxLength));
    if (endsWithEos)
        ids.back() = eosId;
    return true;
}

TokenizedSplit tokenizeSplit(const LoadedTask &task, const Dataset &dataset, const TextEncoder &encode,
    int64_t maxSourceLength, int64_t maxTargetLength, int64_t eosId)
{
    TokenizedSplit split;
    split.sources.reserve(dataset.examples.size());
    for (const Example &example : dataset.examples) {
        const TextToTextPair pair = task.formatPair(example);
        std::vector<int64_t> source = encode(pair.source);
        if (truncateKeepingEos(source, maxSourceLength, eosId))
            ++split.truncatedSources;
        std::vector<int64_t> target;
        if (example.hasLabel) {
            target = encode(pair.target);
            if (truncateKeepingEos(target, maxTargetLength, eosId))
                ++split.truncatedTargets;
        }
        split.sources.push_back(std::move(source));
        split.targets.push_back(std::move(target));
        split.targetTexts.push_back(pair.target);
        split.labelled.push_back(example.hasLabel);
    }
    return split;
}

std::vector<std::vector<int64_t>> makeBatchOrder(
    const TokenizedSplit &split, int64_t batchSize, uint64_t seed, int64_t epoch, bool shuffle, bool bucketed)
{
    if (batchSize < 1)
        throw Error("batch size must be at least 1");
    std::vector<int64_t> order(static_cast<std::size_t>(split.size()));
    std::iota(order.begin(), order.end(), 0);
    // One engine per (seed, epoch): an epoch's order never depends on what ran before it.
    std::mt19937_64 engine(seed * 0x9e3779b97f4a7c15ULL + static_cast<uint64_t>(epoch) + 1);
    if (shuffle)
        shuffleIndices(order, engine);
    std::vector<std::vector<int64_t>> batches;
    const auto window = static_cast<std::size_t>(bucketed ? batchSize * kBucketWindowBatches : batchSize);
    for (std::size_t start = 0; start < order.size(); start += window) {
        const std::size_t end = std::min(order.size(), start + window);
        if (bucketed) {
            std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(start),
                order.begin() + static_cast<std::ptrdiff_t>(end),
                [&](int64_t a, int64_t b) { return split.length(a) < split.length(b); });
        }
        for (std::size_t first = start; first < end; first += static_cast<std::size_t>(batchSize)) {
            const std::size_t last = std::min(end, first + static_cast<std::size_t>(batchSize));
            batches.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(first),
                order.begin() + static_cast<std::ptrdiff_t>(last));
        }
    }
    if (shuffle && bucketed)
        shuffleBatches(batches, engine);
    return batches;
}

torch::Tensor padRows(const std::vector<const std::vector<int64_t> *> &rows, int64_t pad)
{
    std::size_t longest = 0;
    for (const auto *row : rows)
        longest = std::max(longest, row->size());
    torch::Tensor out = torch::full(
        {static_cast<int64_t>(rows.size()), static_cast<int64_t>(longest)}, pad, torch::kLong);
    int64_t *data = out.data_ptr<int64_t>();
    for (std::size_t r = 0; r < rows.size(); ++r)
        std::copy(rows[r]->begin(), rows[r]->end(), data + r * longest);
    return out;
}

Batch collateBatch(const TokenizedSplit &split, const std::vector<int64_t> &indices, bool withLabels)
{
    std::vector<const std::vector<int64_t> *> sources;
    std::vector<const std::vector<int64_t> *> targets;
    Batch batch;
    for (int64_t index : indices) {
        if (index < 0 || index >= split.size())
            throw Error("batch index " + std::to_string(index) + " is outside the split");
        const auto i = static_cast<std::size_t>(index);
        sources.push_back(&split.sources[i]);
        targets.push_back(&split.targets[i]);
        batch.tokens += static_cast<int64_t>(split.sources[i].size() + (withLabels ? split.targets[i].size() : 0));
    }
    batch.examples = static_cast<int64_t>(indices.size());
    batch.inputs.inputIds = padRows(sources, 0);
    // The mask comes from the lengths, not from `ids != pad`, so it stays right whatever ids mean.
    batch.inputs.attentionMask = torch::zeros_like(batch.inputs.inputIds);
    for (std::size_t r = 0; r < sources.size(); ++r) {
        batch.inputs.attentionMask[static_cast<int64_t>(r)].narrow(0, 0, static_cast<int64_t>(sources[r]->size())).fill_(1);
    }
    batch.paddedSourceLength = batch.inputs.inputIds.size(1);
    if (withLabels)
        batch.inputs.labels = padRows(targets, -100);
    return batch;
}

} // namespace ladder
