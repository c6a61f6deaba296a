// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "peft/FineTuningModel.h"

#include <torch/torch.h>

namespace ladder {

/// A Houlsby-style bottleneck adapter (LST-SPEC §2.2): y + up(gelu_new(down(y))), with
/// down = Linear(d, d/r, bias) and up = Linear(d/r, d, bias). The up-projection starts at zero,
/// so a fresh adapter is the identity and training starts from the backbone's function.
class BottleneckAdapterImpl : public torch::nn::Module
{
public:
    BottleneckAdapterImpl(int64_t width, int64_t bottleneck);

    torch::Tensor forward(const torch::Tensor &hidden);

    torch::nn::Linear down { nullptr };
    torch::nn::Linear up { nullptr };
};
TORCH_MODULE(BottleneckAdapter);

/// Adapters after the self-attention and the feed-forward sub-layer of every encoder and
/// decoder block (not after cross-attention), registered as child "adapter" of those
/// sub-layers; they and (with trainLayerNorms) every RMSNorm weight train.
std::unique_ptr<FineTuningModel> applyAdapters(T5ForConditionalGeneration backbone, const MethodConfig &method);

} // namespace ladder
