// SPDX-License-Identifier: GPL-3.0-or-later
#include "plan/FlopEstimate.h"

namespace ladder {

namespace {

// 2·m·n·k for an [m,k]·[k,n] product.
double matmul(double m, double n, double k)
{
    return 2.0 * m * n * k;
}

// Scores Q·Kᵀ and mixing P·V of one attention: 2 products of H·[Tq,dkv]·[dkv,Tk].
double attentionCore(const T5Config &c, double batch, double queries, double keys)
{
    return 2.0 * batch * static_cast<double>(c.numHeads) * matmul(queries, keys, static_cast<double>(c.dKv));
}

double feedForward(const T5Config &c, double tokens)
{
    const double inputs = c.isGatedAct ? 2.0 : 1.0; // wi, or wi_0 and wi_1
    return (inputs + 1.0) * matmul(tokens, static_cast<double>(c.dFf), static_cast<double>(c.dModel));
}

} // namespace

FlopEstimate estimateT5Flops(const T5Config &c, const BatchShape &shape)
{
    const double b = static_cast<double>(shape.batch);
    const double ts = static_cast<double>(shape.sourceLength);
    const double tt = static_cast<double>(shape.targetLength);
    const double d = static_cast<double>(c.dModel);
    const double inner = static_cast<double>(c.innerDim());

    const double encoderLayer = 4.0 * matmul(b * ts, inner, d) + attentionCore(c, b, ts, ts) + feedForward(c, b * ts);
    const double decoderLayer = 4.0 * matmul(b * tt, inner, d) + attentionCore(c, b, tt, tt) // self-attention
        + 2.0 * matmul(b * tt, inner, d) + 2.0 * matmul(b * ts, inner, d)                    // cross q, o; k, v
        + attentionCore(c, b, tt, ts) + feedForward(c, b * tt);

    FlopEstimate estimate;
    estimate.encoder = static_cast<double>(c.numLayers) * encoderLayer;
    estimate.decoder = static_cast<double>(c.numDecoderLayers) * decoderLayer;
    estimate.lmHead = matmul(b * tt, static_cast<double>(c.vocabSize), d);
    return estimate;
}

} // namespace ladder
