// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI).
#pragma once

#include "train/RunConfig.h"

#include <cstdint>
#include <functional>
#include <string>

namespace ladder {

/// The longest source and target of a run's training split in tokens, tokenised and truncated
/// exactly as the trainer does (eos included): batches are padded to their longest example, so
/// these are the padded lengths of the largest batch, which sets the activation peak.
struct TrainingLengths
{
    int64_t examples = 0;
    int64_t longestSource = 0;
    int64_t longestTarget = 0;
    int64_t truncatedSources = 0; ///< sources cut to train.max_source_length
};

/// Loads the task and its vocabulary as Trainer::run would (a preset may train and cache one;
/// `log` hears about it) and measures the training split. Throws ladder::Error as the run would
/// for bad data.
TrainingLengths measureTrainingLengths(const RunConfig &config, const std::function<void(const std::string &)> &log = {});

} // namespace ladder
