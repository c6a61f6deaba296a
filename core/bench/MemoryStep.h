// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include.
#pragma once

#include "train/Trainer.h"

#include <cstdint>
#include <string>

namespace ladder {

/// One measured training step of one benchmark method.
struct MemoryStepRequest
{
    std::string preset = "t5-base";
    std::string method = "lst"; ///< a benchMethodNames() entry
    int64_t batch = 100;
    int64_t sourceLength = 128;
    int64_t targetLength = 4;
    uint64_t seed = 1;
};

struct MemoryStepResult
{
    MemoryStepRequest request;
    MemoryBreakdown memory;          ///< categories sum to memory.peak (rss fields: after the step)
    int64_t peakForwardBackward = 0; ///< highest live bytes during forward and backward
    int64_t peakOptimizer = 0;       ///< highest live bytes during AdamW's step
    double stepSeconds = 0;          ///< wall clock of forward + backward + AdamW step
    double loss = 0;
    int64_t processId = 0;           ///< the process that ran it (fresh per method)
    int64_t trainableParameters = 0;
    int64_t totalParameters = 0;
};

/// Builds the method on a random backbone of `request.preset` (memory does not depend on the
/// values), allocates AdamW's moments as any step after the first has them (an AdamW step on
/// zero gradients at learning rate 0), then measures one real step on a random full-length
/// batch: forward (keeping only the loss), backward, AdamW step. Tensor bytes come from the
/// memory meter, which the caller installs before any tensor exists.
MemoryStepResult runMemoryStep(const MemoryStepRequest &request);

/// One JSON object (the hidden `ladder bench memory-step` prints it); fromJson checks every
/// field and names the missing one (`source` prefixes the message).
std::string memoryStepToJson(const MemoryStepResult &result);
MemoryStepResult memoryStepFromJson(const std::string &json, const std::string &source);

} // namespace ladder
