// SPDX-License-Identifier: GPL-3.0-or-later
// The runs no other run beats on both counts: less (or equal) memory and a higher (or equal)
// score, strictly better on one. Drawn over the score-against-memory bubbles.
#pragma once

#include <vector>

namespace ladder {

struct MemoryScorePoint
{
    double memory = 0;
    double score = 0;
};

/// Indices of the frontier's points, by memory ascending (so by score ascending too).
std::vector<std::size_t> paretoFrontier(const std::vector<MemoryScorePoint> &points);

} // namespace ladder
