// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/LrSchedule.h"

#include <algorithm>

namespace ladder {

double linearScheduleRate(double peakRate, int64_t step, int64_t warmupSteps, int64_t totalSteps)
{
    if (step < warmupSteps)
        return peakRate * static_cast<double>(step) / static_cast<double>(std::max<int64_t>(1, warmupSteps));
    const double remaining = static_cast<double>(totalSteps - step);
    const double span = static_cast<double>(std::max<int64_t>(1, totalSteps - warmupSteps));
    return peakRate * std::max(0.0, remaining / span);
}

} // namespace ladder
