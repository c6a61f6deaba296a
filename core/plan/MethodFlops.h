// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include.
#pragma once

#include "model/T5Config.h"
#include "peft/MethodConfig.h"
#include "plan/FlopEstimate.h"

namespace ladder {

/// Matrix-product FLOPs of one training step (forward and backward; the optimizer's
/// elementwise work is not counted) for `method` on `backbone`, by what its backward has to
/// compute:
/// - full fine-tuning: forward + input gradients + weight gradients of every product (3×);
/// - BitFit, adapters, LoRA, prompt tuning: the trained pieces sit in (or before) every layer,
///   so the gradient travels through the whole frozen backbone: forward + input gradients
///   (2×) over the backbone (prompt tuning: over its longer source), plus 3× the added modules'
///   own products;
/// - LST: the backbone's forward only (no gradient enters it), the side network and its ladders
///   3× (ladders: forward and weight gradients, 2×), the frozen LM head 2×.
double estimateTrainingStepFlops(const T5Config &backbone, const MethodConfig &method, const BatchShape &shape);

} // namespace ladder
