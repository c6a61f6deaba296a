// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/MixedPrecision.h"

#include <ATen/autocast_mode.h>

namespace ladder {

AutocastScope::AutocastScope(bool enabled, const torch::Device &device)
    : m_enabled(enabled)
    , m_cuda(device.is_cuda())
{
    if (!m_enabled)
        return;
    if (m_cuda) {
        m_previousEnabled = at::autocast::is_enabled();
        m_previousDtype = at::autocast::get_autocast_gpu_dtype();
        at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
        at::autocast::set_enabled(true);
    } else {
        m_previousEnabled = at::autocast::is_cpu_enabled();
        m_previousDtype = at::autocast::get_autocast_cpu_dtype();
        at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
        at::autocast::set_cpu_enabled(true);
    }
    at::autocast::increment_nesting();
}

AutocastScope::~AutocastScope()
{
    if (!m_enabled)
        return;
    // As torch.autocast's __exit__: the outermost scope frees the cached casts of the weights.
    if (at::autocast::decrement_nesting() == 0)
        at::autocast::clear_cache();
    if (m_cuda) {
        at::autocast::set_enabled(m_previousEnabled);
        at::autocast::set_autocast_gpu_dtype(m_previousDtype);
    } else {
        at::autocast::set_cpu_enabled(m_previousEnabled);
        at::autocast::set_autocast_cpu_dtype(m_previousDtype);
    }
}

} // namespace ladder
