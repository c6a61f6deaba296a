// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (the GUI warns before a run that will not fit).
#pragma once

#include "model/T5Config.h"
#include "peft/ParameterReport.h"
#include "train/RunConfig.h"
#include "train/Trainer.h"

#include <cstdint>
#include <string>

namespace ladder {

/// The predicted peak of a training step, before any tensor exists.
struct MemoryPrediction
{
    MemoryBreakdown memory;     ///< same categories as the trainer measures (rss stays 0)
    ParameterReport parameters; ///< countParameters() of the backbone and method
    int64_t batchSize = 0;
    int64_t sourceLength = 0;   ///< the padded lengths the estimate assumes
    int64_t targetLength = 0;
};

/// Estimates one step's peak tensor memory for `method` on `backbone` at a batch shape:
/// weights from the parameter counts (fp32), gradients as the trainable weights, AdamW state
/// as twice them, and activations from an analytic count of what autograd keeps for the
/// method's backward pass (frozen linear layers keep no input; LST keeps the side network's
/// activations and the ladders' inputs, never the backbone's internals) plus the LM head's
/// logits, their log-softmax and gradient.
MemoryPrediction predictTrainingMemory(const T5Config &backbone, const MethodConfig &method, int64_t batchSize,
    int64_t sourceLength, int64_t targetLength);

/// The backbone a run configuration names: a preset's shape, or the folder's config.json (a
/// path or a shipped backbone's name).
T5Config runBackboneConfig(const RunConfig &config);

/// The same for a run configuration: its backbone, train.batch_size, train.max_source_length,
/// and `targetLength` target tokens (the label words are short: default 4). Every batch padded
/// to max_source_length: an upper bound when the data is shorter (measureTrainingLengths gives
/// the lengths the run will really pad to).
MemoryPrediction predictTrainingMemory(const RunConfig &config, int64_t targetLength = 4);

} // namespace ladder
