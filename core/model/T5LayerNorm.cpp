// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5LayerNorm.h"

namespace ladder {

T5LayerNormImpl::T5LayerNormImpl(int64_t width, double epsilon)
    : m_epsilon(epsilon)
{
    weight = register_parameter("weight", torch::ones({width}));
}

torch::Tensor T5LayerNormImpl::forward(const torch::Tensor &input)
{
    const torch::Tensor asFloat = input.scalar_type() == torch::kFloat ? input : input.to(torch::kFloat);
    const torch::Tensor variance = asFloat.pow(2).mean(-1, /*keepdim=*/true);
    torch::Tensor normed = input * torch::rsqrt(variance + m_epsilon);
    // HF multiplies in the weight's dtype when that is half precision.
    if (weight.scalar_type() == torch::kHalf || weight.scalar_type() == torch::kBFloat16)
        normed = normed.to(weight.scalar_type());
    torch::Tensor output = weight * normed;
    if (bias.defined())
        output = output + bias;
    return output;
}

void T5LayerNormImpl::addBias()
{
    if (!bias.defined())
        bias = register_parameter("bias", torch::zeros_like(weight));
}

} // namespace ladder
