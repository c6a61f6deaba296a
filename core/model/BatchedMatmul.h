// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace ladder {

/// torch::bmm ([N, M, K] × [N, K, P] → [N, M, P]) whose forward and backward never hand
/// LibTorch 1.13's CPU bmm a right-hand operand that is a transposed view. That case takes a
/// slower route: at T5 attention shapes ([128, 128, 32], 2-core dev machine) 2.1 ms against
/// 1.6 ms including the copy on one thread, and 50–95 ms against 1–2 ms on two threads while
/// other processes kept the cores busy (one OpenMP region per batch item then waits on a
/// descheduled thread each time). The stock BmmBackward0 produces exactly that operand
/// (grad · bᵀ) for both attention products. Here such operands are first copied to
/// contiguous memory ([N, K, P], cheap beside the product). Same values as torch::bmm.
torch::Tensor batchedMatmul(const torch::Tensor &a, const torch::Tensor &b);

} // namespace ladder
