// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI and the GUI).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ladder {

/// The shape of a T5 model, key for key HuggingFace's `T5Config` (transformers v4.36), so a
/// `config.json` written by `save_pretrained` reads in and writes back unchanged.
struct T5Config
{
    int64_t vocabSize = 32128;                 ///< vocab_size
    int64_t dModel = 512;                      ///< d_model
    int64_t dKv = 64;                          ///< d_kv: width of one attention head
    int64_t dFf = 2048;                        ///< d_ff
    int64_t numLayers = 6;                     ///< num_layers (encoder)
    int64_t numDecoderLayers = 6;              ///< num_decoder_layers (null/absent in JSON → num_layers)
    int64_t numHeads = 8;                      ///< num_heads
    int64_t relativeAttentionNumBuckets = 32;  ///< relative_attention_num_buckets
    int64_t relativeAttentionMaxDistance = 128; ///< relative_attention_max_distance
    double dropoutRate = 0.1;                  ///< dropout_rate
    double layerNormEpsilon = 1e-6;            ///< layer_norm_epsilon
    double initializerFactor = 1.0;            ///< initializer_factor
    double classifierDropout = 0.0;            ///< classifier_dropout (kept for round trips)
    std::string feedForwardProj = "relu";      ///< feed_forward_proj: "relu", "gated-gelu", "gelu", "gated-relu", …
    std::string denseActFn = "relu";           ///< dense_act_fn, derived from feed_forward_proj as HF does
    bool isGatedAct = false;                   ///< is_gated_act, derived from feed_forward_proj
    bool tieWordEmbeddings = true;             ///< tie_word_embeddings
    bool useCache = true;                      ///< use_cache
    int64_t padTokenId = 0;                    ///< pad_token_id
    int64_t eosTokenId = 1;                    ///< eos_token_id
    int64_t decoderStartTokenId = 0;           ///< decoder_start_token_id (absent → pad_token_id)

    /// Keys this struct does not model (architectures, task_specific_params, …), as JSON text,
    /// so toJson() writes them back.
    std::map<std::string, std::string> extraJson;

    /// Inner width of an attention block: num_heads · d_kv.
    int64_t innerDim() const { return numHeads * dKv; }

    /// Reads a HuggingFace `config.json`. Throws ladder::Error naming the file and key on a
    /// wrong JSON type, an impossible value, or a `model_type` other than "t5".
    static T5Config fromJsonFile(const std::string &path);
    /// Same, from text; `sourceName` names the origin in error messages.
    static T5Config fromJsonText(const std::string &text, const std::string &sourceName);

    /// A HuggingFace-compatible config.json (model_type "t5", architectures, every key above).
    std::string toJson() const;

    /// Sets feed_forward_proj and derives dense_act_fn / is_gated_act exactly as HF does
    /// ("gated-gelu" → gated, gelu_new). Throws ladder::Error on a malformed value.
    void setFeedForwardProj(const std::string &value);

    /// Throws ladder::Error (prefixed with `sourceName`) when a value is impossible.
    void validate(const std::string &sourceName) const;

    /// The published T5 shapes (t5-small … t5-3b, t5-v1_1-small/-base/-large) and the teaching
    /// presets t5-tiny and t5-mini. Unknown name → ladder::Error listing the names.
    static T5Config preset(const std::string &name);
    static std::vector<std::string> presetNames();

    /// Compares every modelled key; extraJson is informational and not compared.
    bool operator==(const T5Config &other) const;
    bool operator!=(const T5Config &other) const { return !(*this == other); }
};

} // namespace ladder
