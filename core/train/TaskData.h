// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI and the GUI).
#pragma once

#include "data/Metrics.h"
#include "data/PaperSplits.h"
#include "data/TextToText.h"
#include "train/RunConfig.h"

#include <optional>
#include <string>
#include <vector>

namespace ladder {

/// A run's task: its three splits and how they are written as text.
struct LoadedTask
{
    std::string name;                ///< "glue/sst2", "demo/polarity", "file/<train file>"
    TextToTextFormat format;
    TaskSplits splits;
    std::optional<GlueTask> glue;    ///< set for GLUE tasks (their metrics differ)
    TargetStyle style = TargetStyle::LabelWords;
    bool addPrefix = true;

    bool regression() const { return format.regression; }
    /// What rank classification scores, in label-id order (empty for regression).
    std::vector<std::string> choices() const { return targetChoices(format, style); }
    /// Source and target text of an example exactly as the model sees them.
    TextToTextPair formatPair(const Example &example) const;
    /// The task's metrics on decoded predictions and target texts.
    TaskEvaluation evaluate(const std::vector<std::string> &predictions, const std::vector<std::string> &targets) const;
};

/// Reads (or builds, for demo tasks) the task a configuration names: GLUE with the paper's
/// splits (shuffles seeded 42, as the paper's code), a generic file task, or a demo task
/// (seeded with train.seed). Throws ladder::Error naming the file and line for bad input.
LoadedTask loadTask(const RunConfig &config);

/// One split by name: "train", "validation" or "test" (ladder::Error otherwise).
const Dataset &taskSplit(const LoadedTask &task, const std::string &split);

/// Examples per label word (or "(regression)" / "(unlabelled)"), sorted by label.
std::vector<std::pair<std::string, int64_t>> labelCounts(const Dataset &dataset);

} // namespace ladder
