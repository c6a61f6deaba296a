// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace ladder {

/// Inverted dropout (keep with probability 1 − p, scale by 1/(1 − p)) as
/// torch.nn.functional.dropout, made cheaper on LibTorch 1.13's CPU in two ways measured on
/// the 2-core dev machine:
/// - the mask comes from uniform draws (rand_like ≥ p, ~4.5 ns/element) instead of
///   bernoulli_(p) (~25 ns/element, what F::dropout and native_dropout use): in a T5 step
///   dropout touches every attention weight and FF activation, so at t5-small size this is a
///   large share of the step;
/// - backward keeps a 1-byte bool mask, where F::dropout keeps a 4-byte float one
///   (PEERS.md) — B·H·T² of them per attention layer.
/// Returns `input` itself when not training or p = 0. Draws from LibTorch's global generator.
torch::Tensor t5Dropout(const torch::Tensor &input, double p, bool training);

} // namespace ladder
