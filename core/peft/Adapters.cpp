// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/Adapters.h"

#include "peft/BackboneMethodModel.h"
#include "peft/ParameterReport.h"

namespace ladder {

BottleneckAdapterImpl::BottleneckAdapterImpl(int64_t width, int64_t bottleneck)
{
    // down keeps torch.nn.Linear's default initialisation; up is zero (weight and bias).
    down = register_module("down", torch::nn::Linear(width, bottleneck));
    up = register_module("up", torch::nn::Linear(bottleneck, width));
    torch::NoGradGuard noGrad;
    up->weight.zero_();
    up->bias.zero_();
}

torch::Tensor BottleneckAdapterImpl::forward(const torch::Tensor &hidden)
{
    // gelu_new is GELU's tanh approximation (HF NewGELUActivation).
    return hidden + up(torch::gelu(down(hidden), "tanh"));
}

std::unique_ptr<FineTuningModel> applyAdapters(T5ForConditionalGeneration backbone, const MethodConfig &method)
{
    const T5Config &config = backbone->config();
    checkMethodFitsBackbone(config, method);
    const int64_t bottleneck = config.dModel / method.adapter.reductionFactor;
    const torch::Tensor &like = backbone->shared->weight;
    auto makeAdapter = [&] {
        BottleneckAdapter adapter(config.dModel, bottleneck);
        adapter->to(like.device(), like.scalar_type());
        return torch::nn::AnyModule(adapter);
    };
    for (const T5Stack &stack : { backbone->encoder, backbone->decoder }) {
        for (const T5Block &block : stack->blocks()) {
            block.ptr()->selfAttention->setOutputAdapter("adapter", makeAdapter());
            block.ptr()->feedForward->setOutputAdapter("adapter", makeAdapter());
        }
    }
    const bool trainNorms = method.adapter.trainLayerNorms;
    setTrainableByName(*backbone, [trainNorms](const std::string &name) {
        return name.find(".adapter.") != std::string::npos || (trainNorms && isLayerNormParameter(name));
    });
    return std::make_unique<BackboneMethodModel>(std::move(backbone), method);
}

} // namespace ladder
