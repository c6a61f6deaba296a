// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5Init.h"

#include <cmath>

namespace ladder {

namespace {

void normal(torch::Tensor &tensor, double std)
{
    tensor.normal_(0.0, std);
}

void initializeAttention(T5AttentionImpl &attention, const T5Config &config)
{
    const double f = config.initializerFactor;
    const auto dModel = static_cast<double>(config.dModel);
    normal(attention.q->weight, f * std::pow(dModel * static_cast<double>(config.dKv), -0.5));
    normal(attention.k->weight, f * std::pow(dModel, -0.5));
    normal(attention.v->weight, f * std::pow(dModel, -0.5));
    normal(attention.o->weight, f * std::pow(static_cast<double>(config.innerDim()), -0.5));
    if (attention.hasRelativeAttentionBias())
        normal(attention.relativeAttentionBias()->weight,
               f * std::pow(dModel, -0.5));
}

void initializeFeedForward(T5FeedForwardImpl &feedForward, const T5Config &config)
{
    const double f = config.initializerFactor;
    const double inStd = f * std::pow(static_cast<double>(config.dModel), -0.5);
    if (feedForward.isGated()) {
        normal(feedForward.wi_0->weight, inStd);
        normal(feedForward.wi_1->weight, inStd);
    } else {
        normal(feedForward.wi->weight, inStd);
    }
    normal(feedForward.wo->weight, f * std::pow(static_cast<double>(config.dFf), -0.5));
}

void fillNorm(T5LayerNormImpl &norm, const T5Config &config)
{
    norm.weight.fill_(config.initializerFactor);
}

} // namespace

void initializeT5Block(T5BlockImpl &block, const T5Config &config)
{
    torch::NoGradGuard noGrad;
    initializeAttention(*block.selfAttention->SelfAttention, config);
    fillNorm(*block.selfAttention->layer_norm, config);
    if (block.crossAttention) {
        initializeAttention(*block.crossAttention->EncDecAttention, config);
        fillNorm(*block.crossAttention->layer_norm, config);
    }
    initializeFeedForward(*block.feedForward->DenseReluDense, config);
    fillNorm(*block.feedForward->layer_norm, config);
}

void initializeT5Stack(T5StackImpl &stack, const T5Config &config)
{
    torch::NoGradGuard noGrad;
    for (const T5Block &block : stack.blocks())
        initializeT5Block(*block.ptr(), config);
    fillNorm(*stack.final_layer_norm.ptr(), config);
}

void initializeT5Embeddings(T5ForConditionalGenerationImpl &model)
{
    torch::NoGradGuard noGrad;
    const double factor = model.config().initializerFactor;
    model.shared->weight.normal_(0.0, factor);
    if (model.lm_head)
        model.lm_head->weight.normal_(0.0, factor);
}

void initializeT5Weights(T5ForConditionalGenerationImpl &model)
{
    initializeT5Stack(*model.encoder, model.config());
    initializeT5Stack(*model.decoder, model.config());
    initializeT5Embeddings(model);
}

T5ForConditionalGeneration createRandomT5(const T5Config &config, uint64_t seed)
{
    torch::manual_seed(seed);
    return T5ForConditionalGeneration(config);
}

} // namespace ladder
