// SPDX-License-Identifier: GPL-3.0-or-later
// Internal header: includes LibTorch, so never include it from app/ or widgets/.
#pragma once

#include "peft/FineTuningModel.h"
#include "peft/lst/LadderSideNetwork.h"

#include <memory>

namespace ladder {

/// Ladder Side-Tuning as a FineTuningModel: a frozen backbone and a trained side network
/// (LST-SPEC.md §1). The module tree is LadderSideNetwork's, so trainedState() names are the
/// official code's (`encoder.side_block.1.layer.0.SelfAttention.q.weight`,
/// `encoder.side_downsamples.1.weight`, `encoder.side_gate_params`, `side_final_upsample.weight`).
class LadderSideTuning : public FineTuningModel
{
public:
    /// Builds and initialises the side network (method.lst.init: random, Fisher pruning on
    /// `context.nextFisherBatch`, or magnitude pruning). Random draws use a generator seeded
    /// with `context.seed`; LibTorch's global generator is left as it was.
    LadderSideTuning(T5ForConditionalGeneration backbone, const MethodConfig &method, const MethodContext &context);

    T5Output forward(const T5Inputs &inputs) override;
    /// Greedy, with key/value caches for the backbone decoder and the side decoder.
    torch::Tensor generate(const torch::Tensor &inputIds, const torch::Tensor &attentionMask,
                           int64_t maxNewTokens) override;
    torch::nn::Module &module() override { return *m_network; }
    /// μ_i = sigmoid(α_i / T) of each kept layer: encoder layers, then decoder layers.
    std::vector<double> gateValues() const override;
    const MethodConfig &method() const override { return m_method; }
    T5ForConditionalGeneration backbone() const override { return m_network->backbone; }

    LadderSideNetwork network() const { return m_network; }

private:
    MethodConfig m_method;
    LadderSideNetwork m_network{nullptr};
};

/// Applies Ladder Side-Tuning (method.kind must be Lst) to `backbone`, which it freezes.
/// Throws ladder::Error for options that do not fit the backbone.
std::unique_ptr<FineTuningModel> createLadderSideTuning(T5ForConditionalGeneration backbone,
                                                       const MethodConfig &method, const MethodContext &context);

} // namespace ladder
