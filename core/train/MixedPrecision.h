// SPDX-License-Identifier: GPL-3.0-or-later
// bf16 mixed precision through LibTorch's autocast: weights, gradients and optimizer state stay
// fp32; matrix products inside the scope run in bf16 and keep bf16 copies for backward.
#pragma once

#include <torch/types.h>

namespace ladder {

/// Enables autocast to bf16 on `device` for its lifetime (thread-local, as in PyTorch's
/// `torch.autocast`), restoring the previous state and dropping cached weight casts on exit.
/// With `enabled` false it does nothing, so call sites need no branch.
class AutocastScope
{
public:
    AutocastScope(bool enabled, const torch::Device &device);
    ~AutocastScope();
    AutocastScope(const AutocastScope &) = delete;
    AutocastScope &operator=(const AutocastScope &) = delete;

private:
    bool m_enabled = false;
    bool m_cuda = false;
    bool m_previousEnabled = false;
    at::ScalarType m_previousDtype = at::kFloat;
};

} // namespace ladder
