// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI and the GUI).
#pragma once

#include "model/T5Config.h"
#include "peft/MethodConfig.h"
#include "peft/ParameterReport.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ladder {

/// The side network's shape (LST-SPEC.md §1.1): the backbone's config with d_model, d_ff and
/// d_kv divided by the reduction factor, heads and feed-forward kind unchanged (the official
/// code deep-copies the backbone config), dropout from the options. Throws ladder::Error when
/// the reduction does not divide the three widths.
T5Config lstSideConfig(const T5Config &backbone, const LstOptions &options);

/// The side layers kept for a stack of `numLayers` blocks, ascending. `spec`:
/// - "default": the paper's choice by depth — 12 layers → 1,2,3,5,6,7,9,10,11 (T5-base);
///   24 layers → the odd layers (T5-large); any other depth (t5-small's 6, the teaching
///   presets, the golden configs) keeps all layers, as the official code does when no list is
///   given;
/// - "all"; "every:K" → layers K−1, 2K−1, … (K ≥ 1);
/// - a comma-separated list such as "1,2,3,5" (any order, no duplicates).
/// Throws ladder::Error naming the spec for garbage, an index outside [0, numLayers), a
/// duplicate, or a spec that keeps no layer.
std::vector<int64_t> resolveLstLayers(const std::string &spec, int64_t numLayers);

/// As above for one stack of `backbone` (encoder, or decoder with `isDecoder`). "default" also
/// tells T5-3B from T5-large: a 24-layer backbone with d_kv 128 keeps only layer 23.
std::vector<int64_t> resolveLstLayers(const std::string &spec, const T5Config &backbone, bool isDecoder);

/// Parameters of `backbone` with LST applied, computed analytically (LST-SPEC.md §1.7). Groups:
/// "backbone" (frozen), "side blocks", "ladders" (first downsamples included), "gates",
/// "side norms", "relative bias", "up-projection" (all trainable; "gates" counts 0 in the
/// fixed-gate mode, where the gate values are buffers). On t5-base with vocab 32100 and the
/// defaults: 3,878,712 trainable = 1.74% of the backbone's 222,882,048.
ParameterReport countLstParameters(const T5Config &backbone, const LstOptions &options);

} // namespace ladder
