// SPDX-License-Identifier: GPL-3.0-or-later
// Legends laid out to their plot's width: every entry readable, never cut off at the edge.
#pragma once

#include <limits>

class QCustomPlot;

namespace ladder {

/// Lays `plot`'s legend out in rows of as many entries (at most `maxColumns`) as the plot's
/// width holds whole, filling rows left to right; each column is as wide as its widest entry.
/// Call it after entries change and on resizes.
void fitLegendColumns(QCustomPlot *plot, int maxColumns = std::numeric_limits<int>::max());

} // namespace ladder
