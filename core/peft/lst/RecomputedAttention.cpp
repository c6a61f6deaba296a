// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/lst/RecomputedAttention.h"

#include "model/BatchedMatmul.h"
#include "util/Error.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <limits>

namespace ladder {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

/// [b, H, M, K] × [b, H, K, N] as one 3-D batched product (batchedMatmul avoids LibTorch 1.13's
/// slow CPU route for transposed right-hand operands).
torch::Tensor product(const torch::Tensor &a, const torch::Tensor &b)
{
    const int64_t items = a.size(0) * a.size(1);
    const torch::Tensor out = batchedMatmul(a.reshape({items, a.size(2), a.size(3)}),
                                            b.reshape({items, b.size(2), b.size(3)}));
    return out.view({a.size(0), a.size(1), a.size(2), b.size(3)});
}

/// Batch items b0..b1 of a tensor whose first dimension is 1 (broadcast) or the batch.
torch::Tensor rows(const torch::Tensor &tensor, int64_t b0, int64_t b1)
{
    return tensor.size(0) == 1 ? tensor : tensor.slice(0, b0, b1);
}

/// Softmax probabilities of batch items b0..b1, in q's dtype (softmax itself in float32, as
/// T5Attention does for reduced precision).
torch::Tensor probabilities(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &positionBias,
                            const torch::Tensor &mask, int64_t b0, int64_t b1)
{
    torch::Tensor scores = product(q.slice(0, b0, b1), k.slice(0, b0, b1).transpose(2, 3));
    if (positionBias.defined())
        scores.add_(rows(positionBias, b0, b1));
    if (mask.defined())
        scores.add_(rows(mask, b0, b1));
    if (scores.scalar_type() == torch::kFloat || scores.scalar_type() == torch::kDouble)
        return torch::softmax(scores, -1);
    return torch::softmax(scores.to(torch::kFloat), -1).to(scores.scalar_type());
}

/// The keep mask (draw ≥ p) of one chunk, from a CPU generator seeded with seed + chunk:
/// forward and backward draw the same mask without storing it. A fresh generator rather than a
/// clone of the default one: LibTorch 1.13's Generator::clone() leaks the clone (found by
/// LeakSanitizer). The draw is made on the CPU and moved, so every device gets the same mask.
torch::Tensor keepMask(const torch::Tensor &like, int64_t seed, int64_t chunk, double p)
{
    at::Generator generator = at::detail::createCPUGenerator(static_cast<uint64_t>(seed + chunk));
    const torch::Tensor draw = torch::rand(like.sizes(), generator, like.options().device(torch::kCPU));
    return (draw >= p).to(like.device());
}

int64_t itemsPerChunk(const torch::Tensor &q, const torch::Tensor &k, int64_t chunkBytes)
{
    const int64_t perItem = q.size(1) * q.size(2) * k.size(2) * static_cast<int64_t>(q.element_size());
    return std::max<int64_t>(1, chunkBytes / std::max<int64_t>(1, perItem));
}

/// An empty placeholder (see recomputedAttention) means "no such bias".
torch::Tensor present(const torch::Tensor &tensor)
{
    return tensor.defined() && tensor.numel() > 0 ? tensor : torch::Tensor();
}

struct RecomputedAttentionFunction : public torch::autograd::Function<RecomputedAttentionFunction>
{
    static torch::Tensor forward(AutogradContext *context, const torch::Tensor &q, const torch::Tensor &k,
                                 const torch::Tensor &v, const torch::Tensor &positionBias, const torch::Tensor &mask,
                                 double p, int64_t seed, int64_t chunkBytes)
    {
        context->save_for_backward({q, k, v, positionBias, mask});
        context->saved_data["p"] = p;
        context->saved_data["seed"] = seed;
        context->saved_data["chunk_bytes"] = chunkBytes;
        const torch::Tensor bias = present(positionBias);
        const torch::Tensor maskBias = present(mask);
        const int64_t batch = q.size(0);
        const int64_t step = itemsPerChunk(q, k, chunkBytes);
        torch::Tensor output = torch::empty({batch, q.size(1), q.size(2), v.size(3)}, q.options());
        for (int64_t b0 = 0, chunk = 0; b0 < batch; b0 += step, ++chunk) {
            const int64_t b1 = std::min(batch, b0 + step);
            torch::Tensor weights = probabilities(q, k, bias, maskBias, b0, b1);
            if (p > 0.0)
                weights.mul_(keepMask(weights, seed, chunk, p)).mul_(1.0 / (1.0 - p));
            output.slice(0, b0, b1).copy_(product(weights, v.slice(0, b0, b1)));
        }
        return output;
    }

    static tensor_list backward(AutogradContext *context, tensor_list gradOutputs)
    {
        const auto saved = context->get_saved_variables();
        const torch::Tensor &q = saved[0];
        const torch::Tensor &k = saved[1];
        const torch::Tensor &v = saved[2];
        const torch::Tensor positionBias = present(saved[3]);
        const torch::Tensor mask = present(saved[4]);
        const double p = context->saved_data["p"].toDouble();
        const int64_t seed = context->saved_data["seed"].toInt();
        const int64_t chunkBytes = context->saved_data["chunk_bytes"].toInt();
        const torch::Tensor gradOutput = gradOutputs[0];

        const int64_t batch = q.size(0);
        const int64_t step = itemsPerChunk(q, k, chunkBytes);
        torch::Tensor gradQ = torch::empty(q.sizes(), q.options());
        torch::Tensor gradK = torch::empty(k.sizes(), k.options());
        torch::Tensor gradV = torch::empty(v.sizes(), v.options());
        const bool biasNeedsGrad = positionBias.defined() && context->needs_input_grad(3);
        torch::Tensor gradBias = biasNeedsGrad ? torch::zeros(positionBias.sizes(), positionBias.options()) : torch::Tensor();
        for (int64_t b0 = 0, chunk = 0; b0 < batch; b0 += step, ++chunk) {
            const int64_t b1 = std::min(batch, b0 + step);
            const torch::Tensor weights = probabilities(q, k, positionBias, mask, b0, b1);
            const torch::Tensor dOut = gradOutput.slice(0, b0, b1);
            torch::Tensor keep;
            torch::Tensor used = weights;
            if (p > 0.0) {
                keep = keepMask(weights, seed, chunk, p);
                used = weights * keep * (1.0 / (1.0 - p));
            }
            gradV.slice(0, b0, b1).copy_(product(used.transpose(2, 3), dOut));
            torch::Tensor gradWeights = product(dOut, v.slice(0, b0, b1).transpose(2, 3));
            if (p > 0.0)
                gradWeights.mul_(keep).mul_(1.0 / (1.0 - p));
            // Softmax backward: dS = P ⊙ (dP − Σ_j dP·P).
            const torch::Tensor rowDot = (gradWeights * weights).sum(-1, /*keepdim=*/true);
            const torch::Tensor gradScores = gradWeights.sub_(rowDot).mul_(weights);
            gradQ.slice(0, b0, b1).copy_(product(gradScores, k.slice(0, b0, b1)));
            gradK.slice(0, b0, b1).copy_(product(gradScores.transpose(2, 3), q.slice(0, b0, b1)));
            if (biasNeedsGrad) {
                if (positionBias.size(0) == 1)
                    gradBias.add_(gradScores.sum(0, /*keepdim=*/true));
                else
                    gradBias.slice(0, b0, b1).copy_(gradScores);
            }
        }
        return {gradQ, gradK, gradV, gradBias, torch::Tensor(), torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

void checkShapes(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                 const torch::Tensor &positionBias, const torch::Tensor &mask)
{
    const bool ok = q.dim() == 4 && k.dim() == 4 && v.dim() == 4 && k.sizes() == v.sizes() && q.size(0) == k.size(0)
                    && q.size(1) == k.size(1) && q.size(3) == k.size(3);
    if (!ok)
        throw Error("recomputed attention: expected q [B, H, Tq, D] and k, v [B, H, Tk, D], got q "
                    + c10::str(q.sizes()) + ", k " + c10::str(k.sizes()) + ", v " + c10::str(v.sizes()));
    for (const torch::Tensor *bias : {&positionBias, &mask}) {
        if (!bias->defined())
            continue;
        if (bias->dim() != 4 || (bias->size(0) != 1 && bias->size(0) != q.size(0)))
            throw Error("recomputed attention: a bias must be 4-D with a first dimension of 1 or the batch "
                        + std::to_string(q.size(0)) + ", got " + c10::str(bias->sizes()));
    }
    if (mask.defined() && mask.requires_grad())
        throw Error("recomputed attention: the mask must not require a gradient");
}

} // namespace

torch::Tensor recomputedAttention(const torch::Tensor &q, const torch::Tensor &k, const torch::Tensor &v,
                                  const torch::Tensor &positionBias, const torch::Tensor &mask, double p,
                                  bool training, int64_t chunkBytes)
{
    checkShapes(q, k, v, positionBias, mask);
    const double dropout = training ? p : 0.0;
    int64_t seed = 0;
    if (dropout > 0.0)
        seed = torch::randint(std::numeric_limits<int32_t>::max(), {1}, torch::kLong).item<int64_t>();
    // Custom functions take defined tensors only: an absent bias travels as an empty one.
    const auto orEmpty = [&q](const torch::Tensor &tensor) {
        return tensor.defined() ? tensor : torch::empty({0}, q.options());
    };
    return RecomputedAttentionFunction::apply(q, k, v, orEmpty(positionBias), orEmpty(mask), dropout, seed,
                                              chunkBytes);
}

} // namespace ladder
