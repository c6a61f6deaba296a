// SPDX-License-Identifier: GPL-3.0-or-later
// Internal header: includes LibTorch, so never include it from app/ or widgets/.
#pragma once

#include <torch/torch.h>

namespace ladder {

/// A ladder down-projection y = x·Wᵀ + b for an input the frozen backbone made in its own
/// dtype (bf16 with backbone_dtype "bf16"), computed in the side network's dtype (fp32). Only
/// the reduced-precision x is kept for backward — an ordinary linear on x.to(float) would keep
/// the fp32 copy and give back the saving. x must not require a gradient (the backbone never
/// trains); W and b get theirs in fp32. With an x already in W's dtype this is F::linear.
torch::Tensor ladderDownsample(const torch::Tensor &x, const torch::nn::Linear &linear);

/// y = x·Wᵀ in x's dtype (fp32) for a frozen weight kept in a reduced precision (the bf16
/// backbone's LM head): W is widened 4096 rows at a time for the product and again in backward
/// (for x's gradient), each block dropped after use, so only the bf16 W is kept and no fp32
/// copy of the whole vocabulary matrix ever exists. Logits made in bf16 would
/// carry ~3 significant digits into the loss: on the polarity demo that cost 6 points.
torch::Tensor frozenLowPrecisionLinear(const torch::Tensor &x, const torch::Tensor &weight);

} // namespace ladder
