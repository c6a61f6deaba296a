// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/lst/LowPrecisionLadder.h"

#include "util/Error.h"

#include <algorithm>
#include <vector>

namespace ladder {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

struct LowPrecisionLinearFunction : public torch::autograd::Function<LowPrecisionLinearFunction>
{
    static torch::Tensor forward(AutogradContext *context, const torch::Tensor &x, const torch::Tensor &weight,
                                 const torch::Tensor &bias)
    {
        context->save_for_backward({x});
        context->saved_data["has_bias"] = bias.defined();
        return torch::nn::functional::linear(x.to(weight.scalar_type()), weight, bias);
    }

    static tensor_list backward(AutogradContext *context, tensor_list gradOutputs)
    {
        const torch::Tensor x = context->get_saved_variables()[0];
        const torch::Tensor &gradOutput = gradOutputs[0];
        const int64_t in = x.size(-1);
        const int64_t out = gradOutput.size(-1);
        const torch::Tensor grad2 = gradOutput.reshape({-1, out});
        // The fp32 copy of x exists only for this product.
        const torch::Tensor gradWeight = grad2.t().mm(x.reshape({-1, in}).to(gradOutput.scalar_type()));
        torch::Tensor gradBias;
        if (context->saved_data["has_bias"].toBool())
            gradBias = grad2.sum(0);
        return {torch::Tensor(), gradWeight, gradBias};
    }
};

/// Output features widened at a time: a block of the vocabulary matrix (4096 × d_model), so
/// that no fp32 copy of the whole head exists next to the activations.
constexpr int64_t kWidenedRows = 4096;

struct FrozenLowPrecisionLinearFunction : public torch::autograd::Function<FrozenLowPrecisionLinearFunction>
{
    static torch::Tensor forward(AutogradContext *context, const torch::Tensor &x, const torch::Tensor &weight)
    {
        context->save_for_backward({weight});
        const int64_t rows = weight.size(0);
        std::vector<int64_t> shape(x.sizes().begin(), x.sizes().end());
        shape.back() = rows;
        torch::Tensor output = torch::empty(shape, x.options());
        for (int64_t r0 = 0; r0 < rows; r0 += kWidenedRows) {
            const int64_t r1 = std::min(rows, r0 + kWidenedRows);
            output.narrow(-1, r0, r1 - r0)
                .copy_(torch::nn::functional::linear(x, weight.slice(0, r0, r1).to(x.scalar_type())));
        }
        return output;
    }

    static tensor_list backward(AutogradContext *context, tensor_list gradOutputs)
    {
        const torch::Tensor weight = context->get_saved_variables()[0];
        const torch::Tensor &gradOutput = gradOutputs[0];
        const int64_t rows = weight.size(0);
        torch::Tensor gradInput;
        for (int64_t r0 = 0; r0 < rows; r0 += kWidenedRows) {
            const int64_t r1 = std::min(rows, r0 + kWidenedRows);
            const torch::Tensor part =
                gradOutput.narrow(-1, r0, r1 - r0).matmul(weight.slice(0, r0, r1).to(gradOutput.scalar_type()));
            gradInput = gradInput.defined() ? gradInput.add_(part) : part;
        }
        return {gradInput, torch::Tensor()};
    }
};

} // namespace

torch::Tensor frozenLowPrecisionLinear(const torch::Tensor &x, const torch::Tensor &weight)
{
    if (x.scalar_type() == weight.scalar_type())
        return torch::nn::functional::linear(x, weight);
    if (weight.requires_grad())
        throw Error("LST: a reduced-precision weight used at full precision must be frozen");
    return FrozenLowPrecisionLinearFunction::apply(x, weight);
}

torch::Tensor ladderDownsample(const torch::Tensor &x, const torch::nn::Linear &linear)
{
    if (x.scalar_type() == linear->weight.scalar_type())
        return torch::nn::functional::linear(x, linear->weight, linear->bias);
    if (x.requires_grad())
        throw Error("LST ladder: a reduced-precision ladder input must come from the frozen backbone (no gradient)");
    return LowPrecisionLinearFunction::apply(x, linear->weight, linear->bias);
}

} // namespace ladder
