// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

namespace ladder {

/// T5's RMSNorm (HF `T5LayerNorm`): y = weight · x · rsqrt(mean(x², last dim) + eps), with no
/// mean subtraction and no bias; the variance is computed in float32 whatever the input dtype.
class T5LayerNormImpl : public torch::nn::Module
{
public:
    T5LayerNormImpl(int64_t width, double epsilon);

    torch::Tensor forward(const torch::Tensor &input);

    /// Adds a zero-initialised `bias` parameter added after the scale (BitFit).
    void addBias();

    torch::Tensor weight;
    torch::Tensor bias; ///< undefined unless addBias() was called

private:
    double m_epsilon;
};
TORCH_MODULE(T5LayerNorm);

} // namespace ladder
