// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/BatchedMatmul.h"

namespace ladder {

namespace {

/// A right-hand operand bmm handles fast: rows contiguous (last stride 1).
torch::Tensor fastRightOperand(const torch::Tensor &b)
{
    return b.stride(2) == 1 || b.size(2) == 1 ? b : b.contiguous();
}

struct BatchedMatmulFunction : public torch::autograd::Function<BatchedMatmulFunction>
{
    static torch::Tensor forward(torch::autograd::AutogradContext *context, const torch::Tensor &a,
                                 const torch::Tensor &b)
    {
        context->save_for_backward({a, b});
        return torch::bmm(a, fastRightOperand(b));
    }

    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext *context,
                                                 torch::autograd::tensor_list gradOutputs)
    {
        const auto saved = context->get_saved_variables();
        const torch::Tensor &a = saved[0];
        const torch::Tensor &b = saved[1];
        const torch::Tensor &grad = gradOutputs[0];
        torch::Tensor gradA, gradB;
        if (context->needs_input_grad(0))
            gradA = torch::bmm(grad, fastRightOperand(b.transpose(1, 2)));
        if (context->needs_input_grad(1))
            gradB = torch::bmm(a.transpose(1, 2), fastRightOperand(grad));
        return {gradA, gradB};
    }
};

} // namespace

torch::Tensor batchedMatmul(const torch::Tensor &a, const torch::Tensor &b)
{
    if (!torch::GradMode::is_enabled() || !(a.requires_grad() || b.requires_grad()))
        return torch::bmm(a, fastRightOperand(b));
    return BatchedMatmulFunction::apply(a, b);
}

} // namespace ladder
