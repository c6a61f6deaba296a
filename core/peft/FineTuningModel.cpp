// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/FineTuningModel.h"

#include "peft/Adapters.h"
#include "peft/BitFit.h"
#include "peft/FullFineTuning.h"
#include "peft/Lora.h"
#include "peft/PromptTuning.h"
#include "peft/lst/LadderSideTuning.h"
#include "util/Error.h"

#include <map>

namespace ladder {

std::vector<torch::Tensor> FineTuningModel::trainableParameters()
{
    std::vector<torch::Tensor> parameters;
    for (const torch::Tensor &parameter : module().parameters(/*recurse=*/true))
        if (parameter.requires_grad())
            parameters.push_back(parameter);
    return parameters;
}

std::vector<NamedTensor> FineTuningModel::trainedState()
{
    std::vector<NamedTensor> state;
    for (const auto &item : module().named_parameters(/*recurse=*/true))
        if (item.value().requires_grad())
            state.push_back({ item.key(), item.value().detach() });
    return state;
}

void FineTuningModel::loadTrainedState(const SafetensorsContents &state)
{
    const std::string what = "trained state of fine-tuning method " + methodName(method().kind);
    const std::vector<NamedTensor> expected = trainedState();
    std::map<std::string, torch::Tensor> byName;
    for (const NamedTensor &target : expected)
        byName.emplace(target.name, target.tensor);

    // Check everything before changing anything, so a wrong file leaves the model as it was.
    for (const NamedTensor &stored : state.tensors) {
        const auto it = byName.find(stored.name);
        if (it == byName.end())
            throw Error::inFile(state.path,
                "tensor \"" + stored.name + "\" is not part of the " + what
                    + " (a file for another method or backbone?)");
        if (it->second.sizes() != stored.tensor.sizes())
            throw Error::inFile(state.path,
                "tensor \"" + stored.name + "\" has shape " + c10::str(stored.tensor.sizes()) + ", expected "
                    + c10::str(it->second.sizes()) + " for the " + what);
        if (!stored.tensor.is_floating_point())
            throw Error::inFile(state.path, "tensor \"" + stored.name + "\" is not floating point");
    }
    for (const NamedTensor &target : expected)
        if (!state.find(target.name))
            throw Error::inFile(state.path, "no tensor \"" + target.name + "\", which the " + what + " needs");

    torch::NoGradGuard noGrad;
    for (const NamedTensor &stored : state.tensors)
        byName.at(stored.name).copy_(stored.tensor);
}

std::unique_ptr<FineTuningModel> applyMethod(
    T5ForConditionalGeneration backbone, const MethodConfig &method, const MethodContext &context)
{
    if (backbone.is_empty())
        throw Error("applyMethod: no backbone model");
    switch (method.kind) {
    case MethodKind::Full:
        return applyFullFineTuning(std::move(backbone), method);
    case MethodKind::BitFit:
        return applyBitFit(std::move(backbone), method);
    case MethodKind::Adapter:
        return applyAdapters(std::move(backbone), method);
    case MethodKind::Lora:
        return applyLora(std::move(backbone), method);
    case MethodKind::Prompt:
        return applyPromptTuning(std::move(backbone), method);
    case MethodKind::Lst:
        return createLadderSideTuning(std::move(backbone), method, context);
    }
    throw Error("applyMethod: unknown fine-tuning method");
}

} // namespace ladder
