// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/ModelSummary.h"

namespace ladder {

ModelSummary summarizeModel(const T5Config &config)
{
    const int64_t d = config.dModel;
    const int64_t attention = 4 * d * config.innerDim(); // q, k, v: [inner, d]; o: [d, inner]
    const int64_t feedForward = (config.isGatedAct ? 3 : 2) * d * config.dFf;
    const int64_t relativeBias = config.relativeAttentionNumBuckets * config.numHeads;
    const int64_t encoderLayers = config.numLayers;
    const int64_t decoderLayers = config.numDecoderLayers;

    ModelSummary summary;
    summary.config = config;
    summary.groups = {
        {"shared embedding", config.vocabSize * d},
        {"encoder attention", encoderLayers * attention},
        {"encoder feed-forward", encoderLayers * feedForward},
        {"encoder layer norms", (2 * encoderLayers + 1) * d},
        {"encoder relative bias", relativeBias},
        {"decoder self-attention", decoderLayers * attention},
        {"decoder cross-attention", decoderLayers * attention},
        {"decoder feed-forward", decoderLayers * feedForward},
        {"decoder layer norms", (3 * decoderLayers + 1) * d},
        {"decoder relative bias", relativeBias},
    };
    if (!config.tieWordEmbeddings)
        summary.groups.push_back({"lm_head", config.vocabSize * d});
    for (const auto &group : summary.groups)
        summary.total += group.count;
    return summary;
}

} // namespace ladder
