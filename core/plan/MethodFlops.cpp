// SPDX-License-Identifier: GPL-3.0-or-later
#include "plan/MethodFlops.h"

#include "peft/lst/LstParameters.h"

namespace ladder {

namespace {

double matmul(double m, double n, double k)
{
    return 2.0 * m * n * k;
}

} // namespace

double estimateTrainingStepFlops(const T5Config &backbone, const MethodConfig &method, const BatchShape &shape)
{
    const double b = static_cast<double>(shape.batch);
    const double sourceTokens = b * static_cast<double>(shape.sourceLength);
    const double targetTokens = b * static_cast<double>(shape.targetLength);
    const double d = static_cast<double>(backbone.dModel);
    const double encoderLayers = static_cast<double>(backbone.numLayers);
    const double decoderLayers = static_cast<double>(backbone.numDecoderLayers);
    const FlopEstimate forward = estimateT5Flops(backbone, shape);
    switch (method.kind) {
    case MethodKind::Full:
        return forward.fullTrainingStep();
    case MethodKind::BitFit:
        return 2.0 * forward.forward();
    case MethodKind::Prompt: {
        BatchShape longer = shape;
        longer.sourceLength += method.prompt.length;
        return 2.0 * estimateT5Flops(backbone, longer).forward();
    }
    case MethodKind::Adapter: {
        // Two adapters (down and up projection) per block, after self-attention and feed-forward.
        const double bottleneck = d / static_cast<double>(method.adapter.reductionFactor);
        const double tokens = sourceTokens * encoderLayers + targetTokens * decoderLayers;
        const double adapters = 2.0 * 2.0 * matmul(tokens, bottleneck, d);
        return 2.0 * forward.forward() + 3.0 * adapters;
    }
    case MethodKind::Lora: {
        // Per adapted projection A (d → r) and B (r → out ≈ d); the decoder has self- and
        // cross-attention projections, the feed-forward ones (wi, wo) are one each.
        double perToken = 0.0;
        for (const std::string &target : method.lora.targets) {
            const double out = target == "wi" ? static_cast<double>(backbone.dFf) : d;
            const double in = target == "wo" ? static_cast<double>(backbone.dFf) : d;
            perToken += matmul(1.0, static_cast<double>(method.lora.rank), in)
                        + matmul(1.0, out, static_cast<double>(method.lora.rank));
        }
        const double lora = perToken * (sourceTokens * encoderLayers + 2.0 * targetTokens * decoderLayers);
        return 2.0 * forward.forward() + 3.0 * lora;
    }
    case MethodKind::Lst: {
        T5Config side = lstSideConfig(backbone, method.lst);
        side.numLayers = static_cast<int64_t>(resolveLstLayers(method.lst.layers, backbone, false).size());
        side.numDecoderLayers = static_cast<int64_t>(resolveLstLayers(method.lst.layers, backbone, true).size());
        const FlopEstimate sideForward = estimateT5Flops(side, shape);
        const double sideD = static_cast<double>(side.dModel);
        // Ladders: the first downsample and one per kept layer, each stack; the up-projection.
        const double ladders = matmul(sourceTokens * (static_cast<double>(side.numLayers) + 1.0), sideD, d)
                               + matmul(targetTokens * (static_cast<double>(side.numDecoderLayers) + 1.0), sideD, d);
        const double upsample = matmul(targetTokens, d, sideD);
        return forward.encoder + forward.decoder + 3.0 * (sideForward.encoder + sideForward.decoder)
               + 2.0 * ladders + 3.0 * upsample + 2.0 * forward.lmHead;
    }
    }
    return forward.fullTrainingStep();
}

} // namespace ladder
