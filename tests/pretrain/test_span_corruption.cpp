// SPDX-License-Identifier: GPL-3.0-or-later
// T5's span corruption: counts, masks and sentinel placement on hand-checked examples.
#include "pretrain/SpanCorruption.h"
#include "util/Error.h"

#include <QtTest>

#include <numeric>
#include <set>
#include <string>

using namespace ladder;

namespace {

std::vector<int64_t> range(int64_t first, int64_t count)
{
    std::vector<int64_t> ids(static_cast<std::size_t>(count));
    std::iota(ids.begin(), ids.end(), first);
    return ids;
}

/// Spans of equal flags, as (flag, length).
std::vector<std::pair<bool, int64_t>> runs(const std::vector<bool> &mask)
{
    std::vector<std::pair<bool, int64_t>> out;
    for (bool flag : mask) {
        if (out.empty() || out.back().first != flag)
            out.emplace_back(flag, 0);
        ++out.back().second;
    }
    return out;
}

constexpr int64_t kEos = 1;
constexpr int64_t kExtraId0 = 32099; // t5-small: 32000 pieces + 100 sentinels, extra_id_0 = 32099

} // namespace

class TestSpanCorruption : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsFollowT5()
    {
        const SpanCorruptionOptions t5;
        // 10 · 0.15 = 1.5 rounds half to even → 2 noise tokens, round(2 / 3) = 1 span.
        QCOMPARE(spanNoiseCounts(10, t5).noiseTokens, int64_t(2));
        QCOMPARE(spanNoiseCounts(10, t5).noiseSpans, int64_t(1));
        // 114 · 0.15 = 17.1 → 17; 17 / 3 = 5.67 → 6 spans (T5's default inputs_length 512 case is 568 → 85, 28).
        QCOMPARE(spanNoiseCounts(114, t5).noiseTokens, int64_t(17));
        QCOMPARE(spanNoiseCounts(114, t5).noiseSpans, int64_t(6));
        QCOMPARE(spanNoiseCounts(568, t5).noiseTokens, int64_t(85));
        QCOMPARE(spanNoiseCounts(568, t5).noiseSpans, int64_t(28));
        // In float32, as T5: 30 · 0.15f rounds to exactly 4.5 → 4 (half to even), 4 / 3 → 1 span;
        // 50 · 0.15f = 7.5000005 → 8 (not a tie in float32), 8 / 3 → 3 spans.
        QCOMPARE(spanNoiseCounts(30, t5).noiseTokens, int64_t(4));
        QCOMPARE(spanNoiseCounts(30, t5).noiseSpans, int64_t(1));
        QCOMPARE(spanNoiseCounts(50, t5).noiseTokens, int64_t(8));
        QCOMPARE(spanNoiseCounts(50, t5).noiseSpans, int64_t(3));
        // Half to even where the float product is exact: 0.25 · 10 = 2.5 → 2; 0.25 · 6 = 1.5 → 2.
        SpanCorruptionOptions quarter;
        quarter.noiseDensity = 0.25;
        QCOMPARE(spanNoiseCounts(10, quarter).noiseTokens, int64_t(2));
        QCOMPARE(spanNoiseCounts(6, quarter).noiseTokens, int64_t(2));
        QCOMPARE(spanNoiseCounts(14, quarter).noiseTokens, int64_t(4)); // 3.5 → 4
        // Degenerate lengths keep one noise and one kept token.
        QCOMPARE(spanNoiseCounts(1, t5).noiseTokens, int64_t(1));
        QCOMPARE(spanNoiseCounts(3, t5).noiseTokens, int64_t(1));
        QCOMPARE(spanCorruptedLengths(64, t5).inputs, int64_t(64 - 10 + 3 + 1));
        QCOMPARE(spanCorruptedLengths(64, t5).targets, int64_t(10 + 3 + 1));
        SpanCorruptionOptions bad;
        bad.noiseDensity = 1.0;
        QVERIFY_THROWS_EXCEPTION(Error, spanNoiseCounts(10, bad));
    }

    void oneSpanIsHandChecked()
    {
        // Length 10: one kept span of 8 then one noise span of 2, whatever the seed.
        std::mt19937_64 random(5);
        const std::vector<bool> mask = randomSpansNoiseMask(10, {}, random);
        QCOMPARE(mask, (std::vector<bool>{false, false, false, false, false, false, false, false, true, true}));
        const SpanCorruptedExample example = applySpanCorruption(range(100, 10), mask, kExtraId0, 100, kEos);
        QCOMPARE(example.inputs,
            (std::vector<int64_t>{100, 101, 102, 103, 104, 105, 106, 107, kExtraId0, kEos}));
        QCOMPARE(example.targets, (std::vector<int64_t>{kExtraId0, 108, 109, kEos}));
    }

    void sentinelsNumberSpansDownward()
    {
        // kept 2, noise 1, kept 3, noise 2, kept 1, noise 1 (built by hand).
        const std::vector<bool> mask{false, false, true, false, false, false, true, true, false, true};
        const SpanCorruptedExample example = applySpanCorruption(range(10, 10), mask, 999, 100, kEos);
        QCOMPARE(example.inputs, (std::vector<int64_t>{10, 11, 999, 13, 14, 15, 998, 18, 997, kEos}));
        QCOMPARE(example.targets, (std::vector<int64_t>{999, 12, 998, 16, 17, 997, 19, kEos}));
        QVERIFY_THROWS_EXCEPTION(Error, applySpanCorruption(range(10, 10), mask, 999, 2, kEos));
        QVERIFY_THROWS_EXCEPTION(Error, applySpanCorruption(range(10, 9), mask, 999, 100, kEos));
    }

    void masksHaveT5sShape()
    {
        const SpanCorruptionOptions t5;
        std::mt19937_64 random(1);
        for (int64_t length : {2, 7, 20, 40, 64, 114, 512}) {
            for (int draw = 0; draw < 20; ++draw) {
                const std::vector<bool> mask = randomSpansNoiseMask(length, t5, random);
                QCOMPARE(static_cast<int64_t>(mask.size()), length);
                const NoiseCounts counts = spanNoiseCounts(length, t5);
                QCOMPARE(static_cast<int64_t>(std::count(mask.begin(), mask.end(), true)), counts.noiseTokens);
                const auto spans = runs(mask);
                // Alternating, starting kept and ending noise: 2 · spans runs.
                QCOMPARE(static_cast<int64_t>(spans.size()), 2 * counts.noiseSpans);
                QCOMPARE(spans.front().first, false);
                QCOMPARE(spans.back().first, true);
                // Lengths after corruption are fixed by the length alone.
                const SpanCorruptedExample example = applySpanCorruption(range(5, length), mask, 9999, 100, kEos);
                QCOMPARE(static_cast<int64_t>(example.inputs.size()), spanCorruptedLengths(length, t5).inputs);
                QCOMPARE(static_cast<int64_t>(example.targets.size()), spanCorruptedLengths(length, t5).targets);
            }
        }
    }

    void noiseRatioAndSpanLengthOverManyDraws()
    {
        // Sequences of every length from 20 to 400: rounding per sequence averages out to the
        // asked-for density and mean span length.
        const SpanCorruptionOptions t5;
        std::mt19937_64 random(2);
        int64_t noise = 0, total = 0, spans = 0;
        for (int draw = 0; draw < 3000; ++draw) {
            const int64_t length = 20 + draw % 381;
            const std::vector<bool> mask = randomSpansNoiseMask(length, t5, random);
            total += length;
            noise += std::count(mask.begin(), mask.end(), true);
            for (const auto &[isNoise, run] : runs(mask))
                spans += isNoise ? 1 : 0;
        }
        const double ratio = static_cast<double>(noise) / static_cast<double>(total);
        QVERIFY2(std::abs(ratio - 0.15) < 0.002, std::to_string(ratio).c_str());
        const double meanSpan = static_cast<double>(noise) / static_cast<double>(spans);
        QVERIFY2(std::abs(meanSpan - 3.0) < 0.05, std::to_string(meanSpan).c_str());
        // Span lengths vary: the segmentation is random, not fixed runs of three.
        std::mt19937_64 again(3);
        std::set<int64_t> lengths;
        for (int draw = 0; draw < 50; ++draw) {
            for (const auto &[isNoise, length] : runs(randomSpansNoiseMask(200, t5, again))) {
                if (isNoise)
                    lengths.insert(length);
            }
        }
        QVERIFY(lengths.size() >= 4);
    }

    void sameSeedSameMask()
    {
        std::mt19937_64 a(42), b(42), c(43);
        const std::vector<bool> first = randomSpansNoiseMask(100, {}, a);
        QCOMPARE(randomSpansNoiseMask(100, {}, b), first);
        QVERIFY(randomSpansNoiseMask(100, {}, c) != first);
    }
};

QTEST_GUILESS_MAIN(TestSpanCorruption)
#include "test_span_corruption.moc"
