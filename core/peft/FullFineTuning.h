// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "peft/FineTuningModel.h"

namespace ladder {

/// Full fine-tuning: every backbone parameter trains; nothing is added.
std::unique_ptr<FineTuningModel> applyFullFineTuning(T5ForConditionalGeneration backbone, const MethodConfig &method);

} // namespace ladder
