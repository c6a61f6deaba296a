// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace ladder {

/// Inverted dropout as torch.nn.functional.dropout, but through the fused native_dropout
/// kernel, which keeps a 1-byte bool mask for backward. LibTorch 1.13's F::dropout on CPU
/// keeps a 4-byte float mask per element (PEERS.md) — in attention that is B·H·T² floats per
/// layer. Returns `input` itself when not training or p = 0.
torch::Tensor t5Dropout(const torch::Tensor &input, double p, bool training);

} // namespace ladder
