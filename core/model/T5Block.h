// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Config.h"
#include "model/T5LayerCrossAttention.h"
#include "model/T5LayerFF.h"
#include "model/T5LayerSelfAttention.h"

#include <torch/torch.h>

namespace ladder {

/// Decoding state of one decoder block.
struct T5BlockCache
{
    T5AttentionCache self;
    T5AttentionCache cross;
};

/// One pre-norm residual T5 block (HF `T5Block`): `layer.0` self-attention, in a decoder
/// `layer.1` cross-attention, then the feed-forward sublayer. Built from any config, so the
/// LST side network reuses it with reduced widths.
class T5BlockImpl : public torch::nn::Module
{
public:
    T5BlockImpl(const T5Config &config, bool isDecoder, bool hasRelativeAttentionBias);

    /// `positionBias`: relative bias plus self-attention mask, [B or 1, H, Tq, Tk].
    /// `encoderHidden`/`encoderMaskBias` are used (and required) by decoder blocks only.
    torch::Tensor forward(const torch::Tensor &hidden, const torch::Tensor &positionBias,
                          const torch::Tensor &encoderHidden = {},
                          const torch::Tensor &encoderMaskBias = {}, T5BlockCache *cache = nullptr);

    bool isDecoder() const { return static_cast<bool>(crossAttention); }

    T5LayerSelfAttention selfAttention{nullptr};
    T5LayerCrossAttention crossAttention{nullptr}; ///< decoder blocks only
    T5LayerFF feedForward{nullptr};

private:
    torch::nn::ModuleList m_layers; ///< registered as "layer", the HF key path
};
TORCH_MODULE(T5Block);

} // namespace ladder
