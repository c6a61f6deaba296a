// SPDX-License-Identifier: GPL-3.0-or-later
// Shared helpers of the LST tests: small backbones, random batches, applying LST.
#pragma once

#include "model/T5Checkpoint.h"
#include "model/T5Init.h"
#include "peft/lst/LadderSideTuning.h"

#include <torch/torch.h>

#include <string>

namespace ladder::lsttest {

/// A small relu/tied T5 spelled out (not a preset, whose shape may be retuned): d_model 128,
/// d_ff 512, d_kv 32, 4 heads, 2+2 layers, a small vocabulary so steps run in milliseconds.
inline T5Config smallT5(int64_t dModel = 128, int64_t dKv = 32, int64_t dFf = 512, int64_t layers = 2,
                        int64_t heads = 4, int64_t vocab = 256, double dropout = 0.0)
{
    T5Config config;
    config.vocabSize = vocab;
    config.dModel = dModel;
    config.dKv = dKv;
    config.dFf = dFf;
    config.numLayers = layers;
    config.numDecoderLayers = layers;
    config.numHeads = heads;
    config.setFeedForwardProj("relu");
    config.tieWordEmbeddings = true;
    config.dropoutRate = dropout;
    return config;
}

inline T5Config tinyConfig(double dropout = 0.0, int64_t vocab = 256)
{
    return smallT5(128, 32, 512, 2, 4, vocab, dropout);
}

inline T5Inputs randomBatch(const T5Config &config, int64_t batch, int64_t sourceLength, int64_t targetLength)
{
    T5Inputs inputs;
    inputs.inputIds = torch::randint(2, config.vocabSize, {batch, sourceLength}, torch::kLong);
    inputs.attentionMask = torch::ones({batch, sourceLength}, torch::kLong);
    inputs.labels = torch::randint(2, config.vocabSize, {batch, targetLength}, torch::kLong);
    return inputs;
}

inline MethodConfig lstMethod(const std::string &layers = "all", SideInit init = SideInit::Random,
                              int64_t reduction = 8, double dropout = 0.0)
{
    MethodConfig method;
    method.kind = MethodKind::Lst;
    method.lst.layers = layers;
    method.lst.init = init;
    method.lst.reduction = reduction;
    method.lst.dropout = dropout;
    return method;
}

inline std::unique_ptr<LadderSideTuning> applyLst(const T5Config &config, const MethodConfig &method,
                                                  uint64_t backboneSeed = 1, const MethodContext &context = {})
{
    return std::make_unique<LadderSideTuning>(createRandomT5(config, backboneSeed), method, context);
}

/// The path of a golden test model directory (tests/data/golden/t5/<name>).
inline std::string goldenDir(const std::string &name)
{
    return std::string(LADDER_TEST_DATA_DIR) + "/golden/t5/" + name;
}

} // namespace ladder::lsttest
