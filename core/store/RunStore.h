// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/ConfigDiff.h"
#include "store/RunRecords.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ladder {

namespace sqlite {
class Database;
}

/// The schema version this build writes and the newest it can read (PRAGMA user_version).
int runStoreSchemaVersion();

/// Where a resumed run continues: its last checkpoint, if it wrote one.
struct ResumePoint
{
    RunRecord run;
    std::optional<CheckpointRecord> checkpoint; ///< none: start again from step 0
};

/// The experiment store: every run, its configuration and its curves in one SQLite file.
///
/// Opening creates the file (and its folder) if needed, applies schema migrations, and marks
/// every run still `running`/`paused` whose owning process is gone as `interrupted`.
/// One RunStore is one connection: use it from one thread at a time. The GUI keeps its own
/// RunStore for queries; the training thread writes through a RunWriter (store/RunWriter.h),
/// which has its own connection. The database runs in WAL mode, so readers never wait for the
/// writer. A database locked by another process is retried for a few seconds, then reported.
///
/// Every method throws ladder::Error on failure, naming the database file.
class RunStore
{
public:
    /// Opens (or creates) the database at `path`. Refuses a file written by a newer schema or
    /// a SQLite file of another application.
    explicit RunStore(const std::string &path);
    ~RunStore();
    RunStore(RunStore &&) noexcept;
    RunStore &operator=(RunStore &&) noexcept;

    const std::string &path() const;
    /// The runs this open found orphaned and marked `interrupted`.
    const std::vector<RunId> &recoveredRuns() const;

    // --- runs -----------------------------------------------------------------------------
    /// Inserts a run and returns its id. `id` and `configHash` are ignored (the store sets them);
    /// createdAt 0 means now; configJson must be valid JSON. A run created as running/paused
    /// is owned by this process.
    RunId createRun(const RunRecord &run);
    std::optional<RunRecord> findRun(RunId id) const;
    /// Like findRun(), but a missing run is an error.
    RunRecord run(RunId id) const;
    /// Runs matching the filter, by id ascending.
    std::vector<RunRecord> listRuns(const RunFilter &filter = {}) const;
    /// Sets the status; running/paused claim the run for this process, finished/stopped/failed/
    /// interrupted set finishedAt, running sets startedAt if unset.
    void setStatus(RunId id, RunStatus status);
    /// Renames a run, whatever its status. Only the run list's name changes: the stored
    /// configuration (and its hash) keeps the name the run was configured with.
    void setName(RunId id, const std::string &name);
    void setNotes(RunId id, const std::string &notes);
    void setParameterCounts(RunId id, std::int64_t trainable, std::int64_t total);
    /// The device the run's tensors live on (HostFacts::device), once training has chosen it.
    void setDevice(RunId id, const std::string &device);
    void addTag(RunId id, const std::string &tag);
    void removeTag(RunId id, const std::string &tag);
    /// Deletes a run and all its data. A run a live process is writing is refused.
    void removeRun(RunId id);

    // --- curves and records ---------------------------------------------------------------
    std::vector<std::string> seriesNames(RunId id) const;
    /// A series' points with firstStep <= step <= lastStep, in step order.
    std::vector<SeriesPoint> series(
        RunId id, const std::string &name, std::int64_t firstStep = INT64_MIN, std::int64_t lastStep = INT64_MAX) const;
    /// A series reduced to at most maxPoints for plotting, keeping each bucket's minimum and
    /// maximum and the first and last points (store/Downsample.h).
    std::vector<SeriesPoint> downsampledSeries(RunId id, const std::string &name, std::size_t maxPoints) const;
    std::size_t seriesPointCount(RunId id, const std::string &name) const;
    /// Memory samples, all categories or one, by category then step.
    std::vector<MemorySample> memorySamples(RunId id, const std::string &category = {}) const;
    std::vector<EvaluationRecord> evaluations(RunId id) const;
    std::vector<GateValue> gateValues(RunId id) const;
    std::vector<CheckpointRecord> checkpoints(RunId id) const;
    std::optional<CheckpointRecord> lastCheckpoint(RunId id) const;

    // --- summaries and comparison ---------------------------------------------------------
    RunSummary summary(RunId id) const;
    std::vector<RunSummary> summaries(const RunFilter &filter = {}) const;
    /// The configuration difference between two runs, key path by key path.
    std::vector<ConfigChange> configDifference(RunId before, RunId after) const;

    // --- resume, export, import -----------------------------------------------------------
    /// Prepares an interrupted (or stopped, failed, orphaned paused) run to continue from its
    /// last checkpoint: drops the curve points after the checkpoint's step (they will be
    /// recomputed) and returns where to restart. The caller then opens a RunWriter on the same
    /// id, which marks it running again. Refuses finished runs and runs a live process (this one
    /// included) still owns.
    ResumePoint prepareResume(RunId id);
    /// The run with all its data (for export).
    RunData loadRun(RunId id) const;
    /// Inserts a run with all its data under a new id, in one transaction. Runs exported while
    /// running/paused come in as interrupted.
    RunId importRun(const RunData &data);

    /// SQLite's PRAGMA data_version for this connection: it changes whenever ANOTHER connection
    /// (another RunStore or RunWriter, in this process or another) commits to the file, and stays
    /// the same after this connection's own writes. A cheap poll (no table is read) for views that
    /// follow the file, e.g. runs a `ladder train` in another process adds.
    std::int64_t dataVersion() const;

    /// The connection, for the store's own code (RunExport, tests of the schema).
    sqlite::Database &database() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ladder
