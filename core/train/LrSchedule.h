// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include.
#pragma once

#include <cstdint>

namespace ladder {

/// HuggingFace's get_linear_schedule_with_warmup, which the paper's Trainer uses: the learning
/// rate of optimizer step `step` (0-based) rises linearly from 0 over `warmupSteps`, then falls
/// linearly to 0 at `totalSteps`. (As in HF, step 0 of a warm-up trains at rate 0.)
double linearScheduleRate(double peakRate, int64_t step, int64_t warmupSteps, int64_t totalSteps);

} // namespace ladder
