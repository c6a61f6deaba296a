// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Config.h"
#include "model/T5Linear.h"
#include "model/T5Stack.h"

#include <torch/torch.h>

namespace ladder {

/// One batch for T5ForConditionalGeneration::forward, named as HF's arguments.
struct T5Inputs
{
    torch::Tensor inputIds;             ///< I64 [B, Ts]; ignored when inputsEmbeds is set
    torch::Tensor attentionMask;        ///< [B, Ts], 1 = token, 0 = padding; undefined = all ones
    torch::Tensor decoderInputIds;      ///< I64 [B, Tt]; undefined → shiftRight(labels)
    torch::Tensor decoderAttentionMask; ///< [B, Tt]; undefined = causal mask only (HF default)
    torch::Tensor labels;               ///< I64 [B, Tt], −100 = ignored; gives a loss
    torch::Tensor inputsEmbeds;         ///< [B, Ts, d_model] instead of inputIds (prompt tuning)
    bool outputHiddenStates = false;    ///< fill T5StackOutput::blockOutputs of both stacks
};

/// What forward computed.
struct T5Output
{
    torch::Tensor logits; ///< [B, Tt, vocab]
    torch::Tensor loss;   ///< mean cross-entropy over labels ≠ −100; undefined without labels
    T5StackOutput encoder;
    T5StackOutput decoder;
};

/// HF `T5ForConditionalGeneration`: `shared` embedding used by both stacks, encoder, decoder
/// and the LM head — tied (`shared.weight`, with the decoder output scaled by d_model^-0.5) or
/// an untied `lm_head`. named_parameters() keys equal HF's state-dict keys.
class T5ForConditionalGenerationImpl : public torch::nn::Module
{
public:
    /// Builds the model with HF's initialisation (T5Init.h), drawing from LibTorch's global
    /// generator in HF's order. `initializeWeights` = false leaves torch.nn's default draws
    /// (for weights about to be loaded).
    explicit T5ForConditionalGenerationImpl(const T5Config &config, bool initializeWeights = true);

    T5Output forward(const T5Inputs &inputs);

    /// The encoder on `inputIds` [B, Ts].
    T5StackOutput encode(const torch::Tensor &inputIds, const torch::Tensor &attentionMask,
                         bool collectBlockOutputs = false);
    /// The decoder on `decoderInputIds` [B, Tt] attending to `encoderHidden`.
    T5StackOutput decode(const torch::Tensor &decoderInputIds, const torch::Tensor &encoderHidden,
                         const torch::Tensor &encoderAttentionMask,
                         const torch::Tensor &decoderAttentionMask = {},
                         bool collectBlockOutputs = false, T5DecoderCache *cache = nullptr);
    /// LM head on decoder output [.., d_model] → [.., vocab].
    torch::Tensor computeLogits(const torch::Tensor &decoderHidden);
    /// CrossEntropy(ignore_index = −100, mean) over flattened logits and labels.
    static torch::Tensor computeLoss(const torch::Tensor &logits, const torch::Tensor &labels);
    /// HF `_shift_right`: [decoder_start, labels[:, :-1]] with −100 replaced by pad.
    torch::Tensor shiftRight(const torch::Tensor &labels) const;

    /// Greedy decoding with a key/value cache, as HF `generate(do_sample=False, num_beams=1)`:
    /// starts from decoder_start, stops after `maxNewTokens` or when every row has emitted eos;
    /// rows that finished get pad. Returns I64 [B, 1 + steps] including the start token.
    /// An undefined `attentionMask` masks pad tokens, as HF's generate does.
    /// Runs without autograd; call eval() first for deterministic output.
    torch::Tensor generate(const torch::Tensor &inputIds, const torch::Tensor &attentionMask,
                           int64_t maxNewTokens);

    /// The LM head's weight: `shared.weight` when tied, else `lm_head.weight`.
    const torch::Tensor &lmHeadWeight() const;
    const T5Config &config() const { return m_config; }

    torch::nn::Embedding shared{nullptr};
    T5Stack encoder{nullptr};
    T5Stack decoder{nullptr};
    T5Linear lm_head{nullptr}; ///< untied models only

private:
    T5Config m_config;
};
TORCH_MODULE(T5ForConditionalGeneration);

} // namespace ladder
