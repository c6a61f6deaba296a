// SPDX-License-Identifier: GPL-3.0-or-later
// Internal header: includes LibTorch, so never include it from app/ or widgets/.
#pragma once

#include "model/T5Block.h"

#include <torch/torch.h>

namespace ladder {

/// What a side block's attention layers are given besides their input, with the trainable
/// relative-position bias and the masks kept apart: the standard path adds them into one
/// [B, H, Tq, Tk] tensor per stack, recomputedAttention never materialises that.
struct SideAttentionInputs
{
    torch::Tensor positionBias; ///< [1, H, Tq, Tk] from the stack's relative-bias table
    torch::Tensor selfMask;     ///< padding [B, 1, 1, Tk] (encoder) or causal [1 or B, 1, Tq, Tk] (decoder); may be undefined
    torch::Tensor encoderHidden; ///< decoder blocks: the side encoder's output
    torch::Tensor crossMask;     ///< decoder blocks: the encoder padding mask [B, 1, 1, Ts]; may be undefined
};

/// The forward of a side T5 block (HF T5Block, pre-norm residuals) whose attention layers use
/// recomputedAttention: same modules, parameters and values as block.forward() (without a
/// decoding cache), but no layer keeps its heads × len × len probabilities for backward.
/// `dropout` is the side network's rate (residual, feed-forward and attention dropout).
torch::Tensor sideBlockForwardRecomputed(T5BlockImpl &block, const torch::Tensor &hidden,
                                         const SideAttentionInputs &inputs, double dropout, bool training);

} // namespace ladder
