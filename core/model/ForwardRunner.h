// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI and the GUI).
#pragma once

#include <cstdint>
#include <string>

namespace ladder {

/// One `ladder forward` run: a model, a safetensors file of inputs, a file for the outputs.
struct ForwardRequest
{
    std::string modelDir;      ///< HuggingFace folder; when empty, `preset` is used
    std::string preset;        ///< e.g. "t5-tiny", randomly initialised from `seed`
    uint64_t seed = 0;
    std::string inputsPath;    ///< safetensors with I64 input_ids and optionally attention_mask,
                               ///< decoder_input_ids, labels
    std::string outputPath;    ///< safetensors to write
    int maxNewTokens = 0;      ///< > 0: also greedy-decode that many tokens
};

/// Runs the model in eval mode without autograd and writes `encoder_last_hidden_state`,
/// `encoder_hidden_states` [L+1, B, T, d], `decoder_last_hidden_state`, `decoder_hidden_states`,
/// `logits` (when decoder inputs or labels are given), `loss` (with labels) and
/// `generated_ids` (with maxNewTokens > 0). Bad inputs (wrong dtype or rank, ids outside the
/// vocabulary, mismatched shapes) throw ladder::Error naming the inputs file and the tensor.
void runForward(const ForwardRequest &request);

} // namespace ladder
