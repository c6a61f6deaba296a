// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/T5Block.h"
#include "model/T5Model.h"
#include "model/T5Stack.h"

#include <torch/torch.h>

#include <cstdint>

namespace ladder {

/// HF v4.36 `T5PreTrainedModel._init_weights` on one block, in HF's visiting order (it applies
/// the init post-order, so within a block: q, k, v, o, relative_attention_bias of each
/// attention, then wi / wi_0, wi_1, wo; norms are set to `factor`). With f = initializer_factor:
/// q ~ N(0, f·(d_model·d_kv)^-½), k, v ~ N(0, f·d_model^-½), o ~ N(0, f·(H·d_kv)^-½),
/// relative_attention_bias ~ N(0, f·d_model^-½), wi* ~ N(0, f·d_model^-½), wo ~ N(0, f·d_ff^-½).
/// Reusable for side networks built from a reduced config.
void initializeT5Block(T5BlockImpl &block, const T5Config &config);

/// `_init_weights` over a stack: its blocks in order, then final_layer_norm (HF runs this in
/// T5Stack's own post_init, right after building it).
void initializeT5Stack(T5StackImpl &stack, const T5Config &config);

/// What the model's own post_init adds: shared ~ N(0, f) and, when untied, lm_head ~ N(0, f).
void initializeT5Embeddings(T5ForConditionalGenerationImpl &model);

/// Re-draws every weight with HF's distributions: encoder, decoder, then the embeddings.
void initializeT5Weights(T5ForConditionalGenerationImpl &model);

/// torch::manual_seed(seed), then build: the same weights HF's
/// `torch.manual_seed(seed); T5ForConditionalGeneration(config)` produces (same LibTorch
/// generator, same draw order; checked bit-exact against the golden checkpoints).
T5ForConditionalGeneration createRandomT5(const T5Config &config, uint64_t seed);

} // namespace ladder
