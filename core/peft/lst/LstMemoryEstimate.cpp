// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/lst/LstMemoryEstimate.h"

#include "peft/lst/LstParameters.h"

namespace ladder {

namespace {

/// Values autograd keeps for one side block. N tokens, width w, attention width I, F the
/// feed-forward width, `scores` = B·H·Tq·Tk of the self-attention, `crossScores` that of the
/// cross-attention (decoder), `crossTokens` the encoder's tokens (its keys and values).
/// Per sub-layer: RMSNorm keeps its normalised input and its output (2·N·w), the residual
/// dropout its mask and the sum (2·N·w); attention keeps q, k, v and the merged heads (4·N·I)
/// and softmax output, dropout mask and dropped weights (3·scores); the feed-forward keeps the
/// relu output, dropout mask and dropped values (3·N·F). The ladder fusion keeps the ladder
/// output and the fused state (2·N·w).
int64_t sideBlockValues(int64_t n, int64_t w, int64_t inner, int64_t ff, int64_t scores, bool decoder,
                        int64_t crossScores, int64_t crossTokens, bool gated)
{
    int64_t values = 2 * n * w;                                 // ladder fusion
    values += 4 * n * w + 4 * n * inner + 3 * scores;           // self-attention
    if (decoder)                                                // cross-attention: q and heads here, k and v over the encoder
        values += 4 * n * w + 2 * n * inner + 2 * crossTokens * inner + 3 * crossScores;
    values += 4 * n * w + (gated ? 5 : 3) * n * ff;             // feed-forward
    return values;
}

} // namespace

LstMemoryEstimate estimateLstMemory(const T5Config &backbone, const LstOptions &options, const LstBatchShape &shape)
{
    const ParameterReport parameters = countLstParameters(backbone, options);
    const T5Config side = lstSideConfig(backbone, options);
    const int64_t bytes = shape.bytesPerValue;
    const int64_t b = shape.batch;
    const int64_t encoderTokens = b * shape.sourceLength;
    const int64_t decoderTokens = b * shape.targetLength;
    const int64_t d = backbone.dModel;
    const int64_t w = side.dModel;
    const int64_t heads = side.numHeads;

    LstMemoryEstimate estimate;
    estimate.parameterBytes = parameters.total * bytes;
    estimate.gradientBytes = parameters.trainable * bytes;
    estimate.optimizerBytes = shape.optimizerState ? 2 * parameters.trainable * bytes : 0;

    const auto keptEncoder = static_cast<int64_t>(resolveLstLayers(options.layers, backbone, false).size());
    const auto keptDecoder = static_cast<int64_t>(resolveLstLayers(options.layers, backbone, true).size());
    // Embeddings and kept block outputs feed the ladders; the stacks' final outputs are returned.
    estimate.ladderInputBytes = ((keptEncoder + 2) * encoderTokens + (keptDecoder + 2) * decoderTokens) * d * bytes;

    const int64_t encoderBlock = sideBlockValues(encoderTokens, w, side.innerDim(), side.dFf,
                                                 b * heads * shape.sourceLength * shape.sourceLength, false, 0, 0,
                                                 side.isGatedAct);
    const int64_t decoderBlock =
        sideBlockValues(decoderTokens, w, side.innerDim(), side.dFf, b * heads * shape.targetLength * shape.targetLength,
                        true, b * heads * shape.targetLength * shape.sourceLength, encoderTokens, side.isGatedAct);
    // Each stack: first downsample output, final norm (2·N·w) and its dropout (mask + output);
    // the decoder's up-projection output (full width).
    const int64_t stackEnds = 5 * (encoderTokens + decoderTokens) * w + decoderTokens * d;
    estimate.sideActivationBytes = (keptEncoder * encoderBlock + keptDecoder * decoderBlock + stackEnds) * bytes;

    // Logits (returned) and log-softmax (saved), then their two gradients at backward's start.
    estimate.outputBytes = 4 * decoderTokens * backbone.vocabSize * bytes;
    return estimate;
}

} // namespace ladder
