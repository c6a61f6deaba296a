// SPDX-License-Identifier: GPL-3.0-or-later
#include "teaching/LadderDesign.h"

#include "peft/lst/LstParameters.h"
#include "train/MemoryPredictor.h"
#include "train/RunConfig.h"

namespace ladder {

namespace {

// The same arithmetic as countLstParameters (LST-SPEC §1.7), block by block, so a tooltip can
// name one block's share; the test checks that the pieces add up to the engine's total.
int64_t attentionParameters(const T5Config &shape)
{
    return 3 * shape.dModel * shape.innerDim() + shape.innerDim() * shape.dModel;
}

int64_t feedForwardParameters(const T5Config &shape)
{
    return (shape.isGatedAct ? 3 : 2) * shape.dModel * shape.dFf;
}

int64_t blockParameters(const T5Config &shape, bool isDecoder)
{
    return isDecoder ? 2 * attentionParameters(shape) + feedForwardParameters(shape) + 3 * shape.dModel
                     : attentionParameters(shape) + feedForwardParameters(shape) + 2 * shape.dModel;
}

} // namespace

bool LadderStackDesign::isKept(int64_t layer) const
{
    for (int64_t kept : keptLayers)
        if (kept == layer)
            return true;
    return false;
}

int LadderDesign::ladderCount() const
{
    return static_cast<int>(encoder.keptLayers.size() + decoder.keptLayers.size());
}

LadderDesign LadderDesign::fromRunConfig(const RunConfig &config)
{
    LadderDesign design;
    design.method = config.method.kind;
    design.methodOptions = config.method;
    design.backbone = runBackboneConfig(config);
    design.parameters = countParameters(design.backbone, config.method);
    const T5Config &b = design.backbone;
    design.encoder.depth = b.numLayers;
    design.decoder.depth = b.numDecoderLayers;
    design.encoder.backboneBlockParameters = blockParameters(b, false);
    design.decoder.backboneBlockParameters = blockParameters(b, true);
    design.relativeBiasParameters = b.relativeAttentionNumBuckets * b.numHeads;
    design.embeddingParameters = b.vocabSize * b.dModel;
    if (design.method != MethodKind::Lst)
        return design;

    const LstOptions &lst = config.method.lst;
    design.side = lstSideConfig(b, lst);
    design.reduction = lst.reduction;
    design.learnableGates = lst.gate == GateMode::Learnable;
    design.encoder.keptLayers = resolveLstLayers(lst.layers, b, false);
    design.decoder.keptLayers = resolveLstLayers(lst.layers, b, true);
    design.encoder.sideBlockParameters = blockParameters(design.side, false);
    design.decoder.sideBlockParameters = blockParameters(design.side, true);
    design.sideRelativeBiasParameters = design.side.relativeAttentionNumBuckets * design.side.numHeads;
    design.downsamplerParameters = b.dModel * design.side.dModel + design.side.dModel;
    design.upProjectionParameters = design.side.dModel * b.dModel + b.dModel;
    design.lstTrainableParameters = countLstParameters(b, lst).trainable;
    return design;
}

} // namespace ladder
