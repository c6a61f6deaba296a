// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "peft/BackboneMethodModel.h"

namespace ladder {

/// Prompt tuning (LST-SPEC §2.2): N trainable soft tokens prepended to the encoder's input
/// embeddings, started as the first N rows of the shared embedding; the attention mask gets N
/// leading ones. The tokens are the backbone's parameter "prompt_embeddings" [N, d_model]; the
/// rest of the backbone is frozen.
class PromptTuningModel : public BackboneMethodModel
{
public:
    PromptTuningModel(T5ForConditionalGeneration backbone, const MethodConfig &method);

    /// inputsEmbeds = [soft tokens, embeddings of inputIds (or the given inputsEmbeds)],
    /// attentionMask = [ones(B, N), mask] (left undefined when the input had none: all ones).
    T5Inputs prepareInputs(const T5Inputs &inputs) const override;

    const torch::Tensor &promptEmbeddings() const { return m_prompt; }

private:
    torch::Tensor m_prompt;
};

std::unique_ptr<FineTuningModel> applyPromptTuning(T5ForConditionalGeneration backbone, const MethodConfig &method);

} // namespace ladder
