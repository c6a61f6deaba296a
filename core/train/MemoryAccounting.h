// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/train (LibTorch): bytes of a model's weights, gradients and optimizer state.
#pragma once

#include "train/Trainer.h"

#include <torch/torch.h>

namespace ladder {

/// Weight bytes split into frozen and trainable (parameters and buffers of `module`, each
/// storage counted once, so tied weights are not counted twice).
void countWeightBytes(torch::nn::Module &module, MemoryBreakdown &memory);
/// Bytes of the gradients now held by `parameters`.
int64_t gradientBytes(const std::vector<torch::Tensor> &parameters);
/// Bytes of every tensor in the optimizer's per-parameter state (AdamW: exp_avg, exp_avg_sq).
int64_t optimizerStateBytes(const torch::optim::Optimizer &optimizer);

} // namespace ladder
