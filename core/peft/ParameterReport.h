// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI and the GUI).
#pragma once

#include "model/ModelSummary.h"
#include "peft/MethodConfig.h"

#include <cstdint>
#include <vector>

namespace ladder {

/// Parameter accounting of a backbone with a method applied, computed from the configurations
/// alone (t5-3b needs no memory) and checked in tests against instantiated small models.
struct ParameterReport
{
    int64_t total = 0;     ///< backbone + everything the method adds
    int64_t trainable = 0;
    /// The backbone's own parameter count: the denominator of the paper's "trainable %"
    /// (LST-SPEC.md §1.7 — 222,882,048 for t5-base with vocab 32100, whatever the method adds).
    int64_t backboneTotal = 0;
    /// Per component: "backbone" (its frozen part, or all of it for full fine-tuning), and
    /// what the method adds or trains — "side blocks", "ladders", "gates", "adapters", "lora",
    /// "prompt", "biases", "layer norms", ... Each group says whether it trains.
    struct Group
    {
        std::string name;
        int64_t count = 0;
        bool trainable = false;
    };
    std::vector<Group> groups;

    /// Trainable share as the paper prints it: trainable / backboneTotal (trainable / total
    /// when backboneTotal is unset). Adapters on t5-base: 3,625,728 / 222,882,048 = 1.63%.
    double trainablePercent() const
    {
        const int64_t denominator = backboneTotal > 0 ? backboneTotal : total;
        return denominator > 0 ? 100.0 * static_cast<double>(trainable) / static_cast<double>(denominator) : 0.0;
    }
};

/// Counts `method` applied to `backbone` (LST through countLstParameters). Throws ladder::Error
/// when the options do not fit the backbone, as applyMethod would.
ParameterReport countParameters(const T5Config &backbone, const MethodConfig &method);

/// Throws ladder::Error (naming the option) when `method`'s options cannot be applied to
/// `backbone`: an adapter reduction that does not divide d_model, a prompt longer than the
/// vocabulary it is initialised from, LoRA options out of range, LST widths or layers that do
/// not fit (checked by the LST code).
void checkMethodFitsBackbone(const T5Config &backbone, const MethodConfig &method);

} // namespace ladder
