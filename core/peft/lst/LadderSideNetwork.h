// SPDX-License-Identifier: GPL-3.0-or-later
// Internal header: includes LibTorch, so never include it from app/ or widgets/.
#pragma once

#include "model/T5Block.h"
#include "model/T5LayerNorm.h"
#include "model/T5Model.h"
#include "model/T5Stack.h"
#include "peft/MethodConfig.h"

#include <torch/torch.h>

#include <vector>

namespace ladder {

/// One stack's side network (LST-SPEC.md §1.2–1.4): `side_first_downsample` of the backbone's
/// embeddings starts the side state; before each kept side block i the state is fused with the
/// backbone's block-i output through the ladder `side_downsamples.i` and the gate
/// μ_i = sigmoid(α_i / T); dropped layers leave the state unchanged; the result goes through
/// `final_side_layer_norm` and dropout. Parameter names are the official code's
/// (`side_block.1.layer.0.SelfAttention.q.weight`, `side_downsamples.1.weight`,
/// `side_gate_params`, ...), so a trained side network saves under familiar keys.
class LadderSideStackImpl : public torch::nn::Module
{
public:
    /// `backbone` is the backbone's config (the side config is derived with lstSideConfig);
    /// `keptLayers` ascending, each < the stack's depth. Weights get torch.nn's default draws:
    /// the caller initialises them (random or pruned).
    LadderSideStackImpl(const T5Config &backbone, const LstOptions &options, bool isDecoder,
                        std::vector<int64_t> keptLayers);

    /// `embeddings` and `blockOutputs` (one per backbone layer) come from the backbone stack run
    /// on the same tokens; `attentionMask` is that stack's own mask. The side decoder needs the
    /// side encoder's output and the encoder's mask. With `cache` (decoder, greedy decoding)
    /// keys/values of earlier positions are reused and this call's appended.
    torch::Tensor forward(const torch::Tensor &embeddings, const std::vector<torch::Tensor> &blockOutputs,
                          const torch::Tensor &attentionMask, const torch::Tensor &sideEncoderHidden = {},
                          const torch::Tensor &encoderAttentionMask = {}, T5DecoderCache *cache = nullptr);

    /// μ_i = sigmoid(α_i / T) of backbone layer i (a 0-dim tensor, differentiable when learnable).
    torch::Tensor gate(int64_t layer) const;

    const std::vector<int64_t> &keptLayers() const { return m_kept; }
    bool isKept(int64_t layer) const;
    bool isDecoder() const { return m_isDecoder; }
    /// Side block / ladder of a kept layer; throws ladder::Error for a dropped one.
    T5Block sideBlock(int64_t layer) const;
    torch::nn::Linear downsample(int64_t layer) const;

    torch::nn::Linear side_first_downsample{nullptr};
    T5LayerNorm final_side_layer_norm{nullptr};
    torch::Tensor side_gate_params; ///< α per backbone layer: a parameter, or a buffer in the fixed mode

private:
    size_t slot(int64_t layer) const;
    torch::Tensor positionBias(int64_t queryLength, int64_t pastLength, const torch::Tensor &attentionMask,
                               torch::Dtype dtype) const;

    std::vector<int64_t> m_kept;
    std::vector<T5Block> m_blocks;                 ///< aligned with m_kept
    std::vector<torch::nn::Linear> m_downsamples; ///< aligned with m_kept
    bool m_isDecoder;
    SideAttention m_attention;
    double m_temperature;
    double m_dropout;
};
TORCH_MODULE(LadderSideStack);

/// The backbone with its side network: the module tree a Ladder Side-Tuning run trains.
/// Children: `backbone` (frozen), `encoder` and `decoder` (side stacks), `side_final_upsample`.
class LadderSideNetworkImpl : public torch::nn::Module
{
public:
    /// Freezes `backbone` and builds the side network with torch.nn's default draws (see
    /// initializeSideRandom / initializeSideByPruning). Throws ladder::Error for options that do
    /// not fit the backbone.
    LadderSideNetworkImpl(T5ForConditionalGeneration backbone, const LstOptions &options);

    /// Backbone under NoGradGuard (collecting block outputs), side network with autograd, side
    /// logits through the frozen LM head; loss with labels. The stack outputs are the backbone's
    /// (block outputs only when `outputHiddenStates`).
    T5Output forward(const T5Inputs &inputs);

    /// Greedy decoding through the side network, with key/value caches for both the backbone
    /// decoder and the side decoder (as T5ForConditionalGeneration::generate).
    torch::Tensor generate(const torch::Tensor &inputIds, const torch::Tensor &attentionMask, int64_t maxNewTokens);

    /// Side decoder output [.., d/r] → up-projection → (× d_model^-½ when tied) → frozen LM head.
    /// With a bf16 backbone the head's product runs in fp32 on a widened copy of its bf16 weight
    /// that is dropped after the product (frozenLowPrecisionLinear): logits and their gradient
    /// keep fp32 precision, and only the bf16 weight is kept.
    torch::Tensor sideLogits(const torch::Tensor &sideDecoderOutput);

    const LstOptions &options() const { return m_options; }
    const T5Config &sideConfig() const { return m_sideConfig; }

    T5ForConditionalGeneration backbone{nullptr};
    LadderSideStack encoder{nullptr};
    LadderSideStack decoder{nullptr};
    torch::nn::Linear side_final_upsample{nullptr};

private:
    LstOptions m_options;
    T5Config m_sideConfig;
};
TORCH_MODULE(LadderSideNetwork);

/// The random initialisation (LST-SPEC §1.2): side blocks with HF's T5 init on the side config
/// (initializeT5Block), side norms 1, ladders and up-projection N(0, 0.01²) with zero bias, gate
/// α = options.gateAlpha, relative-bias tables copied from the backbone's block 0. Draws from
/// LibTorch's global generator.
void initializeSideRandom(LadderSideNetworkImpl &network);

/// Copies each stack's backbone block-0 relative-bias table into the side stack's first kept
/// block (the official initialiser does this: the table has the backbone's shape).
void copyRelativeBias(LadderSideNetworkImpl &network);

} // namespace ladder
