// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/ParameterReport.h"

#include "peft/lst/LstParameters.h"
#include "util/Error.h"

namespace ladder {

namespace {

/// Every RMSNorm weight: two per encoder block, three per decoder block, one final per stack.
int64_t layerNormCount(const T5Config &c)
{
    return (2 * c.numLayers + 1 + 3 * c.numDecoderLayers + 1) * c.dModel;
}

/// BitFit's added biases (LST-SPEC §2.2): one per output of q, k, v, o, of each feed-forward
/// projection and of each RMSNorm, plus the LM head's (one per vocabulary entry).
int64_t bitFitBiasCount(const T5Config &c)
{
    const int64_t attention = 3 * c.innerDim() + c.dModel;
    const int64_t feedForward = (c.isGatedAct ? 2 : 1) * c.dFf + c.dModel;
    const int64_t encoderBlock = attention + feedForward + 2 * c.dModel;
    const int64_t decoderBlock = 2 * attention + feedForward + 3 * c.dModel;
    return c.numLayers * encoderBlock + c.numDecoderLayers * decoderBlock + 2 * c.dModel + c.vocabSize;
}

/// lora_A [rank, in] + lora_B [out, rank] on every targeted projection.
int64_t loraCount(const T5Config &c, const LoraOptions &options)
{
    const int64_t r = options.rank;
    const int64_t attentionInstances = c.numLayers + 2 * c.numDecoderLayers; // self + cross
    const int64_t blocks = c.numLayers + c.numDecoderLayers;
    int64_t count = 0;
    for (const std::string &target : options.targets) {
        if (target == "q" || target == "k" || target == "v" || target == "o")
            count += attentionInstances * r * (c.dModel + c.innerDim());
        else if (target == "wi")
            count += blocks * (c.isGatedAct ? 2 : 1) * r * (c.dModel + c.dFf);
        else if (target == "wo")
            count += blocks * r * (c.dFf + c.dModel);
    }
    return count;
}

/// down [b, d] + bias b, up [d, b] + bias d; after self-attention and feed-forward of every block.
int64_t adapterCount(const T5Config &c, const AdapterOptions &options)
{
    const int64_t bottleneck = c.dModel / options.reductionFactor;
    const int64_t perAdapter = 2 * c.dModel * bottleneck + bottleneck + c.dModel;
    return 2 * (c.numLayers + c.numDecoderLayers) * perAdapter;
}

ParameterReport fromGroups(std::vector<ParameterReport::Group> groups, int64_t backboneTotal)
{
    ParameterReport report;
    report.groups = std::move(groups);
    report.backboneTotal = backboneTotal;
    for (const auto &group : report.groups) {
        report.total += group.count;
        if (group.trainable)
            report.trainable += group.count;
    }
    return report;
}

} // namespace

void checkMethodFitsBackbone(const T5Config &backbone, const MethodConfig &method)
{
    const std::string name = "fine-tuning method " + methodName(method.kind) + ": ";
    switch (method.kind) {
    case MethodKind::Full:
    case MethodKind::BitFit:
        return;
    case MethodKind::Adapter: {
        const int64_t r = method.adapter.reductionFactor;
        if (r < 1 || backbone.dModel % r != 0)
            throw Error(name + "\"reduction\" " + std::to_string(r) + " does not divide the backbone's d_model ("
                + std::to_string(backbone.dModel) + "); choose a divisor of d_model");
        return;
    }
    case MethodKind::Lora: {
        if (method.lora.rank < 1)
            throw Error(name + "\"rank\" must be at least 1, got " + std::to_string(method.lora.rank));
        if (!(method.lora.alpha > 0.0))
            throw Error(name + "\"alpha\" must be positive");
        if (!(method.lora.dropout >= 0.0 && method.lora.dropout < 1.0))
            throw Error(name + "\"dropout\" must lie in [0, 1)");
        if (method.lora.targets.empty())
            throw Error(name + "\"targets\" names no projection; expected some of q, k, v, o, wi, wo");
        for (const std::string &target : method.lora.targets)
            if (target != "q" && target != "k" && target != "v" && target != "o" && target != "wi" && target != "wo")
                throw Error(name + "\"targets\" names \"" + target + "\", expected q, k, v, o, wi or wo");
        return;
    }
    case MethodKind::Prompt: {
        const int64_t n = method.prompt.length;
        if (n < 1 || n > backbone.vocabSize)
            throw Error(name + "\"length\" " + std::to_string(n) + " must lie in 1.."
                + std::to_string(backbone.vocabSize) + ": the soft tokens start as the first vocabulary embeddings");
        return;
    }
    case MethodKind::Lst:
        // The LST code checks widths and layer lists (and says what fits).
        countLstParameters(backbone, method.lst);
        return;
    }
}

ParameterReport countParameters(const T5Config &backbone, const MethodConfig &method)
{
    checkMethodFitsBackbone(backbone, method);
    const int64_t base = summarizeModel(backbone).total;
    switch (method.kind) {
    case MethodKind::Full:
        return fromGroups({ { "backbone", base, true } }, base);
    case MethodKind::BitFit:
        return fromGroups({ { "backbone", base, false }, { "biases", bitFitBiasCount(backbone), true } }, base);
    case MethodKind::Adapter: {
        const int64_t norms = method.adapter.trainLayerNorms ? layerNormCount(backbone) : 0;
        std::vector<ParameterReport::Group> groups { { "backbone", base - norms, false } };
        if (norms > 0)
            groups.push_back({ "layer norms", norms, true });
        groups.push_back({ "adapters", adapterCount(backbone, method.adapter), true });
        return fromGroups(std::move(groups), base);
    }
    case MethodKind::Lora: {
        std::vector<ParameterReport::Group> groups { { "backbone", base, false },
            { "lora", loraCount(backbone, method.lora), true } };
        if (method.lora.trainBiases)
            groups.push_back({ "biases", bitFitBiasCount(backbone), true });
        return fromGroups(std::move(groups), base);
    }
    case MethodKind::Prompt:
        return fromGroups(
            { { "backbone", base, false }, { "prompt", method.prompt.length * backbone.dModel, true } }, base);
    case MethodKind::Lst: {
        ParameterReport report = countLstParameters(backbone, method.lst);
        if (report.backboneTotal == 0)
            report.backboneTotal = base;
        return report;
    }
    }
    throw Error("countParameters: unknown fine-tuning method");
}

} // namespace ladder
