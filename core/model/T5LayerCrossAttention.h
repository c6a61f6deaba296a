// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Attention.h"
#include "model/T5LayerNorm.h"
#include "model/T5Sublayer.h"

namespace ladder {

/// HF `T5LayerCrossAttention`: h + dropout(EncDecAttention(layer_norm(h), encoder output)).
/// Cross-attention has no relative bias: its bias is the encoder mask alone.
class T5LayerCrossAttentionImpl : public T5SublayerBase
{
public:
    explicit T5LayerCrossAttentionImpl(const T5Config &config)
        : T5SublayerBase(config.dropoutRate)
    {
        EncDecAttention = register_module("EncDecAttention", T5Attention(config, false, true));
        layer_norm = register_module("layer_norm", T5LayerNorm(config.dModel, config.layerNormEpsilon));
    }

    torch::Tensor forward(const torch::Tensor &hidden, const torch::Tensor &encoderHidden,
                          const torch::Tensor &encoderMaskBias, T5AttentionCache *cache = nullptr)
    {
        return residual(hidden, EncDecAttention->forward(layer_norm(hidden), encoderMaskBias,
                                                         encoderHidden, cache));
    }

    T5Attention EncDecAttention{nullptr};
    T5LayerNorm layer_norm{nullptr};
};
TORCH_MODULE(T5LayerCrossAttention);

} // namespace ladder
