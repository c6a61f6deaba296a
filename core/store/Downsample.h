// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/RunRecords.h"

#include <cstddef>
#include <vector>

namespace ladder {

/// Reduces a series (in step order) to at most `maxPoints` points for plotting without losing
/// spikes: the first and last points are kept, the points between are split into equal-count
/// buckets, and each bucket contributes its minimum and its maximum, in step order. A series
/// with at most maxPoints points comes back unchanged; maxPoints below 4 counts as 4. NaN
/// values are kept as long as their bucket has no number to show.
std::vector<SeriesPoint> downsampleMinMax(const std::vector<SeriesPoint> &points, std::size_t maxPoints);

} // namespace ladder
