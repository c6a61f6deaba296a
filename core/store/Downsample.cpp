// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Downsample.h"

#include <algorithm>
#include <cmath>

namespace ladder {

namespace {

// NaN sorts below everything for the minimum and above nothing for the maximum, so a number
// always wins its bucket, yet an all-NaN bucket still shows (a diverged run must not vanish).
bool lessForMin(double a, double b)
{
    if (std::isnan(b))
        return !std::isnan(a);
    return !std::isnan(a) && a < b;
}

bool greaterForMax(double a, double b)
{
    if (std::isnan(b))
        return !std::isnan(a);
    return !std::isnan(a) && a > b;
}

} // namespace

std::vector<SeriesPoint> downsampleMinMax(const std::vector<SeriesPoint> &points, std::size_t maxPoints)
{
    maxPoints = std::max<std::size_t>(maxPoints, 4);
    if (points.size() <= maxPoints)
        return points;

    std::vector<SeriesPoint> out;
    out.reserve(maxPoints);
    out.push_back(points.front());

    // Interior points [1, n-1) go into buckets of (nearly) equal count; each gives two points.
    const std::size_t interior = points.size() - 2;
    const std::size_t buckets = (maxPoints - 2) / 2;
    for (std::size_t b = 0; b < buckets; ++b) {
        const std::size_t begin = 1 + b * interior / buckets;
        const std::size_t end = 1 + (b + 1) * interior / buckets;
        if (begin == end)
            continue;
        std::size_t minIndex = begin;
        std::size_t maxIndex = begin;
        for (std::size_t i = begin + 1; i < end; ++i) {
            if (lessForMin(points[i].value, points[minIndex].value))
                minIndex = i;
            if (greaterForMax(points[i].value, points[maxIndex].value))
                maxIndex = i;
        }
        out.push_back(points[std::min(minIndex, maxIndex)]);
        if (minIndex != maxIndex)
            out.push_back(points[std::max(minIndex, maxIndex)]);
    }
    out.push_back(points.back());
    return out;
}

} // namespace ladder
