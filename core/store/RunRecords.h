// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The rows of the experiment store as plain structs: what the trainer writes, what the GUI and
// the CLI read. Public: no SQLite, LibTorch or Qt header here.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ladder {

/// A run's id in its database. Ids are not portable between databases: import assigns new ones.
using RunId = std::int64_t;

/// Where a run stands. Stored as the lower-case names below.
enum class RunStatus {
    Queued, ///< created, not started
    Running, ///< a live writer owns it
    Paused, ///< a live writer owns it and waits
    Finished, ///< reached its last step
    Stopped, ///< the user stopped it
    Failed, ///< training raised an error
    Interrupted, ///< its process died (crash, SIGKILL, power loss) while it ran; resumable
};

/// "queued", "running", "paused", "finished", "stopped", "failed", "interrupted".
std::string runStatusName(RunStatus status);
/// The inverse of runStatusName(); throws ladder::Error naming the valid names.
RunStatus runStatusFromName(const std::string &name);
/// Every status, in declaration order (for filters and menus).
const std::vector<RunStatus> &allRunStatuses();

/// The machine a run ran on. The store fills host name, CPU and threads itself
/// (currentHostFacts()); LibTorch and app versions come from the caller (runtime/BuildInfo.h),
/// because the store does not link LibTorch.
struct HostFacts
{
    std::string hostName;
    std::string cpu;
    int threads = 0;
    std::string libtorchVersion;
    std::string appVersion;
    /// The device the run's tensors lived on, "cpu" or "cuda:N": its tensor memory curves
    /// ("tensor_peak", the categories) are that device's allocator's; "rss" is this host's.
    std::string device = "cpu";
};

/// Host name, CPU model (from /proc/cpuinfo) and hardware threads of this machine, plus
/// appVersion = this build's version; libtorchVersion stays empty for the caller to fill, and
/// device "cpu" until the caller says otherwise.
HostFacts currentHostFacts();

/// One run and everything known about it except its curves. Times are seconds since the Unix
/// epoch (UTC); 0 for started/finished means "not yet".
struct RunRecord
{
    RunId id = 0; ///< set by the store
    std::string name;
    RunStatus status = RunStatus::Queued;
    /// Why it ended so: a failed run's error ("task.dir: … does not exist"); empty otherwise.
    std::string statusMessage;
    double createdAt = 0; ///< 0 on createRun(): the store uses "now"
    double startedAt = 0;
    double finishedAt = 0;
    std::string method; ///< e.g. "lst", "lora", "full"
    std::string backbone; ///< e.g. "t5-base" or a model folder
    std::string task; ///< e.g. "glue/sst2"
    std::string configJson = "{}"; ///< the full run configuration, as JSON text
    std::string configHash; ///< SHA-256 of the canonical configJson; set by the store
    std::int64_t seed = 0;
    std::int64_t trainableParameters = 0;
    std::int64_t totalParameters = 0;
    HostFacts host;
    std::string notes;
    std::vector<std::string> tags; ///< sorted, unique
};

/// Which runs listRuns() returns: every set field must match (tags: the run carries the tag).
struct RunFilter
{
    std::optional<std::string> method;
    std::optional<std::string> task;
    std::optional<std::string> backbone;
    std::optional<std::string> tag;
    std::optional<RunStatus> status;
};

/// One point of a named metric series (loss, learning rate, throughput, …).
struct SeriesPoint
{
    std::int64_t step = 0;
    double wallTime = 0; ///< seconds since the Unix epoch
    double value = 0; ///< NaN is kept (a diverged loss is a fact worth plotting)
};

/// A series point as the trainer hands it to the writer.
struct MetricPoint
{
    std::string name;
    std::int64_t step = 0;
    double wallTime = 0;
    double value = 0;
};

/// Bytes of one memory category (e.g. "tensor", "tensor_peak", "rss") at a step. One sample
/// per (category, step): a later sample for the same step replaces the earlier one.
struct MemorySample
{
    std::string category;
    std::int64_t step = 0;
    double wallTime = 0;
    std::int64_t bytes = 0;
};

/// One evaluation result, e.g. split "validation", metric "accuracy".
struct EvaluationRecord
{
    std::string split;
    std::string metric;
    std::int64_t step = 0;
    double wallTime = 0;
    double value = 0;
};

/// An LST ladder gate μ_i = sigmoid(α_i / T) of side layer `layer` at a step.
struct GateValue
{
    int layer = 0;
    std::int64_t step = 0;
    double value = 0;
};

/// A checkpoint written at `step` (the file itself lives outside the database).
struct CheckpointRecord
{
    std::int64_t step = 0;
    double wallTime = 0;
    std::string path;
};

/// A run with all its data: what export writes and import reads.
struct RunData
{
    RunRecord run;
    std::map<std::string, std::vector<SeriesPoint>> series; ///< by series name, step order
    std::vector<MemorySample> memory; ///< by category, then step
    std::vector<EvaluationRecord> evaluations; ///< by split, metric, step
    std::vector<GateValue> gates; ///< by layer, then step
    std::vector<CheckpointRecord> checkpoints; ///< by step
};

/// The best value an evaluation metric reached in a run.
struct BestEvaluation
{
    std::string split;
    std::string metric;
    std::int64_t step = 0;
    double value = 0;
    bool lowerIsBetter = false; ///< see metricLowerIsBetter()
};

/// What the run list and comparison views show per run.
struct RunSummary
{
    RunRecord run;
    std::vector<BestEvaluation> bestEvaluations; ///< one per (split, metric)
    std::map<std::string, std::int64_t> peakMemoryBytes; ///< highest sample per category
    std::optional<double> meanThroughput; ///< mean of the kThroughputSeries series
    std::optional<std::int64_t> lastStep; ///< highest step of any series
};

/// The series name the trainer writes throughput (examples per second) under; summaries
/// average it.
inline constexpr const char *kThroughputSeries = "throughput";
/// The series name the trainer writes each step's example count under (the examples in that
/// optimizer step, all micro-batches); its cumulative sum is "examples seen", a plot's x-axis.
inline constexpr const char *kExamplesSeries = "examples";

/// Whether smaller is better for an evaluation metric: names containing "loss", "perplexity"
/// or "error". Everything else (accuracy, f1, matthews, pearson, …) is larger-is-better.
bool metricLowerIsBetter(const std::string &metric);

// Field-for-field equality. Doubles compare as "the same value": NaN equals NaN, because a
// stored NaN read back is the same record.
bool operator==(const HostFacts &a, const HostFacts &b);
bool operator==(const RunRecord &a, const RunRecord &b);
bool operator==(const SeriesPoint &a, const SeriesPoint &b);
bool operator==(const MemorySample &a, const MemorySample &b);
bool operator==(const EvaluationRecord &a, const EvaluationRecord &b);
bool operator==(const GateValue &a, const GateValue &b);
bool operator==(const CheckpointRecord &a, const CheckpointRecord &b);
bool operator==(const RunData &a, const RunData &b);

} // namespace ladder
