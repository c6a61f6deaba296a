// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/T5Attention.h"

#include "model/BatchedMatmul.h"
#include "model/RelativePosition.h"
#include "model/T5Dropout.h"
#include "util/Error.h"

namespace ladder {

namespace F = torch::nn::functional;

T5AttentionImpl::T5AttentionImpl(const T5Config &config, bool hasRelativeAttentionBias,
                                 bool bidirectional)
    : m_numHeads(config.numHeads)
    , m_dKv(config.dKv)
    , m_numBuckets(config.relativeAttentionNumBuckets)
    , m_maxDistance(config.relativeAttentionMaxDistance)
    , m_bidirectional(bidirectional)
    , m_dropout(config.dropoutRate)
{
    // Registration order = HF's construction order, which fixes the random stream (T5Init).
    const int64_t inner = config.innerDim();
    q = register_module("q", T5Linear(config.dModel, inner));
    k = register_module("k", T5Linear(config.dModel, inner));
    v = register_module("v", T5Linear(config.dModel, inner));
    o = register_module("o", T5Linear(inner, config.dModel));
    if (hasRelativeAttentionBias)
        m_relativeAttentionBias = register_module(
            "relative_attention_bias", torch::nn::Embedding(m_numBuckets, m_numHeads));
}

torch::Tensor T5AttentionImpl::splitHeads(const torch::Tensor &projected) const
{
    // [B, T, H·d_kv] → [B, H, T, d_kv] as a view; matmul handles the strides.
    return projected.view({projected.size(0), projected.size(1), m_numHeads, m_dKv}).transpose(1, 2);
}

torch::Tensor T5AttentionImpl::forward(const torch::Tensor &hidden, const torch::Tensor &bias,
                                       const torch::Tensor &keyValueStates, T5AttentionCache *cache)
{
    const bool crossAttention = keyValueStates.defined();
    const torch::Tensor query = splitHeads(q(hidden));
    torch::Tensor key;
    torch::Tensor value;
    if (crossAttention && cache && cache->key.defined()) {
        key = cache->key;
        value = cache->value;
    } else {
        const torch::Tensor &source = crossAttention ? keyValueStates : hidden;
        key = splitHeads(k(source));
        value = splitHeads(v(source));
        if (cache && !crossAttention && cache->key.defined()) {
            key = torch::cat({cache->key, key}, 2);
            value = torch::cat({cache->value, value}, 2);
        }
        if (cache) {
            cache->key = key;
            cache->value = value;
        }
    }

    // Attention products as 3-D bmm on [B·H, T, d_kv] (see BatchedMatmul.h for why not matmul).
    const int64_t batch = hidden.size(0);
    const int64_t queryLength = query.size(2);
    const int64_t keyLength = key.size(2);
    const torch::Tensor query3 = query.reshape({batch * m_numHeads, queryLength, m_dKv});
    const torch::Tensor key3 = key.reshape({batch * m_numHeads, keyLength, m_dKv});
    const torch::Tensor value3 = value.reshape({batch * m_numHeads, keyLength, m_dKv});
    torch::Tensor scores = batchedMatmul(query3, key3.transpose(1, 2))
                               .view({batch, m_numHeads, queryLength, keyLength});
    if (bias.defined())
        scores.add_(bias);
    torch::Tensor weights = scores.scalar_type() == torch::kFloat
                                ? torch::softmax(scores, -1)
                                : torch::softmax(scores.to(torch::kFloat), -1).to(scores.scalar_type());
    weights = t5Dropout(weights, m_dropout, is_training());
    torch::Tensor context =
        batchedMatmul(weights.view({batch * m_numHeads, queryLength, keyLength}), value3);
    context = context.view({batch, m_numHeads, queryLength, m_dKv})
                  .transpose(1, 2)
                  .reshape({batch, queryLength, m_numHeads * m_dKv});
    return o(context);
}

torch::Tensor T5AttentionImpl::computePositionBias(int64_t queryLength, int64_t keyLength,
                                                   int64_t queryOffset) const
{
    if (!m_relativeAttentionBias)
        throw Error("T5Attention: this layer has no relative_attention_bias (only block 0 of a "
                    "stack has one)");
    const torch::Tensor buckets = relativePositionBuckets(
        queryLength, keyLength, queryOffset, m_bidirectional, m_numBuckets, m_maxDistance,
        m_relativeAttentionBias->weight.device());
    // [Tq, Tk, H] → [1, H, Tq, Tk]
    return F::embedding(buckets, m_relativeAttentionBias->weight).permute({2, 0, 1}).unsqueeze(0);
}

void T5AttentionImpl::replaceProjection(const std::string &name, T5Linear projection)
{
    T5Linear *slot = name == "q" ? &q : name == "k" ? &k : name == "v" ? &v : name == "o" ? &o : nullptr;
    if (!slot)
        throw Error("T5Attention: no projection named \"" + name + "\", expected q, k, v or o");
    *slot = replace_module(name, std::move(projection));
}

} // namespace ladder
