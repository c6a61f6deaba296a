// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include. The comparison of stored runs that `ladder compare`
// prints and the workbench's compare view shows: one core function builds it, so the two can
// never disagree (the GUI formats these numbers, it never recomputes them).
#pragma once

#include "store/RunRecords.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ladder {

class RunStore;

struct CompareOptions
{
    /// Whether queued, running and paused runs may be compared (the GUI's live compare view:
    /// true; `ladder compare`: false, an unfinished run is an error).
    bool includeUnfinished = false;
};

/// The memory categories the trainer records that add up to a step's peak
/// ("frozen_weights", "trainable_weights", "gradients", "optimizer_state", "activations"),
/// bottom to top as a stacked bar draws them.
const std::vector<std::string> &peakMemoryCategories();

/// Which evaluation a score comes from.
enum class ScoreSource {
    Test, ///< the run's last "test"/"score" evaluation
    Validation, ///< the run's best "validation"/"score" (the run has no test score)
    Mixed, ///< a table cell averaging runs of both kinds
};

/// "test", "validation", "mixed".
std::string scoreSourceName(ScoreSource source);

/// One run, with the figures a comparison shows. Optional fields are absent when the run did
/// not record them (yet): no memory measured, no evaluation, no parameter counts.
struct ComparedRun
{
    RunRecord run;
    std::string label; ///< methodLabel(): "lst r=8"
    std::string backbone; ///< backboneLabel(), or run.backbone when the configuration has none
    std::string task; ///< taskLabel(), or run.task when the configuration has none
    std::optional<double> trainablePercent; ///< 100 * trainable / total parameters
    std::optional<std::int64_t> peakBytes; ///< the highest "tensor_peak" memory sample
    std::int64_t peakStep = 0; ///< the step of that sample
    /// Each of peakMemoryCategories() AT peakStep: they sum to peakBytes. (Not each category's
    /// own maximum, which would not add up.) Empty when peakBytes is absent.
    std::map<std::string, std::int64_t> memoryAtPeak;
    std::optional<double> bestValidationScore; ///< best "validation"/"score"
    std::int64_t bestValidationStep = 0;
    std::optional<double> testScore; ///< last "test"/"score"
    std::optional<double> samplesPerSecond; ///< mean of the throughput series
    std::int64_t steps = 0; ///< highest step recorded
    double durationSeconds = 0; ///< start to finish (to now while live); 0 if not started

    /// The score a table shows for the run: testScore, else bestValidationScore.
    std::optional<double> score() const;
    /// Where score() comes from (Test or Validation); meaningful only when score() has a value.
    ScoreSource scoreSource() const;
};

/// One table cell: a row's score on one task, the mean over the row's runs of that task.
struct TaskScore
{
    double value = 0;
    ScoreSource source = ScoreSource::Test;
    std::vector<RunId> runs; ///< the runs averaged (more than one when seeds were repeated)
};

/// One row of the paper-style table: every compared run with the same method label and
/// backbone.
struct ComparisonRow
{
    std::string method; ///< the method label, "lora r=32"
    std::string methodKind; ///< RunRecord::method, "lora" (for ordering and colours)
    std::string backbone;
    std::vector<RunId> runs; ///< in the comparison's run order
    std::optional<double> trainablePercent; ///< mean over the row's runs that know it
    std::optional<std::int64_t> peakBytes; ///< highest peak over the row's runs
    std::map<std::string, TaskScore> scores; ///< by task (RunComparison::tasks); absent: no score
    /// Mean of scores over RunComparison::tasks; absent unless the row has a score on every task
    /// (a mean over fewer tasks would not compare with the other rows).
    std::optional<double> meanScore;
    std::optional<double> samplesPerSecond; ///< mean over the row's runs that know it
};

/// A configuration key path whose values differ between the compared runs.
struct ConfigDifference
{
    std::string path; ///< JSON pointer, "/method/kind"
    std::vector<std::optional<std::string>> values; ///< compact JSON, one per run (run order); absent: no such key
};

struct RunComparison
{
    std::vector<ComparedRun> runs; ///< in the order asked for
    std::vector<std::string> tasks; ///< the table's task columns, in order of first appearance
    /// Sorted as the paper does: full, bitfit, adapter, lora, prompt, lst (other methods after
    /// them), then by the knob's number, then label and backbone.
    std::vector<ComparisonRow> rows;
    std::vector<ConfigDifference> differences; ///< in path order
};

/// One run's figures, whatever its status. Throws ladder::Error if `id` is not in the store.
ComparedRun compareRun(const RunStore &store, RunId id);

/// Compares stored runs. Throws ladder::Error (one line) for an empty list, an id the store does
/// not have ("run 42 is not in runs.db"), or a queued/running/paused run unless
/// options.includeUnfinished.
RunComparison compareRuns(const RunStore &store, const std::vector<RunId> &ids, const CompareOptions &options = {});

/// Everything above as JSON (every number, nothing rounded): {"runs", "tasks", "rows",
/// "differences"}.
std::string comparisonJson(const RunComparison &comparison);
/// The paper table as CSV: method, backbone, trainable_percent, peak_memory_bytes, then per
/// task its score and score source, mean_score, samples_per_second, runs.
std::string comparisonCsv(const RunComparison &comparison);
/// The paper table as a Markdown table, validation-only scores marked and footnoted.
std::string comparisonMarkdown(const RunComparison &comparison);
/// The runs, the paper table and the configuration differences as aligned plain text.
std::string comparisonText(const RunComparison &comparison);

} // namespace ladder
