// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5Dropout.h"

namespace ladder {

namespace {

struct DropoutFunction : public torch::autograd::Function<DropoutFunction>
{
    static torch::Tensor forward(torch::autograd::AutogradContext *context,
                                 const torch::Tensor &input, const torch::Tensor &keep, double scale)
    {
        context->save_for_backward({keep});
        context->saved_data["scale"] = scale;
        return input.mul(keep).mul_(scale);
    }

    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext *context,
                                                 torch::autograd::tensor_list gradOutputs)
    {
        const torch::Tensor keep = context->get_saved_variables()[0];
        const double scale = context->saved_data["scale"].toDouble();
        return {gradOutputs[0].mul(keep).mul_(scale), torch::Tensor(), torch::Tensor()};
    }
};

} // namespace

torch::Tensor t5Dropout(const torch::Tensor &input, double p, bool training)
{
    if (!training || p <= 0.0 || input.numel() == 0)
        return input;
    if (p >= 1.0)
        return torch::zeros_like(input);
    const torch::Tensor keep = torch::rand_like(input) >= p;
    const double scale = 1.0 / (1.0 - p);
    if (!torch::GradMode::is_enabled() || !input.requires_grad())
        return input.mul(keep).mul_(scale);
    return DropoutFunction::apply(input, keep, scale);
}

} // namespace ladder
