// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5Model.h"

#include "model/T5Init.h"
#include "util/Error.h"

#include <cmath>

namespace ladder {

T5ForConditionalGenerationImpl::T5ForConditionalGenerationImpl(const T5Config &config,
                                                               bool initializeWeights)
    : m_config(config)
{
    config.validate("T5 configuration");
    // Construction and initialisation follow HF's order exactly, so that after
    // torch::manual_seed(s) the generator is consumed as by T5ForConditionalGeneration(config)
    // in Python: each T5Stack is a PreTrainedModel whose own post_init() initialises its blocks
    // right after they are built, before the next stack is built; the model's post_init() then
    // skips those (already initialised) and draws shared and lm_head last.
    shared = register_module("shared", torch::nn::Embedding(config.vocabSize, config.dModel));
    encoder = register_module("encoder", T5Stack(config, /*isDecoder=*/false));
    if (initializeWeights)
        initializeT5Stack(*encoder, config);
    decoder = register_module("decoder", T5Stack(config, /*isDecoder=*/true));
    if (initializeWeights)
        initializeT5Stack(*decoder, config);
    if (config.tieWordEmbeddings) {
        // HF builds lm_head and then ties it; draw its default init anyway so that the random
        // stream (and hence every later weight) matches HF for a given seed.
        torch::NoGradGuard noGrad;
        torch::Tensor discarded = torch::empty({config.vocabSize, config.dModel});
        torch::nn::init::kaiming_uniform_(discarded, std::sqrt(5.0));
    } else {
        lm_head = register_module("lm_head", T5Linear(config.dModel, config.vocabSize));
    }
    if (initializeWeights)
        initializeT5Embeddings(*this);
}

const torch::Tensor &T5ForConditionalGenerationImpl::lmHeadWeight() const
{
    return lm_head ? lm_head->weight : shared->weight;
}

T5StackOutput T5ForConditionalGenerationImpl::encode(const torch::Tensor &inputIds,
                                                     const torch::Tensor &attentionMask,
                                                     bool collectBlockOutputs)
{
    return encoder->forward(shared(inputIds), attentionMask, {}, {}, collectBlockOutputs);
}

T5StackOutput T5ForConditionalGenerationImpl::decode(const torch::Tensor &decoderInputIds,
                                                     const torch::Tensor &encoderHidden,
                                                     const torch::Tensor &encoderAttentionMask,
                                                     const torch::Tensor &decoderAttentionMask,
                                                     bool collectBlockOutputs,
                                                     T5DecoderCache *cache)
{
    return decoder->forward(shared(decoderInputIds), decoderAttentionMask, encoderHidden,
                            encoderAttentionMask, collectBlockOutputs, cache);
}

torch::Tensor T5ForConditionalGenerationImpl::computeLogits(const torch::Tensor &decoderHidden)
{
    if (lm_head)
        return lm_head(decoderHidden);
    // Tied embeddings: HF rescales the decoder output before projecting with shared.weight.
    const double scale = std::pow(static_cast<double>(m_config.dModel), -0.5);
    return torch::nn::functional::linear(decoderHidden * scale, shared->weight);
}

torch::Tensor T5ForConditionalGenerationImpl::computeLoss(const torch::Tensor &logits,
                                                          const torch::Tensor &labels)
{
    return torch::nn::functional::cross_entropy(
        logits.view({-1, logits.size(-1)}), labels.reshape({-1}),
        torch::nn::functional::CrossEntropyFuncOptions().ignore_index(-100));
}

torch::Tensor T5ForConditionalGenerationImpl::shiftRight(const torch::Tensor &labels) const
{
    torch::Tensor shifted = torch::empty_like(labels);
    shifted.select(1, 0).fill_(m_config.decoderStartTokenId);
    if (labels.size(1) > 1)
        shifted.slice(1, 1).copy_(labels.slice(1, 0, -1));
    return shifted.masked_fill_(shifted == -100, m_config.padTokenId);
}

T5Output T5ForConditionalGenerationImpl::forward(const T5Inputs &inputs)
{
    T5Output output;
    const torch::Tensor embeds = inputs.inputsEmbeds.defined() ? inputs.inputsEmbeds
                                                               : shared(inputs.inputIds);
    output.encoder = encoder->forward(embeds, inputs.attentionMask, {}, {},
                                      inputs.outputHiddenStates);
    torch::Tensor decoderInputIds = inputs.decoderInputIds;
    if (!decoderInputIds.defined()) {
        if (!inputs.labels.defined())
            throw Error("T5 forward: needs decoder_input_ids or labels");
        decoderInputIds = shiftRight(inputs.labels);
    }
    output.decoder = decode(decoderInputIds, output.encoder.lastHiddenState, inputs.attentionMask,
                            inputs.decoderAttentionMask, inputs.outputHiddenStates);
    output.logits = computeLogits(output.decoder.lastHiddenState);
    if (inputs.labels.defined())
        output.loss = computeLoss(output.logits, inputs.labels);
    return output;
}

torch::Tensor T5ForConditionalGenerationImpl::generate(const torch::Tensor &inputIds,
                                                       const torch::Tensor &attentionMask,
                                                       int64_t maxNewTokens)
{
    torch::NoGradGuard noGrad;
    const int64_t batch = inputIds.size(0);
    const auto longOptions = inputIds.options().dtype(torch::kLong);
    torch::Tensor tokens = torch::full({batch, 1}, m_config.decoderStartTokenId, longOptions);
    if (maxNewTokens <= 0)
        return tokens;

    // Without a mask HF's generate masks pad tokens (when pad is not also eos).
    torch::Tensor mask = attentionMask;
    if (!mask.defined() && m_config.padTokenId != m_config.eosTokenId
        && (inputIds == m_config.padTokenId).any().item<bool>())
        mask = (inputIds != m_config.padTokenId).to(torch::kLong);
    const torch::Tensor encoderHidden = encode(inputIds, mask).lastHiddenState;
    T5DecoderCache cache;
    torch::Tensor unfinished = torch::ones({batch}, longOptions.dtype(torch::kBool));
    torch::Tensor nextInput = tokens;
    std::vector<torch::Tensor> steps{tokens};
    for (int64_t step = 0; step < maxNewTokens; ++step) {
        const torch::Tensor hidden =
            decode(nextInput, encoderHidden, mask, {}, false, &cache).lastHiddenState;
        const torch::Tensor logits = computeLogits(hidden.select(1, -1));
        torch::Tensor next = logits.argmax(-1);
        next = torch::where(unfinished, next, torch::full_like(next, m_config.padTokenId));
        steps.push_back(next.unsqueeze(1));
        unfinished = unfinished.logical_and(next != m_config.eosTokenId);
        if (!unfinished.any().item<bool>())
            break;
        nextInput = next.unsqueeze(1);
    }
    return torch::cat(steps, 1);
}

} // namespace ladder
