// SPDX-License-Identifier: GPL-3.0-or-later
#include "pretrain/SpanCorruption.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>

namespace ladder {

namespace {

/// tf.round: half to even (std::nearbyint in the default rounding mode).
int64_t roundHalfEven(double value)
{
    const double floor = std::floor(value);
    const double fraction = value - floor;
    if (fraction > 0.5)
        return static_cast<int64_t>(floor) + 1;
    if (fraction < 0.5)
        return static_cast<int64_t>(floor);
    const auto lower = static_cast<int64_t>(floor);
    return lower % 2 == 0 ? lower : lower + 1;
}

/// T5's _random_segmentation: `items` split into `segments` non-empty runs, returned as lengths.
std::vector<int64_t> randomSegmentation(int64_t items, int64_t segments, std::mt19937_64 &random)
{
    // first_in_segment: ones at segments − 1 of the items − 1 places after the first item.
    std::vector<int64_t> starts(static_cast<std::size_t>(items - 1), 0);
    for (int64_t i = 0; i < segments - 1; ++i)
        starts[static_cast<std::size_t>(i)] = 1;
    for (std::size_t i = starts.size(); i > 1; --i)
        std::swap(starts[i - 1], starts[static_cast<std::size_t>(random() % i)]);
    std::vector<int64_t> lengths(static_cast<std::size_t>(segments), 0);
    std::size_t segment = 0;
    lengths[0] = 1; // the first item always opens segment 0
    for (int64_t start : starts) {
        segment += static_cast<std::size_t>(start);
        ++lengths[segment];
    }
    return lengths;
}

void checkOptions(const SpanCorruptionOptions &options)
{
    if (!(options.noiseDensity > 0.0 && options.noiseDensity < 1.0))
        throw Error("span corruption: noise_density must lie in (0, 1), got " + std::to_string(options.noiseDensity));
    if (!(options.meanNoiseSpanLength >= 1.0))
        throw Error("span corruption: mean_noise_span_length must be at least 1, got "
            + std::to_string(options.meanNoiseSpanLength));
}

} // namespace

NoiseCounts spanNoiseCounts(int64_t length, const SpanCorruptionOptions &options)
{
    checkOptions(options);
    length = std::max<int64_t>(length, 2);
    NoiseCounts counts;
    // In float32, as T5 computes it (the product rounded to float32, then tf.round).
    counts.noiseTokens = roundHalfEven(static_cast<float>(length) * static_cast<float>(options.noiseDensity));
    counts.noiseTokens = std::min(std::max<int64_t>(counts.noiseTokens, 1), length - 1);
    counts.noiseSpans =
        roundHalfEven(static_cast<float>(counts.noiseTokens) / static_cast<float>(options.meanNoiseSpanLength));
    counts.noiseSpans = std::max<int64_t>(counts.noiseSpans, 1);
    return counts;
}

std::vector<bool> randomSpansNoiseMask(int64_t length, const SpanCorruptionOptions &options, std::mt19937_64 &random)
{
    if (length < 0)
        throw Error("span corruption: a sequence length cannot be negative");
    const int64_t originalLength = length;
    length = std::max<int64_t>(length, 2);
    const NoiseCounts counts = spanNoiseCounts(length, options);
    const int64_t nonNoiseTokens = length - counts.noiseTokens;
    // T5 draws the noise segmentation first (seeds[0]), then the non-noise one (seeds[1]).
    const std::vector<int64_t> noiseLengths = randomSegmentation(counts.noiseTokens, counts.noiseSpans, random);
    const std::vector<int64_t> keptLengths = randomSegmentation(nonNoiseTokens, counts.noiseSpans, random);
    std::vector<bool> mask;
    mask.reserve(static_cast<std::size_t>(length));
    for (std::size_t span = 0; span < noiseLengths.size(); ++span) {
        mask.insert(mask.end(), static_cast<std::size_t>(keptLengths[span]), false);
        mask.insert(mask.end(), static_cast<std::size_t>(noiseLengths[span]), true);
    }
    mask.resize(static_cast<std::size_t>(originalLength));
    return mask;
}

SpanCorruptedExample applySpanCorruption(const std::vector<int64_t> &tokens, const std::vector<bool> &noiseMask,
    int64_t firstSentinelId, int64_t sentinelCount, int64_t eosId)
{
    if (tokens.size() != noiseMask.size())
        throw Error("span corruption: " + std::to_string(tokens.size()) + " tokens but a noise mask of "
            + std::to_string(noiseMask.size()));
    SpanCorruptedExample example;
    // noise_span_to_unique_sentinel: the first token of each span becomes the next sentinel,
    // the rest of the span is dropped. Inputs replace noise spans, targets kept spans.
    auto replaceSpans = [&](bool replaceNoise, std::vector<int64_t> &out) {
        int64_t spans = 0;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const bool replaced = noiseMask[i] == replaceNoise;
            if (!replaced) {
                out.push_back(tokens[i]);
                continue;
            }
            if (i > 0 && noiseMask[i - 1] == replaceNoise)
                continue; // inside a span already replaced
            if (spans >= sentinelCount)
                throw Error("span corruption: the sequence needs more than the vocabulary's "
                    + std::to_string(sentinelCount) + " sentinel tokens (use shorter sequences)");
            out.push_back(firstSentinelId - spans);
            ++spans;
        }
        out.push_back(eosId);
    };
    replaceSpans(true, example.inputs);
    replaceSpans(false, example.targets);
    return example;
}

CorruptedLengths spanCorruptedLengths(int64_t length, const SpanCorruptionOptions &options)
{
    const NoiseCounts counts = spanNoiseCounts(length, options);
    return {length - counts.noiseTokens + counts.noiseSpans + 1, counts.noiseTokens + counts.noiseSpans + 1};
}

} // namespace ladder
