// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Dropout.h"

#include <torch/torch.h>

namespace ladder {

/// What the three T5 sublayers share: the residual `h + dropout(adapter(out))`, where a
/// fine-tuning method may insert an adapter module on the sublayer's output (Houlsby
/// adapters after self-attention and feed-forward).
class T5SublayerBase : public torch::nn::Module
{
public:
    explicit T5SublayerBase(double dropout)
        : m_dropout(dropout)
    {
    }

    /// Inserts `adapter` (Tensor → Tensor, same shape) on the sublayer output before the
    /// residual sum, registered as child `name`.
    void setOutputAdapter(const std::string &name, torch::nn::AnyModule adapter)
    {
        register_module(name, adapter.ptr());
        m_adapter = std::move(adapter);
    }
    bool hasOutputAdapter() const { return !m_adapter.is_empty(); }

protected:
    torch::Tensor residual(const torch::Tensor &hidden, torch::Tensor output)
    {
        if (!m_adapter.is_empty())
            output = m_adapter.forward(output);
        return hidden + t5Dropout(output, m_dropout, is_training());
    }

private:
    torch::nn::AnyModule m_adapter;
    double m_dropout;
};

} // namespace ladder
