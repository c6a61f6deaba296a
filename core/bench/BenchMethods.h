// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include.
#pragma once

#include "peft/MethodConfig.h"

#include <optional>
#include <string>
#include <vector>

namespace ladder {

/// One row of the memory comparison: a method with the paper's settings (LST-SPEC.md §2.2).
struct BenchMethod
{
    std::string name;   ///< "full", "adapter", ..., "lst+bf16", "lst+recompute", "lst+both"
    MethodConfig method;
};

/// The rows `ladder bench memory` runs by default, in the paper's order, then LST's options.
std::vector<std::string> benchMethodNames();

/// The method behind a row name, with the paper's settings: adapters reduction 16 with trained
/// norms, LoRA rank 32 on q and v with biases, 100 prompt tokens, LST r = 8 with the default
/// layers; "+bf16" sets backbone_dtype bf16, "+recompute" side_attention recompute, "+both"
/// both. LST's side network starts random here (memory does not depend on the values; Fisher
/// pruning would need task data). Throws ladder::Error listing the names.
BenchMethod benchMethod(const std::string &name);

/// The paper's peak memory for T5-base, batch 100, source 128, in units of 1000 MiB.
struct PaperFigure
{
    double value = 0;
    bool recalled = false; ///< BitFit and prompt tuning: recalled values, not verified
};
std::optional<PaperFigure> paperFigure(const std::string &name);

/// bytes / 1024² / 1000: the paper's unit (torch.cuda.max_memory_allocated()/1024²/1000).
double paperUnits(int64_t bytes);

} // namespace ladder
