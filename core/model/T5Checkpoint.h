// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/StateDict.h"
#include "model/T5Model.h"

#include <string>

namespace ladder {

/// A model read from a HuggingFace folder, with the configuration it was built from.
struct LoadedT5
{
    T5Config config;
    T5ForConditionalGeneration model{nullptr};
};

/// The T5-specific loading rules: `shared.weight` may be stored as `encoder.embed_tokens.weight`
/// or `decoder.embed_tokens.weight` (and as `lm_head.weight` when tied); the cross-attention
/// relative bias old checkpoints carry (`decoder.block.0.layer.1.EncDecAttention.
/// relative_attention_bias.weight`, unused by HF) is ignored.
StateDictLoadOptions t5LoadOptions(const T5Config &config);

/// Reads `dir`/config.json and the weights (model.safetensors or a sharded index); every
/// parameter must be present with the shape the config implies (ladder::Error otherwise).
LoadedT5 loadT5(const std::string &dir);

/// Writes `dir`/config.json, generation_config.json and model.safetensors as HF's
/// save_pretrained does: HF key names, tied aliases not saved, metadata {"format":"pt"}.
/// Creates `dir` when missing.
void saveT5(T5ForConditionalGenerationImpl &model, const T5Config &config, const std::string &dir);

} // namespace ladder
