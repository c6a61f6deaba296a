// SPDX-License-Identifier: GPL-3.0-or-later
// Methods as people call them; the code names ("lst", "lora") stay in configurations and tooltips.
#pragma once

#include "peft/MethodConfig.h"

#include <QString>

namespace ladder {

/// The method as people call it: "Ladder Side-Tuning (LST)", "Adapters", "LoRA", "BitFit",
/// "Full fine-tuning", "Prompt tuning" (translated).
QString methodDisplayName(MethodKind kind);

} // namespace ladder
