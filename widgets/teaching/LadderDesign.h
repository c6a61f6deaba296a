// SPDX-License-Identifier: GPL-3.0-or-later
// What the ladder view draws, derived from a run configuration alone: the backbone's shape, the
// side network's widths, which layers feed it and how many parameters each part has. Kept apart
// from the painting so tests check the numbers against the engine's own functions.
#pragma once

#include "model/T5Config.h"
#include "peft/MethodConfig.h"
#include "peft/ParameterReport.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ladder {

struct RunConfig;

/// One stack (encoder or decoder) of an LST design.
struct LadderStackDesign
{
    int64_t depth = 0;                 ///< backbone blocks in the stack
    std::vector<int64_t> keptLayers;   ///< layers with a ladder and a side block, ascending
    int64_t backboneBlockParameters = 0; ///< frozen parameters of one backbone block (layer 0 adds the relative bias)
    int64_t sideBlockParameters = 0;   ///< trainable parameters of one side block
    bool isKept(int64_t layer) const;
};

/// Everything the ladder view shows about a configuration.
struct LadderDesign
{
    MethodKind method = MethodKind::Lst;
    MethodConfig methodOptions;     ///< the method's options as configured
    ParameterReport parameters;     ///< the engine's countParameters(): what trains, by group
    T5Config backbone;
    T5Config side;                  ///< lstSideConfig(); only meaningful for LST
    int64_t reduction = 1;
    bool learnableGates = true;
    LadderStackDesign encoder;
    LadderStackDesign decoder;
    int64_t relativeBiasParameters = 0;  ///< backbone relative-attention table, one per stack (block 0)
    int64_t sideRelativeBiasParameters = 0; ///< the side network's table, one per stack
    int64_t downsamplerParameters = 0;   ///< one ladder: Linear(d → d/r) with bias
    int64_t upProjectionParameters = 0;  ///< Linear(d/r → d) with bias
    int64_t embeddingParameters = 0;     ///< shared token embedding (frozen)
    int64_t lstTrainableParameters = 0;  ///< the engine's countLstParameters() total

    /// Ladders in the order the trainer reports gate values: encoder kept layers, then decoder.
    int ladderCount() const;

    /// Derives the design of `config` with the engine's own functions (runBackboneConfig,
    /// countParameters, lstSideConfig, resolveLstLayers, countLstParameters). Throws ladder::Error when the
    /// backbone cannot be read or the LST options do not fit it.
    static LadderDesign fromRunConfig(const RunConfig &config);
};

} // namespace ladder
