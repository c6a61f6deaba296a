// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/lst/SideBlockForward.h"

#include "model/T5Dropout.h"
#include "peft/lst/RecomputedAttention.h"
#include "util/Error.h"

namespace ladder {

namespace {

/// [B, T, H·D] → [B, H, T, D] (a view).
torch::Tensor splitHeads(const torch::Tensor &projected, int64_t heads)
{
    return projected.view({projected.size(0), projected.size(1), heads, projected.size(2) / heads}).transpose(1, 2);
}

torch::Tensor attend(T5AttentionImpl &attention, const torch::Tensor &normed, const torch::Tensor &keyValueSource,
                     const torch::Tensor &positionBias, const torch::Tensor &mask, int64_t heads, double dropout,
                     bool training)
{
    const torch::Tensor query = splitHeads(attention.q(normed), heads);
    const torch::Tensor key = splitHeads(attention.k(keyValueSource), heads);
    const torch::Tensor value = splitHeads(attention.v(keyValueSource), heads);
    const torch::Tensor context = recomputedAttention(query, key, value, positionBias, mask, dropout, training);
    const int64_t batch = context.size(0);
    const int64_t queries = context.size(2);
    return attention.o(context.transpose(1, 2).reshape({batch, queries, -1}));
}

} // namespace

torch::Tensor sideBlockForwardRecomputed(T5BlockImpl &block, const torch::Tensor &hidden,
                                         const SideAttentionInputs &inputs, double dropout, bool training)
{
    if (!inputs.positionBias.defined())
        throw Error("LST side block: the recomputed attention needs the stack's position bias");
    const int64_t heads = inputs.positionBias.size(1);
    T5LayerSelfAttentionImpl &self = *block.selfAttention;
    const torch::Tensor normed = self.layer_norm(hidden);
    torch::Tensor h = hidden
                      + t5Dropout(attend(*self.SelfAttention, normed, normed, inputs.positionBias, inputs.selfMask,
                                         heads, dropout, training),
                                  dropout, training);
    if (block.crossAttention) {
        if (!inputs.encoderHidden.defined())
            throw Error("LST side block: a decoder block needs the side encoder's output");
        T5LayerCrossAttentionImpl &cross = *block.crossAttention;
        h = h
            + t5Dropout(attend(*cross.EncDecAttention, cross.layer_norm(h), inputs.encoderHidden, {},
                               inputs.crossMask, heads, dropout, training),
                        dropout, training);
    }
    T5LayerFFImpl &ff = *block.feedForward;
    return h + t5Dropout(ff.DenseReluDense(ff.layer_norm(h)), dropout, training);
}

} // namespace ladder
