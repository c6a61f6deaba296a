// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5Linear.h"

#include <cmath>

namespace ladder {

T5LinearImpl::T5LinearImpl(int64_t inFeatures, int64_t outFeatures)
{
    weight = register_parameter("weight", torch::empty({outFeatures, inFeatures}));
    torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
}

torch::Tensor T5LinearImpl::forward(const torch::Tensor &input)
{
    return torch::nn::functional::linear(input, weight, bias);
}

void T5LinearImpl::addBias()
{
    if (!bias.defined())
        bias = register_parameter("bias", torch::zeros({weight.size(0)}, weight.options()));
}

} // namespace ladder
