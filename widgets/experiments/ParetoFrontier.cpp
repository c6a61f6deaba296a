// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/ParetoFrontier.h"

#include <algorithm>
#include <numeric>

namespace ladder {

std::vector<std::size_t> paretoFrontier(const std::vector<MemoryScorePoint> &points)
{
    std::vector<std::size_t> order(points.size());
    std::iota(order.begin(), order.end(), std::size_t { 0 });
    // Memory ascending; at equal memory the best score first, so its equals behind it are beaten.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (points[a].memory != points[b].memory)
            return points[a].memory < points[b].memory;
        return points[a].score > points[b].score;
    });
    std::vector<std::size_t> frontier;
    for (std::size_t index : order) {
        // A point on the frontier must beat every cheaper point's score.
        if (frontier.empty() || points[index].score > points[frontier.back()].score)
            frontier.push_back(index);
    }
    return frontier;
}

} // namespace ladder
