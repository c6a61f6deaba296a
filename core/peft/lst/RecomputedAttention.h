// SPDX-License-Identifier: GPL-3.0-or-later
// Internal header: includes LibTorch, so never include it from app/ or widgets/.
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace ladder {

/// Batch items per chunk are chosen so that one chunk's scores stay under this many bytes:
/// the working set of forward and backward is a few such chunks, not the layer's whole
/// B × H × Tq × Tk.
constexpr int64_t kRecomputedAttentionChunkBytes = 16 * 1024 * 1024;

/// softmax(q·kᵀ + positionBias + mask) · v, with inverted dropout `p` on the probabilities in
/// training, that keeps for backward only q, k, v, the biases and a 64-bit seed: backward
/// recomputes the probabilities (and regenerates the dropout mask from the seed), one chunk of
/// the batch at a time. Same values and gradients as the standard T5 attention core (no
/// 1/√d_kv scaling, softmax in float32); the dropout mask differs from the standard path's
/// draws but has the same distribution (keep with probability 1 − p, as t5Dropout).
///
/// q [B, H, Tq, D]; k, v [B, H, Tk, D]; `positionBias` undefined or [1 or B, H, Tq, Tk] (may
/// require grad: the relative-position table trains); `mask` undefined or broadcastable to
/// [B, H, Tq, Tk] with a first dimension of 1 or B (no grad: padding / causal mask).
/// Returns [B, H, Tq, D]. Draws the seed from LibTorch's global CPU generator when dropout is on.
torch::Tensor recomputedAttention(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                                  const torch::Tensor &positionBias, const torch::Tensor &mask, double p,
                                  bool training, int64_t chunkBytes = kRecomputedAttentionChunkBytes);

} // namespace ladder
