// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/RunStore.h"

#include "store/Downsample.h"
#include "store/RunRows.h"
#include "store/RunWriter.h"
#include "store/Schema.h"
#include "store/Sha256.h"
#include "store/SqliteDatabase.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace ladder {

using sqlite::Statement;
using sqlite::Transaction;

namespace {

constexpr const char *kRunColumns
    = "id, name, status, created_at, started_at, finished_at, method, backbone, task, config_json, config_hash, seed, "
      "trainable_parameters, total_parameters, host_name, cpu, threads, libtorch_version, app_version, notes, device, status_message";

double optionalTime(const Statement &row, int column)
{
    return row.isNull(column) ? 0.0 : row.real(column);
}

std::optional<double> timeOrNull(double seconds)
{
    return seconds > 0 ? std::optional<double>(seconds) : std::nullopt;
}

RunRecord readRunRow(const Statement &row)
{
    RunRecord run;
    run.id = row.int64(0);
    run.name = row.text(1);
    run.status = runStatusFromName(row.text(2));
    run.createdAt = row.real(3);
    run.startedAt = optionalTime(row, 4);
    run.finishedAt = optionalTime(row, 5);
    run.method = row.text(6);
    run.backbone = row.text(7);
    run.task = row.text(8);
    run.configJson = row.text(9);
    run.configHash = row.text(10);
    run.seed = row.int64(11);
    run.trainableParameters = row.int64(12);
    run.totalParameters = row.int64(13);
    run.host.hostName = row.text(14);
    run.host.cpu = row.text(15);
    run.host.threads = static_cast<int>(row.int64(16));
    run.host.libtorchVersion = row.text(17);
    run.host.appVersion = row.text(18);
    run.notes = row.text(19);
    run.host.device = row.text(20);
    run.statusMessage = row.text(21);
    return run;
}

std::vector<std::string> readTags(sqlite::Database &db, RunId id)
{
    Statement query(db, "SELECT tag FROM run_tags WHERE run_id = ? ORDER BY tag");
    query.bind(1, id);
    std::vector<std::string> tags;
    while (query.step())
        tags.push_back(query.text(0));
    return tags;
}

/// The hash of a configuration does not depend on its formatting or key order: it is taken
/// over nlohmann's compact dump, whose objects are sorted by key.
std::string configHash(sqlite::Database &db, const std::string &configJson)
{
    try {
        return sha256Hex(nlohmann::json::parse(configJson).dump());
    } catch (const nlohmann::json::exception &e) {
        throw Error::inFile(db.path(), std::string("the run configuration is not valid JSON: ") + e.what());
    }
}

void bindOwner(Statement &statement, int first, const std::optional<ProcessIdentity> &owner)
{
    if (owner) {
        statement.bind(first, owner->pid).bind(first + 1, owner->host).bind(first + 2, owner->startToken);
    } else {
        statement.bindNull(first).bindNull(first + 1).bindNull(first + 2);
    }
}

bool isLive(RunStatus status)
{
    return status == RunStatus::Running || status == RunStatus::Paused;
}

/// Inserts the runs row and its tags; returns the new id.
RunId insertRun(
    sqlite::Database &db, const RunRecord &run, const std::string &hash, const std::optional<ProcessIdentity> &owner)
{
    Statement insert(db,
        "INSERT INTO runs (name, status, created_at, started_at, finished_at, method, backbone, "
        "task, config_json, config_hash, seed, trainable_parameters, total_parameters, host_name, "
        "cpu, threads, libtorch_version, app_version, notes, device, status_message, owner_pid, owner_host, "
        "owner_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, run.name)
        .bind(2, runStatusName(run.status))
        .bind(3, run.createdAt)
        .bind(4, timeOrNull(run.startedAt))
        .bind(5, timeOrNull(run.finishedAt))
        .bind(6, run.method)
        .bind(7, run.backbone)
        .bind(8, run.task)
        .bind(9, run.configJson)
        .bind(10, hash)
        .bind(11, run.seed)
        .bind(12, run.trainableParameters)
        .bind(13, run.totalParameters)
        .bind(14, run.host.hostName)
        .bind(15, run.host.cpu)
        .bind(16, run.host.threads)
        .bind(17, run.host.libtorchVersion)
        .bind(18, run.host.appVersion)
        .bind(19, run.notes)
        .bind(20, run.host.device)
        .bind(21, run.statusMessage);
    bindOwner(insert, 22, owner);
    insert.run();
    const RunId id = db.lastInsertId();
    Statement tag(db, "INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)");
    for (const std::string &name : run.tags)
        tag.bind(1, id).bind(2, name).run();
    return id;
}

/// Marks orphaned running/paused runs interrupted. Their finish time is their last sign of
/// life: the newest point they recorded (or now, if none).
std::vector<RunId> recoverOrphanedRuns(sqlite::Database &db)
{
    std::vector<RunId> orphans;
    {
        Statement live(db,
            "SELECT id, owner_pid, owner_host, owner_start FROM runs "
            "WHERE status IN ('running', 'paused')");
        while (live.step()) {
            const ProcessIdentity owner { live.isNull(1) ? 0 : live.int64(1), live.text(2), live.text(3) };
            if (!processMayBeAlive(owner))
                orphans.push_back(live.int64(0));
        }
    }
    if (orphans.empty())
        return orphans;

    Transaction transaction(db);
    Statement lastSign(db,
        "SELECT max(wall_time) FROM metric_points WHERE series_id IN "
        "(SELECT id FROM series WHERE run_id = ?)");
    Statement mark(db,
        "UPDATE runs SET status = 'interrupted', finished_at = ?, owner_pid = NULL, "
        "owner_host = NULL, owner_start = NULL WHERE id = ? AND status IN ('running', 'paused')");
    for (RunId id : orphans) {
        lastSign.bind(1, id);
        const double last = lastSign.step() && !lastSign.isNull(0) ? lastSign.real(0) : nowSeconds();
        lastSign.reset();
        mark.bind(1, last).bind(2, id).run();
    }
    transaction.commit();
    return orphans;
}

std::optional<std::int64_t> seriesId(sqlite::Database &db, RunId id, const std::string &name)
{
    Statement query(db, "SELECT id FROM series WHERE run_id = ? AND name = ?");
    query.bind(1, id).bind(2, name);
    if (!query.step())
        return std::nullopt;
    return query.int64(0);
}

} // namespace

// --- rows shared with RunWriter -------------------------------------------------------------

namespace rows {

std::optional<RunRecord> readRun(sqlite::Database &db, RunId id)
{
    Statement query(db, (std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?").c_str());
    query.bind(1, id);
    if (!query.step())
        return std::nullopt;
    RunRecord run = readRunRow(query);
    run.tags = readTags(db, id);
    return run;
}

RunRecord requireRun(sqlite::Database &db, RunId id)
{
    std::optional<RunRecord> run = readRun(db, id);
    if (!run)
        throw Error::inFile(db.path(), "there is no run " + std::to_string(id) + " in this database");
    return *run;
}

ProcessIdentity runOwner(sqlite::Database &db, RunId id)
{
    Statement query(db, "SELECT owner_pid, owner_host, owner_start FROM runs WHERE id = ?");
    query.bind(1, id);
    if (!query.step() || query.isNull(0))
        return {};
    return { query.int64(0), query.text(1), query.text(2) };
}

bool ownedByAnotherLiveProcess(sqlite::Database &db, RunId id)
{
    const RunRecord run = requireRun(db, id);
    if (!isLive(run.status))
        return false;
    const ProcessIdentity owner = runOwner(db, id);
    const ProcessIdentity self = currentProcess();
    if (owner.pid == self.pid && owner.host == self.host && owner.startToken == self.startToken)
        return false;
    return processMayBeAlive(owner);
}

void writeStatus(sqlite::Database &db, RunId id, RunStatus status)
{
    const bool live = isLive(status);
    const bool final = status == RunStatus::Finished || status == RunStatus::Stopped || status == RunStatus::Failed
        || status == RunStatus::Interrupted;
    const double now = nowSeconds();
    Statement update(db,
        "UPDATE runs SET status = ?, "
        "started_at = CASE WHEN ? THEN coalesce(started_at, ?) ELSE started_at END, "
        "finished_at = CASE WHEN ? THEN ? ELSE NULL END, "
        "status_message = '', " // the reason belongs to one ending; RunWriter::finish sets a failure's
        "owner_pid = ?, owner_host = ?, owner_start = ? WHERE id = ?");
    update.bind(1, runStatusName(status))
        .bind(2, status == RunStatus::Running ? 1 : 0)
        .bind(3, now)
        .bind(4, final ? 1 : 0)
        .bind(5, now);
    bindOwner(update, 6, live ? std::optional<ProcessIdentity>(currentProcess()) : std::nullopt);
    update.bind(9, id);
    update.run();
    if (db.changes() == 0)
        throw Error::inFile(db.path(), "there is no run " + std::to_string(id) + " in this database");
}

} // namespace rows

// --- RunStore ----------------------------------------------------------------------------------

int runStoreSchemaVersion()
{
    return schema::migrations().back().version;
}

struct RunStore::Private
{
    std::unique_ptr<sqlite::Database> db;
    std::vector<RunId> recovered;
};

RunStore::RunStore(const std::string &path)
    : d(std::make_unique<Private>())
{
    d->db = std::make_unique<sqlite::Database>(path);
    schema::migrate(*d->db);
    d->recovered = recoverOrphanedRuns(*d->db);
}

RunStore::~RunStore() = default;
RunStore::RunStore(RunStore &&) noexcept = default;
RunStore &RunStore::operator=(RunStore &&) noexcept = default;

const std::string &RunStore::path() const
{
    return d->db->path();
}

const std::vector<RunId> &RunStore::recoveredRuns() const
{
    return d->recovered;
}

sqlite::Database &RunStore::database() const
{
    return *d->db;
}

std::int64_t RunStore::dataVersion() const
{
    Statement query(*d->db, "PRAGMA data_version");
    query.step();
    return query.int64(0);
}

RunId RunStore::createRun(const RunRecord &run)
{
    RunRecord row = run;
    if (row.createdAt <= 0)
        row.createdAt = nowSeconds();
    if (row.status == RunStatus::Running && row.startedAt <= 0)
        row.startedAt = row.createdAt;
    std::sort(row.tags.begin(), row.tags.end());
    const std::string hash = configHash(*d->db, row.configJson);
    Transaction transaction(*d->db);
    const RunId id = insertRun(
        *d->db, row, hash, isLive(row.status) ? std::optional<ProcessIdentity>(currentProcess()) : std::nullopt);
    transaction.commit();
    return id;
}

std::optional<RunRecord> RunStore::findRun(RunId id) const
{
    return rows::readRun(*d->db, id);
}

RunRecord RunStore::run(RunId id) const
{
    return rows::requireRun(*d->db, id);
}

std::vector<RunRecord> RunStore::listRuns(const RunFilter &filter) const
{
    std::string sql = std::string("SELECT ") + kRunColumns + " FROM runs WHERE 1";
    std::vector<std::string> values;
    auto where = [&](const std::optional<std::string> &value, const char *clause) {
        if (value) {
            sql += clause;
            values.push_back(*value);
        }
    };
    where(filter.method, " AND method = ?");
    where(filter.task, " AND task = ?");
    where(filter.backbone, " AND backbone = ?");
    where(filter.tag, " AND id IN (SELECT run_id FROM run_tags WHERE tag = ?)");
    where(filter.status ? std::optional<std::string>(runStatusName(*filter.status)) : std::nullopt, " AND status = ?");
    sql += " ORDER BY id";

    Statement query(*d->db, sql.c_str());
    for (std::size_t i = 0; i < values.size(); ++i)
        query.bind(static_cast<int>(i) + 1, values[i]);
    std::vector<RunRecord> runs;
    while (query.step())
        runs.push_back(readRunRow(query));

    // All tags in one pass: one query per run would dominate a list of a thousand runs.
    Statement tags(*d->db, "SELECT run_id, tag FROM run_tags ORDER BY run_id, tag");
    std::size_t cursor = 0;
    while (tags.step()) {
        const RunId id = tags.int64(0);
        while (cursor < runs.size() && runs[cursor].id < id)
            ++cursor;
        if (cursor < runs.size() && runs[cursor].id == id)
            runs[cursor].tags.push_back(tags.text(1));
    }
    return runs;
}

void RunStore::setStatus(RunId id, RunStatus status)
{
    Transaction transaction(*d->db);
    rows::writeStatus(*d->db, id, status);
    transaction.commit();
}

void RunStore::setName(RunId id, const std::string &name)
{
    Statement update(*d->db, "UPDATE runs SET name = ? WHERE id = ?");
    update.bind(1, name).bind(2, id).run();
    if (d->db->changes() == 0)
        rows::requireRun(*d->db, id);
}

void RunStore::setNotes(RunId id, const std::string &notes)
{
    Statement update(*d->db, "UPDATE runs SET notes = ? WHERE id = ?");
    update.bind(1, notes).bind(2, id).run();
    if (d->db->changes() == 0)
        rows::requireRun(*d->db, id);
}

void RunStore::setParameterCounts(RunId id, std::int64_t trainable, std::int64_t total)
{
    Statement update(*d->db, "UPDATE runs SET trainable_parameters = ?, total_parameters = ? WHERE id = ?");
    update.bind(1, trainable).bind(2, total).bind(3, id).run();
    if (d->db->changes() == 0)
        rows::requireRun(*d->db, id);
}

void RunStore::setDevice(RunId id, const std::string &device)
{
    Statement update(*d->db, "UPDATE runs SET device = ? WHERE id = ?");
    update.bind(1, device).bind(2, id).run();
    if (d->db->changes() == 0)
        rows::requireRun(*d->db, id);
}

void RunStore::addTag(RunId id, const std::string &tag)
{
    rows::requireRun(*d->db, id);
    Statement insert(*d->db, "INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)");
    insert.bind(1, id).bind(2, tag).run();
}

void RunStore::removeTag(RunId id, const std::string &tag)
{
    Statement remove(*d->db, "DELETE FROM run_tags WHERE run_id = ? AND tag = ?");
    remove.bind(1, id).bind(2, tag).run();
}

void RunStore::removeRun(RunId id)
{
    Transaction transaction(*d->db);
    const RunRecord record = rows::requireRun(*d->db, id);
    const ProcessIdentity owner = rows::runOwner(*d->db, id);
    // A live writer (this process included) would recreate rows under a deleted run.
    if (isLive(record.status) && processMayBeAlive(owner))
        throw Error::inFile(path(),
            "run " + std::to_string(id) + " is being written by process " + std::to_string(owner.pid) + " on "
                + owner.host + "; stop it before removing it");
    Statement remove(*d->db, "DELETE FROM runs WHERE id = ?");
    remove.bind(1, id).run();
    transaction.commit();
}

std::vector<std::string> RunStore::seriesNames(RunId id) const
{
    Statement query(*d->db, "SELECT name FROM series WHERE run_id = ? ORDER BY name");
    query.bind(1, id);
    std::vector<std::string> names;
    while (query.step())
        names.push_back(query.text(0));
    return names;
}

std::vector<SeriesPoint> RunStore::series(
    RunId id, const std::string &name, std::int64_t firstStep, std::int64_t lastStep) const
{
    std::vector<SeriesPoint> points;
    const std::optional<std::int64_t> series = seriesId(*d->db, id, name);
    if (!series)
        return points;
    Statement query(*d->db,
        "SELECT step, wall_time, value FROM metric_points "
        "WHERE series_id = ? AND step BETWEEN ? AND ? ORDER BY step");
    query.bind(1, *series).bind(2, firstStep).bind(3, lastStep);
    while (query.step())
        points.push_back({ query.int64(0), query.real(1), query.real(2) });
    return points;
}

std::vector<SeriesPoint> RunStore::downsampledSeries(RunId id, const std::string &name, std::size_t maxPoints) const
{
    return downsampleMinMax(series(id, name), maxPoints);
}

std::size_t RunStore::seriesPointCount(RunId id, const std::string &name) const
{
    Statement query(*d->db,
        "SELECT count(*) FROM metric_points WHERE series_id = "
        "(SELECT id FROM series WHERE run_id = ? AND name = ?)");
    query.bind(1, id).bind(2, name);
    query.step();
    return static_cast<std::size_t>(query.int64(0));
}

std::vector<MemorySample> RunStore::memorySamples(RunId id, const std::string &category) const
{
    Statement query(*d->db,
        "SELECT category, step, wall_time, bytes FROM memory_samples "
        "WHERE run_id = ? AND (? = '' OR category = ?) ORDER BY category, step");
    query.bind(1, id).bind(2, category).bind(3, category);
    std::vector<MemorySample> samples;
    while (query.step())
        samples.push_back({ query.text(0), query.int64(1), query.real(2), query.int64(3) });
    return samples;
}

std::vector<EvaluationRecord> RunStore::evaluations(RunId id) const
{
    Statement query(*d->db,
        "SELECT split, metric, step, wall_time, value FROM evaluations "
        "WHERE run_id = ? ORDER BY split, metric, step");
    query.bind(1, id);
    std::vector<EvaluationRecord> records;
    while (query.step())
        records.push_back({ query.text(0), query.text(1), query.int64(2), query.real(3), query.real(4) });
    return records;
}

std::vector<GateValue> RunStore::gateValues(RunId id) const
{
    Statement query(*d->db, "SELECT layer, step, value FROM gate_values WHERE run_id = ? ORDER BY layer, step");
    query.bind(1, id);
    std::vector<GateValue> gates;
    while (query.step())
        gates.push_back({ static_cast<int>(query.int64(0)), query.int64(1), query.real(2) });
    return gates;
}

std::vector<CheckpointRecord> RunStore::checkpoints(RunId id) const
{
    Statement query(*d->db, "SELECT step, wall_time, path FROM checkpoints WHERE run_id = ? ORDER BY step");
    query.bind(1, id);
    std::vector<CheckpointRecord> records;
    while (query.step())
        records.push_back({ query.int64(0), query.real(1), query.text(2) });
    return records;
}

std::optional<CheckpointRecord> RunStore::lastCheckpoint(RunId id) const
{
    std::vector<CheckpointRecord> all = checkpoints(id);
    if (all.empty())
        return std::nullopt;
    return all.back();
}

RunSummary RunStore::summary(RunId id) const
{
    RunSummary summary;
    summary.run = run(id);

    for (const EvaluationRecord &record : evaluations(id)) {
        if (std::isnan(record.value))
            continue;
        const bool lower = metricLowerIsBetter(record.metric);
        auto best = std::find_if(summary.bestEvaluations.begin(), summary.bestEvaluations.end(),
            [&](const BestEvaluation &b) { return b.split == record.split && b.metric == record.metric; });
        if (best == summary.bestEvaluations.end())
            summary.bestEvaluations.push_back({ record.split, record.metric, record.step, record.value, lower });
        else if (lower ? record.value < best->value : record.value > best->value)
            *best = { record.split, record.metric, record.step, record.value, lower };
    }

    Statement peaks(*d->db, "SELECT category, max(bytes) FROM memory_samples WHERE run_id = ? GROUP BY category");
    peaks.bind(1, id);
    while (peaks.step())
        summary.peakMemoryBytes[peaks.text(0)] = peaks.int64(1);

    Statement throughput(*d->db,
        "SELECT avg(value), count(value) FROM metric_points WHERE series_id = "
        "(SELECT id FROM series WHERE run_id = ? AND name = ?)");
    throughput.bind(1, id).bind(2, std::string(kThroughputSeries));
    if (throughput.step() && throughput.int64(1) > 0)
        summary.meanThroughput = throughput.real(0);

    // max(step) per series walks each series' primary key from its end: no scan of the points.
    Statement lastStep(*d->db,
        "SELECT max((SELECT max(step) FROM metric_points WHERE series_id = s.id)) "
        "FROM series s WHERE s.run_id = ?");
    lastStep.bind(1, id);
    if (lastStep.step() && !lastStep.isNull(0))
        summary.lastStep = lastStep.int64(0);
    return summary;
}

std::vector<RunSummary> RunStore::summaries(const RunFilter &filter) const
{
    std::vector<RunSummary> out;
    for (const RunRecord &record : listRuns(filter))
        out.push_back(summary(record.id));
    return out;
}

std::vector<ConfigChange> RunStore::configDifference(RunId before, RunId after) const
{
    return diffConfigs(run(before).configJson, run(after).configJson);
}

ResumePoint RunStore::prepareResume(RunId id)
{
    Transaction transaction(*d->db);
    ResumePoint point;
    point.run = rows::requireRun(*d->db, id);
    const std::string label = "run " + std::to_string(id);
    if (point.run.status == RunStatus::Finished)
        throw Error::inFile(path(), label + " finished; there is nothing to resume");
    const ProcessIdentity owner = rows::runOwner(*d->db, id);
    // This process included: a writer here still holds the run (pause it and resume it instead).
    if (isLive(point.run.status) && processMayBeAlive(owner))
        throw Error::inFile(path(),
            label + " is still being written by process " + std::to_string(owner.pid) + "; it cannot be resumed");
    point.checkpoint = lastCheckpoint(id);
    const std::int64_t keepUpTo = point.checkpoint ? point.checkpoint->step : -1;
    // Points after the checkpoint were computed by weights that are lost: the resumed run
    // recomputes them, and stale ones must not mix into the curves.
    for (const char *sql : { "DELETE FROM metric_points WHERE step > ?2 AND series_id IN "
                             "(SELECT id FROM series WHERE run_id = ?1)",
             "DELETE FROM memory_samples WHERE run_id = ?1 AND step > ?2",
             "DELETE FROM evaluations WHERE run_id = ?1 AND step > ?2",
             "DELETE FROM gate_values WHERE run_id = ?1 AND step > ?2",
             "DELETE FROM checkpoints WHERE run_id = ?1 AND step > ?2" }) {
        Statement remove(*d->db, sql);
        remove.bind(1, id).bind(2, keepUpTo).run();
    }
    transaction.commit();
    return point;
}

RunData RunStore::loadRun(RunId id) const
{
    RunData data;
    data.run = run(id);
    for (const std::string &name : seriesNames(id))
        data.series[name] = series(id, name);
    data.memory = memorySamples(id);
    data.evaluations = evaluations(id);
    data.gates = gateValues(id);
    data.checkpoints = checkpoints(id);
    return data;
}

RunId RunStore::importRun(const RunData &data)
{
    RunRecord row = data.run;
    // The exporting process does not own anything here: a run it was writing is interrupted.
    if (isLive(row.status))
        row.status = RunStatus::Interrupted;
    std::sort(row.tags.begin(), row.tags.end());
    const std::string hash = row.configHash.empty() ? configHash(*d->db, row.configJson) : row.configHash;

    sqlite::Database &db = *d->db;
    Transaction transaction(db);
    const RunId id = insertRun(db, row, hash, std::nullopt);

    Statement addSeries(db, "INSERT INTO series (run_id, name) VALUES (?, ?)");
    Statement addPoint(
        db, "INSERT OR REPLACE INTO metric_points (series_id, step, wall_time, value) VALUES (?, ?, ?, ?)");
    for (const auto &[name, points] : data.series) {
        addSeries.bind(1, id).bind(2, name).run();
        const std::int64_t series = db.lastInsertId();
        for (const SeriesPoint &p : points)
            addPoint.bind(1, series).bind(2, p.step).bind(3, p.wallTime).bind(4, p.value).run();
    }
    Statement addMemory(db,
        "INSERT OR REPLACE INTO memory_samples (run_id, category, step, wall_time, bytes) "
        "VALUES (?, ?, ?, ?, ?)");
    for (const MemorySample &s : data.memory)
        addMemory.bind(1, id).bind(2, s.category).bind(3, s.step).bind(4, s.wallTime).bind(5, s.bytes).run();
    Statement addEvaluation(db,
        "INSERT OR REPLACE INTO evaluations (run_id, split, metric, step, wall_time, value) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    for (const EvaluationRecord &e : data.evaluations)
        addEvaluation.bind(1, id)
            .bind(2, e.split)
            .bind(3, e.metric)
            .bind(4, e.step)
            .bind(5, e.wallTime)
            .bind(6, e.value)
            .run();
    Statement addGate(db, "INSERT OR REPLACE INTO gate_values (run_id, layer, step, value) VALUES (?, ?, ?, ?)");
    for (const GateValue &g : data.gates)
        addGate.bind(1, id).bind(2, g.layer).bind(3, g.step).bind(4, g.value).run();
    Statement addCheckpoint(
        db, "INSERT OR REPLACE INTO checkpoints (run_id, step, wall_time, path) VALUES (?, ?, ?, ?)");
    for (const CheckpointRecord &c : data.checkpoints)
        addCheckpoint.bind(1, id).bind(2, c.step).bind(3, c.wallTime).bind(4, c.path).run();
    transaction.commit();
    return id;
}

} // namespace ladder
