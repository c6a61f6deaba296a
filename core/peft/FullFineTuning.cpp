// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/FullFineTuning.h"

#include "peft/BackboneMethodModel.h"

namespace ladder {

std::unique_ptr<FineTuningModel> applyFullFineTuning(T5ForConditionalGeneration backbone, const MethodConfig &method)
{
    setTrainableByName(*backbone, [](const std::string &) { return true; });
    return std::make_unique<BackboneMethodModel>(std::move(backbone), method);
}

} // namespace ladder
