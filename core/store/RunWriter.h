// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/RunRecords.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace ladder {

/// How often a RunWriter commits.
struct RunWriterOptions
{
    /// Commit when this many records are buffered…
    std::size_t batchRecords = 4096;
    /// …or when the oldest buffered record is this old (checked when a record is added).
    std::chrono::milliseconds batchInterval { 500 };
    /// Caps the database at this many pages (PRAGMA max_page_count; 0: no cap). A quota; tests
    /// use it to produce a "disk full" without filling a disk.
    std::int64_t maxPageCount = 0;
};

/// The training thread's side of the store: buffers curve points and commits them in batched
/// transactions on its own connection, so a training step never waits for a disk sync and the
/// GUI reads in parallel.
///
/// Constructing a writer claims the run for this process and marks it running (a run a live
/// process already owns is refused). finish() commits and records how the run ended. A writer
/// destroyed without finish() commits what it holds and marks the run interrupted, so a run
/// abandoned by an exception is resumable. A writer belongs to one thread; a record's wallTime
/// 0 means "now".
///
/// Failures (disk full, read-only file, lock timeout) throw ladder::Error from add…(), flush()
/// or finish(); the failed transaction is rolled back, everything committed before stays, and
/// the unsaved records stay buffered so flush() can be retried.
///
/// Typical use in `ladder train` (and the GUI's training worker):
/// @code
///   RunStore store(resolveDatabasePath(dbOption));            // store/DataLocation.h
///   RunRecord run;                                            // name, method, backbone, task, seed
///   run.configJson = config.toJson();                         // the full configuration
///   run.host = currentHostFacts();
///   run.host.libtorchVersion = libtorchVersion();             // runtime/BuildInfo.h
///   const RunId id = store.createRun(run);                    // or: store.prepareResume(id)
///   store.setParameterCounts(id, trainable, total);
///   RunWriter writer(store.path(), id);                       // on the training thread
///   for (step…) {
///       writer.addMetric("loss", step, loss);
///       writer.addMetric(kThroughputSeries, step, examplesPerSecond);
///       writer.addMemory({"tensor_peak", step, 0, snapshot.peakBytes});
///   }
///   writer.addCheckpoint({step, 0, checkpointPath});          // commits at once
///   writer.finish(RunStatus::Finished);                       // or Stopped / Failed
/// @endcode
class RunWriter
{
public:
    RunWriter(const std::string &databasePath, RunId run, RunWriterOptions options = {});
    /// Commits what is buffered (errors are swallowed: a destructor cannot report them) and,
    /// without a finish() call, marks the run interrupted.
    ~RunWriter();
    RunWriter(const RunWriter &) = delete;
    RunWriter &operator=(const RunWriter &) = delete;

    RunId runId() const;

    /// Buffers a metric point; wallTime 0 means now.
    void addMetric(const std::string &name, std::int64_t step, double value, double wallTime = 0);
    void addMetric(const MetricPoint &point);
    void addMemory(const MemorySample &sample);
    void addEvaluation(const EvaluationRecord &evaluation);
    void addGate(const GateValue &gate);
    /// Records a checkpoint and commits everything buffered with it, so the database never
    /// names a checkpoint whose preceding points are lost.
    void addCheckpoint(const CheckpointRecord &checkpoint);

    /// Commits everything buffered now.
    void flush();
    /// Commits, then records the final status (finished, stopped or failed; paused/running
    /// for a pause and its resume) with its time. After a final status the writer accepts no
    /// more records.
    /// `message` says why it ended so (a failure's error), shown by `ladder show`.
    void finish(RunStatus status, const std::string &message = {});
    /// Marks the run paused or running again (commits first).
    void setPaused(bool paused);

    /// Records committed by this writer so far.
    std::size_t committedRecords() const;
    /// Records buffered, not yet committed.
    std::size_t pendingRecords() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/// Seconds since the Unix epoch, with sub-millisecond resolution.
double nowSeconds();

} // namespace ladder
