// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Block.h"
#include "model/T5Config.h"
#include "model/T5LayerNorm.h"

#include <torch/torch.h>

#include <vector>

namespace ladder {

/// What a stack computed. `blockOutputs` (filled when asked) is what Ladder Side-Tuning reads.
struct T5StackOutput
{
    torch::Tensor lastHiddenState;           ///< final_layer_norm(last block) (+ dropout)
    torch::Tensor embeddings;                ///< block 0's input: the embeddings after dropout
    std::vector<torch::Tensor> blockOutputs; ///< output of every block, before any final norm

    /// HF's `hidden_states` tuple: embeddings, outputs of blocks 0..L−2, lastHiddenState.
    /// Needs the forward to have collected block outputs.
    std::vector<torch::Tensor> hiddenStates() const;
};

/// Decoding state of a decoder stack: one cache per block and the positions seen so far.
struct T5DecoderCache
{
    std::vector<T5BlockCache> blocks;
    int64_t length = 0;
};

/// HF `T5Stack` without the embedding lookup (the model owns `shared`, and prompt tuning
/// prepends to the embeddings): blocks, then `final_layer_norm`. The relative-position bias is
/// computed once from block 0 and shared by every block.
class T5StackImpl : public torch::nn::Module
{
public:
    /// `config.numLayers` (encoder) or `config.numDecoderLayers` (decoder) blocks.
    T5StackImpl(const T5Config &config, bool isDecoder);

    /// `inputsEmbeds` [B, T, d_model]; `attentionMask` [B, T] (or, decoding with a cache,
    /// [B, past + T]) may be undefined (= all ones). Decoder stacks need `encoderHidden` and
    /// take the encoder's `encoderAttentionMask`. With `cache` (decoder), keys/values of earlier
    /// steps are reused and this call's are appended.
    T5StackOutput forward(const torch::Tensor &inputsEmbeds, const torch::Tensor &attentionMask = {},
                          const torch::Tensor &encoderHidden = {},
                          const torch::Tensor &encoderAttentionMask = {},
                          bool collectBlockOutputs = false, T5DecoderCache *cache = nullptr);

    /// Relative-position bias plus this stack's self-attention mask: [B or 1, H, Tq, Tk].
    torch::Tensor selfAttentionBias(int64_t queryLength, int64_t pastLength,
                                    const torch::Tensor &attentionMask, torch::Dtype dtype) const;

    bool isDecoder() const { return m_isDecoder; }
    const std::vector<T5Block> &blocks() const { return m_blocks; }

    T5LayerNorm final_layer_norm{nullptr};

private:
    torch::nn::ModuleList m_blockList; ///< registered as "block", the HF key path
    std::vector<T5Block> m_blocks;
    bool m_isDecoder;
    double m_dropout;
};
TORCH_MODULE(T5Stack);

} // namespace ladder
