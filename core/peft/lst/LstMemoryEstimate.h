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
/// configuration, for a caller that keeps only the loss of the forward's result (as a training
/// loop does). The backbone runs without autograd, so it keeps nothing but the ladders' inputs;
/// everything else is the side network's, at width d_model / r.
struct LstMemoryEstimate
{
    int64_t parameterBytes = 0;      ///< backbone + side network
    int64_t optimizerBytes = 0;      ///< AdamW: two moments per trainable parameter
    int64_t gradientBytes = 0;       ///< one per trainable parameter: allocated while backward frees activations, so not in the peak
    int64_t ladderInputBytes = 0;    ///< the embeddings and kept block outputs (full width) the ladders keep
    int64_t sideActivationBytes = 0; ///< what autograd saves inside the side network
    int64_t outputBytes = 0;         ///< the saved log-softmax of the logits
    /// What exists only for a moment on top of all that: at backward's start the gradients of
    /// log-softmax and logits, or (whichever is larger) an attention layer's scores beside their
    /// softmax and, in backward, their gradients.
    int64_t transientBytes = 0;

    int64_t peakBytes() const
    {
        return parameterBytes + optimizerBytes + ladderInputBytes + sideActivationBytes + outputBytes + transientBytes;
    }
};

/// Counts LstMemoryEstimate for `backbone` with `options` on `shape` (no tensor is allocated).
/// Covers the memory options (backbone_dtype bf16: 2-byte frozen weights and ladder inputs;
/// side_attention recompute: no saved probabilities). Assumes training mode (dropout keeps its output and a 1-byte mask, as core/model's
/// t5Dropout does) and unpadded batches. The backbone's own transient working set (one
/// block at a time, without autograd) is not counted: it passes before the side network's
/// activations exist, and predictTrainingMemory (core/train/MemoryPredictor.h), the one LST
/// memory model everything shows, takes the larger of the two phases. Checked against the
/// memory meter in tests/peft_lst/test_lst_memory.cpp (this count, on a t5-mini shape) and
/// tests/bench/test_lst_memory_prediction.cpp (the prediction, t5-tiny to t5-small, within 10%).
LstMemoryEstimate estimateLstMemory(const T5Config &backbone, const LstOptions &options, const LstBatchShape &shape);

} // namespace ladder
