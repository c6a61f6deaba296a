// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/MemoryAccounting.h"

#include <unordered_set>

namespace ladder {

namespace {

int64_t tensorBytes(const torch::Tensor &tensor)
{
    return tensor.defined() ? static_cast<int64_t>(tensor.nbytes()) : 0;
}

} // namespace

void countWeightBytes(torch::nn::Module &module, MemoryBreakdown &memory)
{
    std::unordered_set<const void *> seen;
    memory.frozenWeights = 0;
    memory.trainableWeights = 0;
    for (const torch::Tensor &parameter : module.parameters()) {
        if (!seen.insert(parameter.storage().data()).second)
            continue;
        (parameter.requires_grad() ? memory.trainableWeights : memory.frozenWeights) += tensorBytes(parameter);
    }
    for (const torch::Tensor &buffer : module.buffers()) {
        if (buffer.defined() && seen.insert(buffer.storage().data()).second)
            memory.frozenWeights += tensorBytes(buffer);
    }
}

int64_t gradientBytes(const std::vector<torch::Tensor> &parameters)
{
    int64_t bytes = 0;
    for (const torch::Tensor &parameter : parameters)
        bytes += tensorBytes(parameter.grad());
    return bytes;
}

int64_t optimizerStateBytes(const torch::optim::Optimizer &optimizer)
{
    int64_t bytes = 0;
    for (const auto &entry : optimizer.state()) {
        if (const auto *adamW = dynamic_cast<const torch::optim::AdamWParamState *>(entry.second.get())) {
            bytes += tensorBytes(adamW->exp_avg()) + tensorBytes(adamW->exp_avg_sq())
                + tensorBytes(adamW->max_exp_avg_sq());
        }
    }
    return bytes;
}

} // namespace ladder
