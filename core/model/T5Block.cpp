// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5Block.h"

#include "util/Error.h"

namespace ladder {

namespace {

/// HF clamps float16 activations after each sublayer so that an overflow does not turn into
/// inf/NaN downstream; other dtypes pass through untouched.
torch::Tensor clampFloat16(const torch::Tensor &hidden)
{
    if (hidden.scalar_type() != torch::kHalf)
        return hidden;
    const double maxValue = 65504.0;
    const double clampValue = torch::isinf(hidden).any().item<bool>() ? maxValue - 1000.0 : maxValue;
    return torch::clamp(hidden, -clampValue, clampValue);
}

} // namespace

T5BlockImpl::T5BlockImpl(const T5Config &config, bool isDecoder, bool hasRelativeAttentionBias)
{
    m_layers = register_module("layer", torch::nn::ModuleList());
    selfAttention = T5LayerSelfAttention(config, hasRelativeAttentionBias, !isDecoder);
    m_layers->push_back(selfAttention);
    if (isDecoder) {
        crossAttention = T5LayerCrossAttention(config);
        m_layers->push_back(crossAttention);
    }
    feedForward = T5LayerFF(config);
    m_layers->push_back(feedForward);
}

torch::Tensor T5BlockImpl::forward(const torch::Tensor &hidden, const torch::Tensor &positionBias,
                                   const torch::Tensor &encoderHidden,
                                   const torch::Tensor &encoderMaskBias, T5BlockCache *cache)
{
    torch::Tensor h = clampFloat16(selfAttention(hidden, positionBias, cache ? &cache->self : nullptr));
    if (crossAttention) {
        if (!encoderHidden.defined())
            throw Error("T5Block: a decoder block needs the encoder's hidden states");
        h = clampFloat16(crossAttention(h, encoderHidden, encoderMaskBias,
                                        cache ? &cache->cross : nullptr));
    }
    return clampFloat16(feedForward(h));
}

} // namespace ladder
