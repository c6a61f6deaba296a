// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Config.h"
#include "model/T5Linear.h"

#include <torch/torch.h>

namespace ladder {

/// The feed-forward network HF calls `DenseReluDense`: `wo(act(wi x))` (T5DenseActDense), or
/// gated `wo(act(wi_0 x) · wi_1 x)` (T5DenseGatedActDense, T5 v1.1) — chosen by the config's
/// is_gated_act / dense_act_fn, so the parameter names are HF's in both cases.
class T5FeedForwardImpl : public torch::nn::Module
{
public:
    explicit T5FeedForwardImpl(const T5Config &config);

    torch::Tensor forward(const torch::Tensor &hidden);

    bool isGated() const { return static_cast<bool>(wi_0); }

    /// Swaps "wi", "wi_0", "wi_1" or "wo" for another module of the same shape.
    void replaceProjection(const std::string &name, T5Linear projection);

    T5Linear wi{nullptr};   ///< ungated only
    T5Linear wi_0{nullptr}; ///< gated only
    T5Linear wi_1{nullptr}; ///< gated only
    T5Linear wo{nullptr};

private:
    /// `x` is a fresh projection output, so relu may work in place.
    torch::Tensor activate(torch::Tensor x) const;

    std::string m_activation;
    double m_dropout;
};
TORCH_MODULE(T5FeedForward);

} // namespace ladder
