// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "peft/FineTuningModel.h"

#include <torch/torch.h>

#include <functional>
#include <string>

namespace ladder {

/// A method whose added modules live inside the backbone (full fine-tuning, BitFit, adapters,
/// LoRA, prompt tuning): module() is the backbone itself, so parameter names stay HF's
/// ("encoder.block.0.layer.0.SelfAttention.q.lora_A") and a fully fine-tuned model's trained
/// state is an ordinary checkpoint. Subclasses may rewrite the encoder inputs (prompt tuning);
/// a logits bias covers BitFit's LM-head bias on a tied head, which has no module of its own.
class BackboneMethodModel : public FineTuningModel
{
public:
    BackboneMethodModel(T5ForConditionalGeneration backbone, MethodConfig method);

    T5Output forward(const T5Inputs &inputs) override;
    torch::Tensor generate(
        const torch::Tensor &inputIds, const torch::Tensor &attentionMask, int64_t maxNewTokens) override;
    torch::nn::Module &module() override { return *m_backbone; }
    const MethodConfig &method() const override { return m_method; }
    T5ForConditionalGeneration backbone() const override { return m_backbone; }

    /// What the backbone receives for `inputs` (prompt tuning prepends its soft tokens).
    virtual T5Inputs prepareInputs(const T5Inputs &inputs) const { return inputs; }

    /// `bias` [vocab] is added to every logit from now on (undefined: none).
    void setLogitsBias(torch::Tensor bias) { m_logitsBias = std::move(bias); }

protected:
    T5ForConditionalGeneration m_backbone;
    MethodConfig m_method;
    torch::Tensor m_logitsBias;
};

/// Sets requires_grad on every parameter of `module`: true exactly where `trains(name)` says so.
/// The methods decide what trains by parameter name, as the official code's freeze_model_params.
void setTrainableByName(torch::nn::Module &module, const std::function<bool(const std::string &name)> &trains);

/// Whether `name` is a parameter of one of T5's RMSNorms ("layer_norm" / "final_layer_norm").
bool isLayerNormParameter(const std::string &name);

} // namespace ladder
