// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/lst/LstMemoryEstimate.h"

#include "peft/lst/LstParameters.h"
#include "peft/lst/RecomputedAttention.h"

#include <algorithm>

namespace ladder {

namespace {

/// Bytes autograd keeps per element for the pieces of a T5 sub-layer, as measured with the
/// memory meter on LibTorch 1.13 (CPU, fp32) and the model code in core/model:
struct Keeps
{
    double value;   ///< one activation value (bytesPerValue)
    double dropout; ///< a dropout: its output and a 1-byte mask (core/model t5Dropout); 0 when p = 0
    double norm;    ///< RMSNorm: normalised input, output and one more value per element
};

/// One self- or cross-attention sub-layer over `queries` tokens of width w attending to
/// `keys` tokens: RMSNorm, q (and k, v when they come from this stream), merged heads, the
/// softmax output and its dropout (`scores` = B·H·Tq·Tk elements), the residual's dropout and sum.
double attentionBytes(const Keeps &k, double queries, double keys, double w, double inner, double scores,
                      bool keepsScores)
{
    double bytes = k.norm * queries * w;
    bytes += k.value * (2 * queries * inner);                            // q, merged heads
    bytes += k.value * 2 * keys * inner;                                 // k, v (cross: over the encoder)
    if (keepsScores)
        bytes += (k.value + k.dropout) * scores;                         // softmax, dropped weights
    bytes += (k.dropout + k.value) * queries * w;                        // residual dropout and sum
    return bytes;
}

/// The feed-forward sub-layer: RMSNorm, the activation output (relu in place; gated: both
/// projections and their product), its dropout, the residual's dropout and sum.
double feedForwardBytes(const Keeps &k, double tokens, double w, double ff, bool gated)
{
    return k.norm * tokens * w + (gated ? 3 : 1) * k.value * tokens * ff + k.dropout * tokens * ff
           + (k.dropout + k.value) * tokens * w;
}

} // namespace

LstMemoryEstimate estimateLstMemory(const T5Config &backbone, const LstOptions &options, const LstBatchShape &shape)
{
    const ParameterReport parameters = countLstParameters(backbone, options);
    const T5Config side = lstSideConfig(backbone, options);
    const auto bytes = static_cast<double>(shape.bytesPerValue);
    const Keeps keeps{bytes, options.dropout > 0.0 ? bytes + 1.0 : 0.0, 3.0 * bytes};
    const auto b = static_cast<double>(shape.batch);
    const auto ts = static_cast<double>(shape.sourceLength);
    const auto tt = static_cast<double>(shape.targetLength);
    const double encoderTokens = b * ts;
    const double decoderTokens = b * tt;
    const auto d = static_cast<double>(backbone.dModel);
    const auto w = static_cast<double>(side.dModel);
    const auto inner = static_cast<double>(side.innerDim());
    const auto ff = static_cast<double>(side.dFf);
    const auto heads = static_cast<double>(side.numHeads);

    LstMemoryEstimate estimate;
    // backbone_dtype bf16: the frozen weights and the ladder inputs take 2 bytes a value.
    const double backboneBytes = options.backbonePrecision == BackbonePrecision::Bf16 ? 2.0 : bytes;
    const bool keepsScores = options.sideAttention == SideAttention::Standard;
    estimate.parameterBytes = parameters.trainable * shape.bytesPerValue
                              + static_cast<int64_t>(backboneBytes * static_cast<double>(parameters.total - parameters.trainable));
    estimate.gradientBytes = parameters.trainable * shape.bytesPerValue;
    estimate.optimizerBytes = shape.optimizerState ? 2 * parameters.trainable * shape.bytesPerValue : 0;

    const auto keptEncoder = static_cast<double>(resolveLstLayers(options.layers, backbone, false).size());
    const auto keptDecoder = static_cast<double>(resolveLstLayers(options.layers, backbone, true).size());
    // The embeddings (first downsample) and each kept block's output feed a ladder.
    estimate.ladderInputBytes =
        static_cast<int64_t>(((keptEncoder + 1) * encoderTokens + (keptDecoder + 1) * decoderTokens) * d * backboneBytes);

    // Per kept block: the ladder's output and the fused state, then the block's sub-layers.
    const double encoderScores = b * heads * ts * ts;
    const double encoderBlock = 2 * bytes * encoderTokens * w
                                + attentionBytes(keeps, encoderTokens, encoderTokens, w, inner, encoderScores, keepsScores)
                                + feedForwardBytes(keeps, encoderTokens, w, ff, side.isGatedAct);
    const double decoderBlock = 2 * bytes * decoderTokens * w
                                + attentionBytes(keeps, decoderTokens, decoderTokens, w, inner, b * heads * tt * tt, keepsScores)
                                + attentionBytes(keeps, decoderTokens, encoderTokens, w, inner, b * heads * tt * ts, keepsScores)
                                + feedForwardBytes(keeps, decoderTokens, w, ff, side.isGatedAct);
    // Each stack's first downsample output, final RMSNorm and dropout; the up-projection's
    // (rescaled) output at full width.
    const double stackEnds = (bytes + keeps.norm + keeps.dropout) * (encoderTokens + decoderTokens) * w
                             + bytes * decoderTokens * d;
    estimate.sideActivationBytes =
        static_cast<int64_t>(keptEncoder * encoderBlock + keptDecoder * decoderBlock + stackEnds);

    const double logits = bytes * decoderTokens * static_cast<double>(backbone.vocabSize);
    estimate.outputBytes = static_cast<int64_t>(logits);
    // Recomputed attention's backward holds one chunk's probabilities, their dropped copy,
    // mask and gradients (about 4 score-sized tensors, 2 of them counted by the factor 2 below),
    // never a whole layer's.
    const double largestScores =
        keepsScores ? bytes * std::max(encoderScores, b * heads * tt * std::max(tt, ts))
                    : 2.0 * std::min(bytes * encoderScores, static_cast<double>(kRecomputedAttentionChunkBytes));
    estimate.transientBytes = static_cast<int64_t>(2 * std::max(logits, largestScores));
    return estimate;
}

} // namespace ladder
