// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "peft/FineTuningModel.h"

#include <torch/torch.h>

namespace ladder {

/// The LM-head bias of a tied model, which has no lm_head module: registered on the backbone as
/// child "lm_head" so that its parameter is called "lm_head.bias", as in HF's (tied) lm_head.
class LogitsBiasImpl : public torch::nn::Module
{
public:
    explicit LogitsBiasImpl(const torch::Tensor &like, int64_t vocabSize);
    torch::Tensor bias;
};
TORCH_MODULE(LogitsBias);

/// Adds BitFit's zero-initialised biases (LST-SPEC §2.2): to every T5 projection (q, k, v, o,
/// wi / wi_0 / wi_1, wo, including those LoRA replaced), every RMSNorm (y = w·x·rsqrt(…) + b)
/// and the LM head — an untied lm_head gets its own bias; for a tied head a LogitsBias is
/// registered and its tensor returned (the caller adds it to the logits). Returns an undefined
/// tensor when the head is untied. The new biases require grad; freezing is the caller's.
torch::Tensor addBitFitBiases(T5ForConditionalGenerationImpl &backbone);

/// Whether `name` is one of the parameters addBitFitBiases() adds.
bool isBitFitBias(const std::string &name);

/// BitFit: the added biases train, nothing else.
std::unique_ptr<FineTuningModel> applyBitFit(T5ForConditionalGeneration backbone, const MethodConfig &method);

} // namespace ladder
