// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5Stack.h"

#include "model/T5Dropout.h"
#include "model/T5Masks.h"
#include "util/Error.h"

namespace ladder {

std::vector<torch::Tensor> T5StackOutput::hiddenStates() const
{
    std::vector<torch::Tensor> states;
    states.reserve(blockOutputs.size() + 1);
    states.push_back(embeddings);
    for (size_t i = 0; i + 1 < blockOutputs.size(); ++i)
        states.push_back(blockOutputs[i]);
    states.push_back(lastHiddenState);
    return states;
}

T5StackImpl::T5StackImpl(const T5Config &config, bool isDecoder)
    : m_isDecoder(isDecoder)
    , m_dropout(config.dropoutRate)
{
    m_blockList = register_module("block", torch::nn::ModuleList());
    const int64_t count = isDecoder ? config.numDecoderLayers : config.numLayers;
    for (int64_t i = 0; i < count; ++i) {
        m_blocks.emplace_back(config, isDecoder, /*hasRelativeAttentionBias=*/i == 0);
        m_blockList->push_back(m_blocks.back());
    }
    final_layer_norm = register_module("final_layer_norm",
                                       T5LayerNorm(config.dModel, config.layerNormEpsilon));
}

torch::Tensor T5StackImpl::selfAttentionBias(int64_t queryLength, int64_t pastLength,
                                             const torch::Tensor &attentionMask,
                                             torch::Dtype dtype) const
{
    return ladder::selfAttentionBias(*m_blocks.front()->selfAttention->SelfAttention, m_isDecoder, queryLength,
                                     pastLength, attentionMask, dtype);
}

T5StackOutput T5StackImpl::forward(const torch::Tensor &inputsEmbeds,
                                   const torch::Tensor &attentionMask,
                                   const torch::Tensor &encoderHidden,
                                   const torch::Tensor &encoderAttentionMask,
                                   bool collectBlockOutputs, T5DecoderCache *cache)
{
    if (m_isDecoder && !encoderHidden.defined())
        throw Error("T5Stack: the decoder needs the encoder's hidden states");
    const auto dtype = inputsEmbeds.scalar_type();
    const int64_t pastLength = cache ? cache->length : 0;
    if (cache && cache->blocks.size() != m_blocks.size())
        cache->blocks.resize(m_blocks.size());

    const torch::Tensor positionBias =
        selfAttentionBias(inputsEmbeds.size(1), pastLength, attentionMask, dtype);
    torch::Tensor crossBias;
    if (m_isDecoder && encoderAttentionMask.defined())
        crossBias = paddingMaskBias(encoderAttentionMask, dtype);

    T5StackOutput output;
    torch::Tensor hidden = t5Dropout(inputsEmbeds, m_dropout, is_training());
    output.embeddings = hidden;
    if (collectBlockOutputs)
        output.blockOutputs.reserve(m_blocks.size());
    for (size_t i = 0; i < m_blocks.size(); ++i) {
        hidden = m_blocks[i]->forward(hidden, positionBias, encoderHidden, crossBias,
                                      cache ? &cache->blocks[i] : nullptr);
        if (collectBlockOutputs)
            output.blockOutputs.push_back(hidden);
    }
    output.lastHiddenState = t5Dropout(final_layer_norm(hidden), m_dropout, is_training());
    if (cache)
        cache->length += inputsEmbeds.size(1);
    return output;
}

} // namespace ladder
