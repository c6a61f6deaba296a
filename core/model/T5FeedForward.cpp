// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5FeedForward.h"

#include "model/T5Dropout.h"
#include "util/Error.h"

namespace ladder {

T5FeedForwardImpl::T5FeedForwardImpl(const T5Config &config)
    : m_activation(config.denseActFn)
    , m_dropout(config.dropoutRate)
{
    if (config.isGatedAct) {
        wi_0 = register_module("wi_0", T5Linear(config.dModel, config.dFf));
        wi_1 = register_module("wi_1", T5Linear(config.dModel, config.dFf));
    } else {
        wi = register_module("wi", T5Linear(config.dModel, config.dFf));
    }
    wo = register_module("wo", T5Linear(config.dFf, config.dModel));
}

torch::Tensor T5FeedForwardImpl::activate(torch::Tensor x) const
{
    // In place: relu's backward needs only its output, so the pre-activation is not kept.
    if (m_activation == "relu")
        return torch::relu_(x);
    // gelu_new (HF NewGELUActivation) is the tanh approximation; LibTorch's fused
    // gelu(approximate="tanh") computes the same formula in one kernel and saves only its input.
    if (m_activation == "gelu_new" || m_activation == "gelu_pytorch_tanh")
        return torch::gelu(x, "tanh");
    if (m_activation == "gelu")
        return torch::gelu(x);
    if (m_activation == "silu" || m_activation == "swish")
        return torch::silu(x);
    throw Error("T5FeedForward: unsupported activation \"" + m_activation + "\"");
}

torch::Tensor T5FeedForwardImpl::forward(const torch::Tensor &hidden)
{
    torch::Tensor inner = isGated() ? activate(wi_0(hidden)) * wi_1(hidden) : activate(wi(hidden));
    inner = t5Dropout(inner, m_dropout, is_training());
    return wo(inner);
}

void T5FeedForwardImpl::replaceProjection(const std::string &name, T5Linear projection)
{
    T5Linear *slot = nullptr;
    if (name == "wi" && wi)
        slot = &wi;
    else if (name == "wi_0" && wi_0)
        slot = &wi_0;
    else if (name == "wi_1" && wi_1)
        slot = &wi_1;
    else if (name == "wo")
        slot = &wo;
    if (!slot)
        throw Error("T5FeedForward: no projection named \"" + name + "\" in this "
                    + std::string(isGated() ? "gated (wi_0, wi_1, wo)" : "ungated (wi, wo)")
                    + " feed-forward");
    *slot = replace_module(name, std::move(projection));
}

} // namespace ladder
