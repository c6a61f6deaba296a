// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): T5's span-corruption objective (Raffel et al. 2020, §3.1.4), as the
// T5 code's `random_spans_noise_mask` and `noise_span_to_unique_sentinel` compute it.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace ladder {

struct SpanCorruptionOptions
{
    double noiseDensity = 0.15;       ///< share of tokens masked
    double meanNoiseSpanLength = 3.0; ///< mean length of a masked span
};

/// The number of noise tokens and noise spans for a sequence of `length` tokens, as T5 counts
/// them: noise = round(length · density) clamped to [1, length − 1], spans = max(1,
/// round(noise / mean span length)), computed in float32 and rounded half-to-even as T5's
/// tf.cast/tf.round do. Lengths below 2 count as 2.
struct NoiseCounts
{
    int64_t noiseTokens = 0;
    int64_t noiseSpans = 0;
};
NoiseCounts spanNoiseCounts(int64_t length, const SpanCorruptionOptions &options);

/// T5's random_spans_noise_mask: true = noise. The sequence alternates non-noise and noise
/// spans, starting with non-noise and ending with noise; span lengths are random, every span
/// non-empty, drawn by T5's segmentation (a shuffled vector of num_segments − 1 ones among
/// num_items − 1 slots marks where new segments start). The shuffle is Fisher–Yates on `random`,
/// so masks are reproducible for a seed but not bit-identical to TensorFlow's.
std::vector<bool> randomSpansNoiseMask(int64_t length, const SpanCorruptionOptions &options, std::mt19937_64 &random);

/// One corrupted example.
struct SpanCorruptedExample
{
    std::vector<int64_t> inputs;  ///< kept tokens, each noise span replaced by its sentinel; eos
    std::vector<int64_t> targets; ///< each kept span replaced by its sentinel, noise tokens kept; eos
};

/// Applies a mask as T5 does (noise_span_to_unique_sentinel on inputs and on targets with the
/// mask inverted): the n-th span (0-based) becomes the sentinel `firstSentinelId − n`
/// (`<extra_id_n>` in T5's and HuggingFace's numbering, where extra_id_0 is the largest id),
/// and both sequences end in `eosId`. Throws ladder::Error when the mask and tokens differ in
/// length or need more than `sentinelCount` sentinels.
SpanCorruptedExample applySpanCorruption(const std::vector<int64_t> &tokens, const std::vector<bool> &noiseMask,
    int64_t firstSentinelId, int64_t sentinelCount, int64_t eosId);

/// The input and target lengths every sequence of `length` tokens corrupts to (eos included):
/// inputs = length − noise + spans + 1, targets = noise + spans + 1.
struct CorruptedLengths
{
    int64_t inputs = 0;
    int64_t targets = 0;
};
CorruptedLengths spanCorruptedLengths(int64_t length, const SpanCorruptionOptions &options);

} // namespace ladder
