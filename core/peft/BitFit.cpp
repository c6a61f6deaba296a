// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/BitFit.h"

#include "model/T5LayerNorm.h"
#include "model/T5Linear.h"
#include "peft/BackboneMethodModel.h"

namespace ladder {

LogitsBiasImpl::LogitsBiasImpl(const torch::Tensor &like, int64_t vocabSize)
{
    bias = register_parameter("bias", torch::zeros({ vocabSize }, like.options()));
}

torch::Tensor addBitFitBiases(T5ForConditionalGenerationImpl &backbone)
{
    // Collect first: adding parameters while walking the module tree would be fragile.
    std::vector<std::shared_ptr<T5LinearImpl>> projections;
    std::vector<std::shared_ptr<T5LayerNormImpl>> norms;
    for (const auto &child : backbone.modules(/*include_self=*/false)) {
        if (auto linear = std::dynamic_pointer_cast<T5LinearImpl>(child))
            projections.push_back(std::move(linear));
        else if (auto norm = std::dynamic_pointer_cast<T5LayerNormImpl>(child))
            norms.push_back(std::move(norm));
    }
    for (const auto &linear : projections)
        linear->addBias(); // includes an untied lm_head
    for (const auto &norm : norms)
        norm->addBias();
    if (backbone.lm_head)
        return {};
    if (const auto existing = backbone.named_children().find("lm_head")) {
        if (const auto logitsBias = std::dynamic_pointer_cast<LogitsBiasImpl>(*existing))
            return logitsBias->bias; // biases added before (LoRA with train_biases twice)
    }
    auto logitsBias
        = backbone.register_module("lm_head", LogitsBias(backbone.shared->weight, backbone.config().vocabSize));
    return logitsBias->bias;
}

bool isBitFitBias(const std::string &name)
{
    const std::string suffix = ".bias";
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0
        && name.find(".adapter.") == std::string::npos;
}

std::unique_ptr<FineTuningModel> applyBitFit(T5ForConditionalGeneration backbone, const MethodConfig &method)
{
    const torch::Tensor logitsBias = addBitFitBiases(*backbone);
    setTrainableByName(*backbone, isBitFitBias);
    auto model = std::make_unique<BackboneMethodModel>(std::move(backbone), method);
    model->setLogitsBias(logitsBias);
    return model;
}

} // namespace ladder
