// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5Masks.h"

#include <limits>

namespace ladder {

double maskedScore(torch::Dtype dtype)
{
    switch (dtype) {
    case torch::kDouble:
        return std::numeric_limits<double>::lowest();
    case torch::kHalf:
        return -65504.0;
    case torch::kBFloat16:
        return -3.3895313892515355e38;
    default:
        return static_cast<double>(std::numeric_limits<float>::lowest());
    }
}

torch::Tensor paddingMaskBias(const torch::Tensor &attentionMask, torch::Dtype dtype)
{
    const torch::Tensor mask = attentionMask.to(dtype).unsqueeze(1).unsqueeze(1);
    return (1.0 - mask) * maskedScore(dtype);
}

torch::Tensor causalMaskBias(int64_t queryLength, int64_t keyLength,
                             const torch::Tensor &decoderAttentionMask, torch::Dtype dtype,
                             const torch::Device &device)
{
    const auto longOptions = torch::TensorOptions().dtype(torch::kLong).device(device);
    const torch::Tensor queryPositions =
        torch::arange(keyLength - queryLength, keyLength, longOptions).unsqueeze(1);
    const torch::Tensor keyPositions = torch::arange(keyLength, longOptions).unsqueeze(0);
    torch::Tensor allowed = (keyPositions <= queryPositions).to(dtype).unsqueeze(0).unsqueeze(0);
    if (decoderAttentionMask.defined())
        allowed = allowed * decoderAttentionMask.to(dtype).unsqueeze(1).unsqueeze(1);
    return (1.0 - allowed) * maskedScore(dtype);
}

torch::Tensor selfAttentionBias(const T5AttentionImpl &owner, bool isDecoder, int64_t queryLength,
                                int64_t pastLength, const torch::Tensor &attentionMask, torch::Dtype dtype)
{
    const int64_t keyLength = pastLength + queryLength;
    torch::Tensor bias = owner.computePositionBias(queryLength, keyLength, pastLength);
    if (bias.scalar_type() != dtype)
        bias = bias.to(dtype);
    if (isDecoder) {
        // One new query over a cache may see every key: the causal mask is all zeros then.
        if (queryLength > 1 || attentionMask.defined())
            bias = bias + causalMaskBias(queryLength, keyLength, attentionMask, dtype, bias.device());
    } else if (attentionMask.defined()) {
        bias = bias + paddingMaskBias(attentionMask, dtype);
    }
    return bias;
}

} // namespace ladder
