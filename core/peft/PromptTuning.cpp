// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/PromptTuning.h"

#include "peft/ParameterReport.h"
#include "util/Error.h"

namespace ladder {

PromptTuningModel::PromptTuningModel(T5ForConditionalGeneration backbone, const MethodConfig &method)
    : BackboneMethodModel(std::move(backbone), method)
{
    checkMethodFitsBackbone(m_backbone->config(), method);
    setTrainableByName(*m_backbone, [](const std::string &) { return false; });
    const torch::Tensor initial = m_backbone->shared->weight.detach().slice(0, 0, method.prompt.length).clone();
    m_prompt = m_backbone->register_parameter("prompt_embeddings", initial, /*requires_grad=*/true);
}

T5Inputs PromptTuningModel::prepareInputs(const T5Inputs &inputs) const
{
    T5Inputs prepared = inputs;
    torch::Tensor embeds = inputs.inputsEmbeds;
    if (!embeds.defined()) {
        if (!inputs.inputIds.defined())
            throw Error("prompt tuning: the batch has neither input ids nor input embeddings");
        embeds = m_backbone.ptr()->shared->forward(inputs.inputIds);
    }
    const int64_t batch = embeds.size(0);
    const int64_t length = m_prompt.size(0);
    const torch::Tensor prompt
        = m_prompt.to(embeds.scalar_type()).unsqueeze(0).expand({ batch, length, m_prompt.size(1) });
    prepared.inputsEmbeds = torch::cat({ prompt, embeds }, 1);
    if (inputs.attentionMask.defined())
        prepared.attentionMask
            = torch::cat({ torch::ones({ batch, length }, inputs.attentionMask.options()), inputs.attentionMask }, 1);
    return prepared;
}

std::unique_ptr<FineTuningModel> applyPromptTuning(T5ForConditionalGeneration backbone, const MethodConfig &method)
{
    return std::make_unique<PromptTuningModel>(std::move(backbone), method);
}

} // namespace ladder
