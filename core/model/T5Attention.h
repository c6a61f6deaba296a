// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Config.h"
#include "model/T5Linear.h"

#include <torch/torch.h>

namespace ladder {

/// Keys and values an attention layer keeps between greedy decoding steps: self-attention
/// appends one position per step; cross-attention computes the encoder's once.
struct T5AttentionCache
{
    torch::Tensor key;   ///< [B, H, Tk, d_kv]
    torch::Tensor value; ///< [B, H, Tk, d_kv]
};

/// Multi-head attention as HF `T5Attention`: projections q/k/v/o without bias, scores Q·Kᵀ
/// with **no** 1/√d_kv scaling (folded into q's initialisation), plus an additive bias that
/// already holds the relative-position bias and the mask; softmax in float32. Only the first
/// self-attention of a stack owns `relative_attention_bias`; the stack computes the bias once
/// with computePositionBias() and hands it to every layer.
class T5AttentionImpl : public torch::nn::Module
{
public:
    T5AttentionImpl(const T5Config &config, bool hasRelativeAttentionBias, bool bidirectional);

    /// `hidden` [B, Tq, d_model]; `bias` broadcastable to [B, H, Tq, Tk] (position bias plus
    /// mask, or just the mask). `keyValueStates` (encoder output) makes this cross-attention.
    /// With `cache`, self-attention appends this call's keys/values to it and cross-attention
    /// computes them only when the cache is empty.
    torch::Tensor forward(const torch::Tensor &hidden, const torch::Tensor &bias,
                          const torch::Tensor &keyValueStates = {},
                          T5AttentionCache *cache = nullptr);

    /// [1, H, queryLength, keyLength] from `relative_attention_bias` for query positions
    /// starting at `queryOffset` (decoding with a cache). Needs hasRelativeAttentionBias.
    torch::Tensor computePositionBias(int64_t queryLength, int64_t keyLength,
                                      int64_t queryOffset = 0) const;

    bool hasRelativeAttentionBias() const { return !m_relativeAttentionBias.is_empty(); }
    /// `relative_attention_bias` ([buckets, heads] embedding); empty unless this layer owns it.
    torch::nn::Embedding relativeAttentionBias() const { return m_relativeAttentionBias; }

    /// Swaps a projection ("q", "k", "v" or "o") for another module of the same shape (LoRA);
    /// the HF key name is kept.
    void replaceProjection(const std::string &name, T5Linear projection);

    T5Linear q{nullptr}, k{nullptr}, v{nullptr}, o{nullptr};

private:
    torch::Tensor splitHeads(const torch::Tensor &projected) const;

    torch::nn::Embedding m_relativeAttentionBias{nullptr};
    int64_t m_numHeads;
    int64_t m_dKv;
    int64_t m_numBuckets;
    int64_t m_maxDistance;
    bool m_bidirectional;
    double m_dropout;
};
TORCH_MODULE(T5Attention);

} // namespace ladder
