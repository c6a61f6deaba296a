// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5FeedForward.h"
#include "model/T5LayerNorm.h"
#include "model/T5Sublayer.h"

namespace ladder {

/// HF `T5LayerFF`: h + dropout(DenseReluDense(layer_norm(h))).
class T5LayerFFImpl : public T5SublayerBase
{
public:
    explicit T5LayerFFImpl(const T5Config &config)
        : T5SublayerBase(config.dropoutRate)
    {
        DenseReluDense = register_module("DenseReluDense", T5FeedForward(config));
        layer_norm = register_module("layer_norm", T5LayerNorm(config.dModel, config.layerNormEpsilon));
    }

    torch::Tensor forward(const torch::Tensor &hidden)
    {
        return residual(hidden, DenseReluDense(layer_norm(hidden)));
    }

    T5FeedForward DenseReluDense{nullptr};
    T5LayerNorm layer_norm{nullptr};
};
TORCH_MODULE(T5LayerFF);

} // namespace ladder
