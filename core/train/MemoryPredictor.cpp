// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/MemoryPredictor.h"

#include "peft/lst/LstMemoryEstimate.h"

#include <algorithm>

#include <filesystem>

namespace ladder {

namespace {

constexpr double kFloat = 4.0;
/// A dropout mask element (bool, 1 byte) in floats.
constexpr double kMask = 0.25;

/// Shape of a stack of T5 blocks as the activation count needs it.
struct StackShape
{
    double d = 0, inner = 0, ff = 0, heads = 0;
    bool gated = false;
    bool dropout = false;
};

StackShape shapeOf(const T5Config &config)
{
    return {static_cast<double>(config.dModel), static_cast<double>(config.innerDim()),
        static_cast<double>(config.dFf), static_cast<double>(config.numHeads), config.isGatedAct,
        config.dropoutRate > 0};
}

/// Floats autograd keeps per token of one block. `weightsTrain`: linear layers keep their
/// inputs (full fine-tuning); otherwise only what the backward through
/// frozen layers needs (norm inputs, attention operands, softmax and activation outputs,
/// dropout masks, which core/model's t5Dropout keeps as one byte per element: kMask floats).
double blockFloatsPerToken(const StackShape &s, double keyLength, double crossKeyLength, bool weightsTrain)
{
    const double p = s.dropout ? 1.0 : 0.0;
    const double linearInputs = weightsTrain ? 1.0 : 0.0;
    // Self-attention: norm input, (normed input for q/k/v), q k v, probabilities (+ mask and
    // dropped copy), context (o's input), output dropout mask.
    double floats = s.d + linearInputs * s.d + 3 * s.inner + s.heads * keyLength * (1 + p * (1 + kMask))
        + linearInputs * s.inner + p * kMask * s.d;
    // Feed-forward: norm input, (normed input), activation output (gated: both branches and
    // their product), dropout mask and (wo's input) dropped copy, output dropout mask.
    const double activation = s.gated ? 3 * s.ff : s.ff;
    floats += s.d + linearInputs * s.d + activation + p * kMask * s.ff + linearInputs * p * s.ff + p * kMask * s.d;
    if (crossKeyLength > 0) {
        // Cross-attention: norm input, (normed), q, probabilities, context, dropout mask.
        floats += s.d + linearInputs * s.d + s.inner + s.heads * crossKeyLength * (1 + p * (1 + kMask))
            + linearInputs * s.inner + p * kMask * s.d;
    }
    return floats;
}

/// Floats of a whole encoder–decoder's saved activations (without the LM head).
double stackFloats(const StackShape &s, double encoderLayers, double decoderLayers, double batch, double sourceLength,
    double targetLength, bool weightsTrain)
{
    const double sourceTokens = batch * sourceLength;
    const double targetTokens = batch * targetLength;
    const double p = s.dropout ? 1.0 : 0.0;
    double floats = encoderLayers * sourceTokens * blockFloatsPerToken(s, sourceLength, 0, weightsTrain);
    floats += decoderLayers * targetTokens * blockFloatsPerToken(s, targetLength, sourceLength, weightsTrain);
    // Cross-attention keys and values over the encoder output, per decoder layer.
    floats += decoderLayers * sourceTokens * 2 * s.inner;
    // Embedding dropout and final norms of both stacks.
    floats += (sourceTokens + targetTokens) * (p * (1 + kMask) * s.d + 2 * s.d);
    return floats;
}

/// LST's prediction: LstMemoryEstimate, the one count of what a step keeps (also what
/// test_lst_memory checks against the meter), with the categories the meter reports. The
/// frozen backbone runs first, without autograd: its phase peaks with the ladder inputs and one
/// block's temporaries, before any side activation exists; the side network's phase is the
/// estimate's peak. The step's peak is the larger.
MemoryPrediction predictLstMemory(MemoryPrediction prediction, const T5Config &backbone, const MethodConfig &method)
{
    const LstMemoryEstimate estimate = estimateLstMemory(backbone, method.lst,
        {prediction.batchSize, prediction.sourceLength, prediction.targetLength, static_cast<int64_t>(kFloat), true});
    const ParameterReport &parameters = prediction.parameters;
    const double backboneBytes = method.lst.backbonePrecision == BackbonePrecision::Bf16 ? 2.0 : kFloat;
    MemoryBreakdown &memory = prediction.memory;
    memory.frozenWeights = static_cast<int64_t>(backboneBytes * static_cast<double>(parameters.total - parameters.trainable));

    const double b = static_cast<double>(prediction.batchSize);
    const double ts = static_cast<double>(prediction.sourceLength);
    const StackShape shape = shapeOf(backbone);
    // One backbone block's temporaries without autograd: its attention scores and their softmax,
    // or its feed-forward's inner activation (gated: two branches and their product).
    const double blockTemporaries =
        std::max(2 * b * shape.heads * ts * ts, b * ts * (shape.gated ? 3 : 1) * shape.ff) * backboneBytes;
    const int64_t backbonePhase = estimate.parameterBytes + estimate.optimizerBytes + estimate.ladderInputBytes
        + static_cast<int64_t>(blockTemporaries);
    memory.peak = std::max(estimate.peakBytes(), backbonePhase);
    memory.activations = std::max<int64_t>(0, memory.peak - memory.staticBytes());
    memory.peak = memory.staticBytes() + memory.activations;
    return prediction;
}

} // namespace

MemoryPrediction predictTrainingMemory(const T5Config &backbone, const MethodConfig &method, int64_t batchSize,
    int64_t sourceLength, int64_t targetLength)
{
    MemoryPrediction prediction;
    prediction.batchSize = batchSize;
    prediction.sourceLength = sourceLength;
    prediction.targetLength = targetLength;
    prediction.parameters = countParameters(backbone, method);
    const ParameterReport &parameters = prediction.parameters;
    MemoryBreakdown &memory = prediction.memory;
    memory.trainableWeights = static_cast<int64_t>(kFloat * static_cast<double>(parameters.trainable));
    memory.frozenWeights =
        static_cast<int64_t>(kFloat * static_cast<double>(parameters.total - parameters.trainable));
    memory.gradients = memory.trainableWeights;
    memory.optimizerState = 2 * memory.trainableWeights;

    const double b = static_cast<double>(batchSize);
    double ts = static_cast<double>(sourceLength);
    const double tt = static_cast<double>(targetLength);
    const double encoderLayers = static_cast<double>(backbone.numLayers);
    const double decoderLayers = static_cast<double>(backbone.numDecoderLayers);
    const StackShape shape = shapeOf(backbone);
    double floats = 0;
    switch (method.kind) {
    case MethodKind::Full:
        floats = stackFloats(shape, encoderLayers, decoderLayers, b, ts, tt, true);
        // The tied embedding's gradient arrives twice (LM head and lookup, vocab × d each) and
        // both contributions exist while they are summed: one beyond the gradients category.
        floats += static_cast<double>(backbone.vocabSize) * shape.d;
        break;
    case MethodKind::Prompt:
        ts += static_cast<double>(method.prompt.length);
        floats = stackFloats(shape, encoderLayers, decoderLayers, b, ts, tt, false);
        break;
    case MethodKind::BitFit:
    case MethodKind::Adapter:
    case MethodKind::Lora: {
        floats = stackFloats(shape, encoderLayers, decoderLayers, b, ts, tt, false);
        const double tokens = b * (ts * encoderLayers + tt * decoderLayers);
        if (method.kind == MethodKind::Lora) {
            // Per adapted projection: the (dropped-out) input A sees, its mask, and A's output.
            const double targets = static_cast<double>(method.lora.targets.size());
            const double perProjection = shape.d * (shape.dropout ? 2 : 1) + static_cast<double>(method.lora.rank);
            floats += tokens * targets * perProjection * 1.5; // self- and cross-attention in the decoder
        } else if (method.kind == MethodKind::Adapter) {
            const double bottleneck = shape.d / static_cast<double>(method.adapter.reductionFactor);
            // Two adapters per block: input, down output, activation output; trained norms keep
            // their normed inputs.
            floats += tokens * 2 * (shape.d + 2 * bottleneck);
            if (method.adapter.trainLayerNorms)
                floats += tokens * 2 * shape.d;
        }
        break;
    }
    case MethodKind::Lst:
        return predictLstMemory(prediction, backbone, method);
    }
    // The backward through the encoder's last attention: the gradients of the dropped
    // probabilities, of the probabilities and of the scores exist beside everything saved.
    floats += 3 * b * shape.heads * ts * ts;
    // LM head: input, logits, their log-softmax, and the logits' gradient at the backward's start.
    const double vocab = static_cast<double>(backbone.vocabSize);
    floats += b * tt * (shape.d + 3 * vocab);
    memory.activations = static_cast<int64_t>(kFloat * floats);
    memory.peak = memory.staticBytes() + memory.activations;
    return prediction;
}

T5Config runBackboneConfig(const RunConfig &config)
{
    const std::string folder = resolveBackbonePath(config.backbone);
    return folder.empty() ? T5Config::preset(config.backbone.preset)
                          : T5Config::fromJsonFile((std::filesystem::path(folder) / "config.json").string());
}

MemoryPrediction predictTrainingMemory(const RunConfig &config, int64_t targetLength)
{
    return predictTrainingMemory(runBackboneConfig(config), config.method, config.train.batchSize,
        config.train.maxSourceLength, std::min<int64_t>(targetLength, config.train.maxTargetLength));
}

} // namespace ladder
