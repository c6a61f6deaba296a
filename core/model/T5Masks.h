// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Attention.h"

#include <torch/torch.h>

namespace ladder {

/// The most negative finite value of a floating dtype (torch.finfo(dtype).min), HF's
/// "masked out" score.
double maskedScore(torch::Dtype dtype);

/// Additive padding mask as HF builds it: (1 − mask) · finfo.min, shaped [B, 1, 1, Tk] so it
/// broadcasts over heads and queries. `attentionMask` [B, Tk] holds 1 (attend) or 0 (pad),
/// in any integer, bool or float dtype.
torch::Tensor paddingMaskBias(const torch::Tensor &attentionMask, torch::Dtype dtype);

/// Additive causal mask for queries at positions [keyLength − queryLength, keyLength) over
/// keys [0, keyLength), combined with an optional decoder padding mask [B, keyLength] as HF
/// does (product of both before the conversion). Shape [1 or B, 1, Tq, Tk].
torch::Tensor causalMaskBias(int64_t queryLength, int64_t keyLength,
                             const torch::Tensor &decoderAttentionMask, torch::Dtype dtype,
                             const torch::Device &device);

/// A stack's self-attention bias: the relative-position bias of `owner` (the stack's first
/// attention, which holds the table) plus the causal mask (decoder) or the padding mask
/// (encoder), [B or 1, H, Tq, past + Tq]. Shared by the backbone stacks and LST's side stacks.
torch::Tensor selfAttentionBias(const T5AttentionImpl &owner, bool isDecoder, int64_t queryLength,
                                int64_t pastLength, const torch::Tensor &attentionMask, torch::Dtype dtype);

} // namespace ladder
