// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace ladder {

/// A bias-free Linear as every T5 projection is (weight [out, in], y = x·Wᵀ). Unlike
/// torch::nn::Linear its forward is virtual, so a fine-tuning method can substitute a subclass
/// (LoRA) through T5Attention/T5FeedForward's replace functions, and a zero bias can be added
/// later (BitFit) under the HF key name "bias".
class T5LinearImpl : public torch::nn::Module
{
public:
    /// Draws the weight as torch.nn.Linear does (kaiming_uniform_, a = √5), so that a model
    /// built after torch::manual_seed(s) consumes the generator exactly as HF's constructor.
    T5LinearImpl(int64_t inFeatures, int64_t outFeatures);
    ~T5LinearImpl() override = default;

    virtual torch::Tensor forward(const torch::Tensor &input);

    /// Adds a zero-initialised bias parameter (BitFit); does nothing if one exists.
    void addBias();

    int64_t inFeatures() const { return weight.size(1); }
    int64_t outFeatures() const { return weight.size(0); }

    torch::Tensor weight;
    torch::Tensor bias; ///< undefined unless addBias() was called
};
TORCH_MODULE(T5Linear);

} // namespace ladder
