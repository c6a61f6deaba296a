// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Config.h"

#include <cstdint>

namespace ladder {

/// The shape of one training or inference batch.
struct BatchShape
{
    int64_t batch = 8;
    int64_t sourceLength = 128;
    int64_t targetLength = 4;
};

/// Floating-point operations of one T5 pass, counting multiply-adds as two and only the
/// matrix products (projections, attention scores and mixing, LM head) — everything else is
/// a rounding error at these sizes. Used to turn measured step time into achieved GFLOP/s.
struct FlopEstimate
{
    double encoder = 0;
    double decoder = 0;
    double lmHead = 0;

    double forward() const { return encoder + decoder + lmHead; }
    /// Forward plus a backward that computes gradients for inputs and weights of every
    /// product: twice the forward's work (full fine-tuning).
    double fullTrainingStep() const { return 3 * forward(); }
};

FlopEstimate estimateT5Flops(const T5Config &config, const BatchShape &shape);

} // namespace ladder
