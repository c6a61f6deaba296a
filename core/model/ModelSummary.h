// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI and the GUI).
#pragma once

#include "model/T5Config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ladder {

/// Parameters of one component of a T5 model.
struct ParameterGroup
{
    std::string name; ///< e.g. "encoder attention"
    int64_t count = 0;
};

/// Parameter counts of a T5 model per component, computed from the configuration alone.
struct ModelSummary
{
    T5Config config;
    std::vector<ParameterGroup> groups;
    int64_t total = 0;
};

/// Counts analytically (no tensor is allocated, so t5-3b is instant): shared embedding,
/// encoder attention / feed-forward / layer norms / relative bias, decoder self-attention /
/// cross-attention / feed-forward / layer norms / relative bias, and lm_head when untied.
ModelSummary summarizeModel(const T5Config &config);

} // namespace ladder
