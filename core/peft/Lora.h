// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Linear.h"
#include "peft/FineTuningModel.h"

#include <torch/torch.h>

namespace ladder {

/// A T5 projection with a low-rank update: y = W·x (+ b) + (alpha/rank)·B·A·dropout(x).
/// It takes over the replaced projection's weight (and bias) tensors themselves, so the
/// backbone's values and names ("…q.weight") are unchanged; lora_A [rank, in] is drawn as
/// torch.nn.Linear draws a weight (Kaiming-uniform, a = √5), lora_B [out, rank] is zero.
class LoraLinearImpl : public T5LinearImpl
{
public:
    LoraLinearImpl(const T5LinearImpl &base, const LoraOptions &options);

    torch::Tensor forward(const torch::Tensor &input) override;

    /// Folds (alpha/rank)·B·A into the weight for inference; the low-rank path is off from then
    /// on (a second call does nothing).
    void merge();
    bool isMerged() const { return m_merged; }
    double scaling() const { return m_scaling; }

    torch::Tensor lora_A;
    torch::Tensor lora_B;

private:
    double m_scaling;
    double m_dropout;
    bool m_merged = false;
};

/// Merges every LoRA projection inside `module` (mergeLora(model.module())). Returns how many.
int64_t mergeLora(torch::nn::Module &module);

/// LoRA on `method.lora.targets` of every self- and cross-attention ("q", "k", "v", "o") and
/// feed-forward ("wi" = wi / wi_0 / wi_1, "wo") of both stacks; lora_A/lora_B train, and with
/// trainBiases BitFit's biases too (the paper's configuration).
std::unique_ptr<FineTuningModel> applyLora(T5ForConditionalGeneration backbone, const MethodConfig &method);

} // namespace ladder
