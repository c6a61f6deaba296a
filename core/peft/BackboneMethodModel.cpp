// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/BackboneMethodModel.h"

#include "util/Error.h"

namespace ladder {

BackboneMethodModel::BackboneMethodModel(T5ForConditionalGeneration backbone, MethodConfig method)
    : m_backbone(std::move(backbone))
    , m_method(std::move(method))
{
}

T5Output BackboneMethodModel::forward(const T5Inputs &inputs)
{
    T5Inputs prepared = prepareInputs(inputs);
    if (!m_logitsBias.defined())
        return m_backbone->forward(prepared);
    // The loss must see the biased logits: run without labels, then bias and score here.
    const torch::Tensor labels = prepared.labels;
    if (!prepared.decoderInputIds.defined() && labels.defined())
        prepared.decoderInputIds = m_backbone->shiftRight(labels);
    prepared.labels = torch::Tensor();
    T5Output output = m_backbone->forward(prepared);
    output.logits = output.logits + m_logitsBias;
    if (labels.defined())
        output.loss = T5ForConditionalGenerationImpl::computeLoss(output.logits, labels);
    return output;
}

torch::Tensor BackboneMethodModel::generate(
    const torch::Tensor &inputIds, const torch::Tensor &attentionMask, int64_t maxNewTokens)
{
    T5Inputs encoderInputs;
    encoderInputs.inputIds = inputIds;
    encoderInputs.attentionMask = attentionMask;
    torch::NoGradGuard noGrad;
    const T5Inputs prepared = prepareInputs(encoderInputs);
    if (!prepared.inputsEmbeds.defined() && !m_logitsBias.defined())
        return m_backbone->generate(inputIds, attentionMask, maxNewTokens);

    // The backbone's greedy loop (T5Model.cpp), with the method's encoder inputs and logits.
    const T5Config &config = m_backbone->config();
    const int64_t batch = inputIds.size(0);
    const auto longOptions = inputIds.options().dtype(torch::kLong);
    torch::Tensor tokens = torch::full({ batch, 1 }, config.decoderStartTokenId, longOptions);
    if (maxNewTokens <= 0)
        return tokens;
    const torch::Tensor embeds
        = prepared.inputsEmbeds.defined() ? prepared.inputsEmbeds : m_backbone->shared(prepared.inputIds);
    const torch::Tensor encoderHidden = m_backbone->encoder->forward(embeds, prepared.attentionMask).lastHiddenState;
    T5DecoderCache cache;
    torch::Tensor unfinished = torch::ones({ batch }, longOptions.dtype(torch::kBool));
    torch::Tensor nextInput = tokens;
    std::vector<torch::Tensor> steps { tokens };
    for (int64_t step = 0; step < maxNewTokens; ++step) {
        const torch::Tensor hidden
            = m_backbone->decode(nextInput, encoderHidden, prepared.attentionMask, {}, false, &cache).lastHiddenState;
        torch::Tensor logits = m_backbone->computeLogits(hidden.select(1, -1));
        if (m_logitsBias.defined())
            logits = logits + m_logitsBias;
        torch::Tensor next = logits.argmax(-1);
        next = torch::where(unfinished, next, torch::full_like(next, config.padTokenId));
        steps.push_back(next.unsqueeze(1));
        unfinished = unfinished.logical_and(next != config.eosTokenId);
        if (!unfinished.any().item<bool>())
            break;
        nextInput = next.unsqueeze(1);
    }
    return torch::cat(steps, 1);
}

void setTrainableByName(torch::nn::Module &module, const std::function<bool(const std::string &name)> &trains)
{
    for (auto &item : module.named_parameters(/*recurse=*/true))
        item.value().set_requires_grad(trains(item.key()));
}

bool isLayerNormParameter(const std::string &name)
{
    return name.find("layer_norm.") != std::string::npos;
}

} // namespace ladder
