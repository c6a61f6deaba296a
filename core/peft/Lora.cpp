// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/Lora.h"

#include "peft/BackboneMethodModel.h"
#include "peft/BitFit.h"
#include "peft/ParameterReport.h"

#include <algorithm>
#include <cmath>

namespace ladder {

namespace F = torch::nn::functional;

LoraLinearImpl::LoraLinearImpl(const T5LinearImpl &base, const LoraOptions &options)
    : T5LinearImpl(base.inFeatures(), base.outFeatures())
    , m_scaling(options.alpha / static_cast<double>(options.rank))
    , m_dropout(options.dropout)
{
    // Share the base's tensors (not copies): the registered "weight" becomes the backbone's.
    const bool weightTrains = base.weight.requires_grad();
    weight.set_data(base.weight);
    weight.set_requires_grad(weightTrains);
    if (base.bias.defined()) {
        bias = register_parameter("bias", base.bias, base.bias.requires_grad());
    }
    const auto options2 = base.weight.options();
    lora_A = register_parameter("lora_A", torch::empty({ options.rank, inFeatures() }, options2));
    lora_B = register_parameter("lora_B", torch::zeros({ outFeatures(), options.rank }, options2));
    torch::NoGradGuard noGrad;
    torch::nn::init::kaiming_uniform_(lora_A, std::sqrt(5.0));
}

torch::Tensor LoraLinearImpl::forward(const torch::Tensor &input)
{
    torch::Tensor output = F::linear(input, weight, bias);
    if (m_merged)
        return output;
    const torch::Tensor dropped = m_dropout > 0.0 && is_training()
        ? F::dropout(input, F::DropoutFuncOptions().p(m_dropout).training(true))
        : input;
    return output + F::linear(F::linear(dropped, lora_A), lora_B) * m_scaling;
}

void LoraLinearImpl::merge()
{
    if (m_merged)
        return;
    torch::NoGradGuard noGrad;
    weight.add_(torch::matmul(lora_B, lora_A) * m_scaling);
    m_merged = true;
}

int64_t mergeLora(torch::nn::Module &module)
{
    int64_t merged = 0;
    for (const auto &child : module.modules()) {
        if (auto lora = std::dynamic_pointer_cast<LoraLinearImpl>(child)) {
            if (!lora->isMerged()) {
                lora->merge();
                ++merged;
            }
        }
    }
    return merged;
}

namespace {

bool targets(const LoraOptions &options, const std::string &name)
{
    return std::find(options.targets.begin(), options.targets.end(), name) != options.targets.end();
}

T5Linear loraFor(const T5Linear &base, const LoraOptions &options)
{
    return T5Linear(std::shared_ptr<T5LinearImpl>(std::make_shared<LoraLinearImpl>(*base, options)));
}

void addToAttention(T5AttentionImpl &attention, const LoraOptions &options)
{
    for (const char *name : { "q", "k", "v", "o" }) {
        if (!targets(options, name))
            continue;
        const T5Linear &base = std::string(name) == "q" ? attention.q
            : std::string(name) == "k"                  ? attention.k
            : std::string(name) == "v"                  ? attention.v
                                                        : attention.o;
        attention.replaceProjection(name, loraFor(base, options));
    }
}

void addToFeedForward(T5FeedForwardImpl &feedForward, const LoraOptions &options)
{
    if (targets(options, "wi")) {
        if (feedForward.isGated()) {
            feedForward.replaceProjection("wi_0", loraFor(feedForward.wi_0, options));
            feedForward.replaceProjection("wi_1", loraFor(feedForward.wi_1, options));
        } else {
            feedForward.replaceProjection("wi", loraFor(feedForward.wi, options));
        }
    }
    if (targets(options, "wo"))
        feedForward.replaceProjection("wo", loraFor(feedForward.wo, options));
}

} // namespace

std::unique_ptr<FineTuningModel> applyLora(T5ForConditionalGeneration backbone, const MethodConfig &method)
{
    checkMethodFitsBackbone(backbone->config(), method);
    const LoraOptions &options = method.lora;
    for (const T5Stack &stack : { backbone->encoder, backbone->decoder }) {
        for (const T5Block &block : stack->blocks()) {
            addToAttention(*block.ptr()->selfAttention->SelfAttention, options);
            if (block->crossAttention)
                addToAttention(*block.ptr()->crossAttention->EncDecAttention, options);
            addToFeedForward(*block.ptr()->feedForward->DenseReluDense, options);
        }
    }
    torch::Tensor logitsBias;
    if (options.trainBiases)
        logitsBias = addBitFitBiases(*backbone);
    const bool trainBiases = options.trainBiases;
    setTrainableByName(*backbone, [trainBiases](const std::string &name) {
        return name.find(".lora_") != std::string::npos || (trainBiases && isBitFitBias(name));
    });
    auto model = std::make_unique<BackboneMethodModel>(std::move(backbone), method);
    model->setLogitsBias(logitsBias);
    return model;
}

} // namespace ladder
