// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI, the GUI and the memory predictor).
#pragma once

#include "model/T5Config.h"
#include "peft/MethodConfig.h"

#include <cstdint>

namespace ladder {

/// The batch a memory estimate is for.
struct LstBatchShape
{
    int64_t batch = 8;
    int64_t sourceLength = 128;
    int64_t targetLength = 4;
    int64_t bytesPerValue = 4;     ///< fp32
    bool optimizerState = true;    ///< AdamW's two moments exist (any step after the first)
};

/// Peak tensor memory of one LST training step (forward + backward), counted from the
/// configuration: what stays alive at the start of the backward pass, when it peaks. The
/// backbone keeps nothing but the ladders' inputs (it runs without autograd), so everything
/// else is the side network's, at width d_model / r.
struct LstMemoryEstimate
{
    int64_t parameterBytes = 0;   ///< backbone + side network
    int64_t optimizerBytes = 0;   ///< AdamW: two moments per trainable parameter
    int64_t gradientBytes = 0;    ///< one gradient per trainable parameter
    int64_t ladderInputBytes = 0; ///< embeddings and kept block outputs (full width), backbone stack outputs
    int64_t sideActivationBytes = 0; ///< what autograd saves inside the side network
    int64_t outputBytes = 0;      ///< logits, log-softmax and their gradients at the start of backward

    int64_t peakBytes() const
    {
        return parameterBytes + optimizerBytes + gradientBytes + ladderInputBytes + sideActivationBytes
               + outputBytes;
    }
};

/// Counts LstMemoryEstimate for `backbone` with `options` on `shape` (no tensor is allocated).
/// Assumes training mode with dropout > 0 in the side network (LibTorch keeps a 4-byte mask per
/// dropped element) and no padding-free packing. Checked against the memory meter in
/// tests/peft_lst/test_lst_memory.cpp (within 15%).
LstMemoryEstimate estimateLstMemory(const T5Config &backbone, const LstOptions &options, const LstBatchShape &shape);

} // namespace ladder
