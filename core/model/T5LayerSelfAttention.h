// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Attention.h"
#include "model/T5LayerNorm.h"
#include "model/T5Sublayer.h"

namespace ladder {

/// HF `T5LayerSelfAttention`: h + dropout(SelfAttention(layer_norm(h))).
class T5LayerSelfAttentionImpl : public T5SublayerBase
{
public:
    T5LayerSelfAttentionImpl(const T5Config &config, bool hasRelativeAttentionBias, bool bidirectional)
        : T5SublayerBase(config.dropoutRate)
    {
        SelfAttention = register_module(
            "SelfAttention", T5Attention(config, hasRelativeAttentionBias, bidirectional));
        layer_norm = register_module("layer_norm", T5LayerNorm(config.dModel, config.layerNormEpsilon));
    }

    torch::Tensor forward(const torch::Tensor &hidden, const torch::Tensor &positionBias,
                          T5AttentionCache *cache = nullptr)
    {
        return residual(hidden, SelfAttention->forward(layer_norm(hidden), positionBias, {}, cache));
    }

    T5Attention SelfAttention{nullptr};
    T5LayerNorm layer_norm{nullptr};
};
TORCH_MODULE(T5LayerSelfAttention);

} // namespace ladder
