// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/RunWriter.h"

#include "store/RunRows.h"
#include "store/Schema.h"
#include "store/SqliteDatabase.h"
#include "util/Error.h"

#include <chrono>
#include <unordered_map>

namespace ladder {

using sqlite::Statement;
using Clock = std::chrono::steady_clock;

double nowSeconds()
{
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

struct RunWriter::Private
{
    Private(const std::string &path, RunId id, RunWriterOptions options)
        : db(path, /*mustExist=*/true)
        , run(id)
        , options(options)
    {
    }

    void claim();
    std::int64_t seriesId(const std::string &name);
    void commit();
    void afterAdd();
    void requireOpen() const;
    std::size_t pending() const
    {
        return metrics.size() + memory.size() + evaluations.size() + gates.size() + checkpoints.size();
    }

    // Declared first so it is destroyed last, after the statements prepared on it.
    sqlite::Database db;
    RunId run;
    RunWriterOptions options;
    std::unique_ptr<Statement> insertSeries, selectSeries, insertPoint, insertMemory, insertEvaluation, insertGate,
        insertCheckpoint;

    std::vector<MetricPoint> metrics;
    std::vector<MemorySample> memory;
    std::vector<EvaluationRecord> evaluations;
    std::vector<GateValue> gates;
    std::vector<CheckpointRecord> checkpoints;
    std::unordered_map<std::string, std::int64_t> seriesIds;
    Clock::time_point oldestPending;
    std::size_t committed = 0;
    bool finished = false;
};

void RunWriter::Private::claim()
{
    sqlite::Transaction transaction(db);
    rows::requireRun(db, run);
    if (rows::ownedByAnotherLiveProcess(db, run))
        throw Error::inFile(db.path(),
            "run " + std::to_string(run) + " is already being written by process "
                + std::to_string(rows::runOwner(db, run).pid) + "; one run has one writer");
    rows::writeStatus(db, run, RunStatus::Running);
    transaction.commit();
}

std::int64_t RunWriter::Private::seriesId(const std::string &name)
{
    if (auto it = seriesIds.find(name); it != seriesIds.end())
        return it->second;
    insertSeries->bind(1, run).bind(2, name).run();
    selectSeries->bind(1, run).bind(2, name);
    selectSeries->step();
    const std::int64_t id = selectSeries->int64(0);
    selectSeries->reset();
    seriesIds.emplace(name, id);
    return id;
}

void RunWriter::Private::commit()
{
    const std::size_t count = pending();
    if (count == 0)
        return;
    try {
        sqlite::Transaction transaction(db);
        for (const MetricPoint &p : metrics)
            insertPoint->bind(1, seriesId(p.name)).bind(2, p.step).bind(3, p.wallTime).bind(4, p.value).run();
        for (const MemorySample &s : memory)
            insertMemory->bind(1, run).bind(2, s.category).bind(3, s.step).bind(4, s.wallTime).bind(5, s.bytes).run();
        for (const EvaluationRecord &e : evaluations)
            insertEvaluation->bind(1, run)
                .bind(2, e.split)
                .bind(3, e.metric)
                .bind(4, e.step)
                .bind(5, e.wallTime)
                .bind(6, e.value)
                .run();
        for (const GateValue &g : gates)
            insertGate->bind(1, run).bind(2, g.layer).bind(3, g.step).bind(4, g.value).run();
        for (const CheckpointRecord &c : checkpoints)
            insertCheckpoint->bind(1, run).bind(2, c.step).bind(3, c.wallTime).bind(4, c.path).run();
        transaction.commit();
    } catch (...) {
        // Series rows created inside the rolled-back transaction are gone again.
        seriesIds.clear();
        for (auto *statement : { insertSeries.get(), selectSeries.get(), insertPoint.get(), insertMemory.get(),
                 insertEvaluation.get(), insertGate.get(), insertCheckpoint.get() })
            statement->reset();
        throw;
    }
    metrics.clear();
    memory.clear();
    evaluations.clear();
    gates.clear();
    checkpoints.clear();
    committed += count;
}

void RunWriter::Private::afterAdd()
{
    const std::size_t count = pending();
    if (count == 1)
        oldestPending = Clock::now();
    if (count >= options.batchRecords || Clock::now() - oldestPending >= options.batchInterval)
        commit();
}

void RunWriter::Private::requireOpen() const
{
    if (finished)
        throw Error::inFile(
            db.path(), "run " + std::to_string(run) + " already ended; its writer takes no more records");
}

RunWriter::RunWriter(const std::string &databasePath, RunId run, RunWriterOptions options)
    : d(std::make_unique<Private>(databasePath, run, options))
{
    schema::migrate(d->db);
    if (options.maxPageCount > 0)
        d->db.exec("PRAGMA max_page_count = " + std::to_string(options.maxPageCount));
    d->insertSeries = std::make_unique<Statement>(d->db, "INSERT OR IGNORE INTO series (run_id, name) VALUES (?, ?)");
    d->selectSeries = std::make_unique<Statement>(d->db, "SELECT id FROM series WHERE run_id = ? AND name = ?");
    d->insertPoint = std::make_unique<Statement>(
        d->db, "INSERT OR REPLACE INTO metric_points (series_id, step, wall_time, value) VALUES (?, ?, ?, ?)");
    d->insertMemory = std::make_unique<Statement>(d->db,
        "INSERT OR REPLACE INTO memory_samples (run_id, category, step, wall_time, bytes) VALUES (?, ?, ?, ?, ?)");
    d->insertEvaluation = std::make_unique<Statement>(d->db,
        "INSERT OR REPLACE INTO evaluations (run_id, split, metric, step, wall_time, value) VALUES (?, ?, ?, ?, ?, ?)");
    d->insertGate = std::make_unique<Statement>(
        d->db, "INSERT OR REPLACE INTO gate_values (run_id, layer, step, value) VALUES (?, ?, ?, ?)");
    d->insertCheckpoint = std::make_unique<Statement>(
        d->db, "INSERT OR REPLACE INTO checkpoints (run_id, step, wall_time, path) VALUES (?, ?, ?, ?)");
    d->claim();
}

RunWriter::~RunWriter()
{
    try {
        d->commit();
        if (!d->finished) {
            sqlite::Transaction transaction(d->db);
            rows::writeStatus(d->db, d->run, RunStatus::Interrupted);
            transaction.commit();
        }
    } catch (...) {
        // The run stays "running" under this process; the next open after this process ends
        // marks it interrupted.
    }
}

RunId RunWriter::runId() const
{
    return d->run;
}

void RunWriter::addMetric(const std::string &name, std::int64_t step, double value, double wallTime)
{
    addMetric(MetricPoint { name, step, wallTime, value });
}

void RunWriter::addMetric(const MetricPoint &point)
{
    d->requireOpen();
    d->metrics.push_back(point);
    if (d->metrics.back().wallTime == 0)
        d->metrics.back().wallTime = nowSeconds();
    d->afterAdd();
}

void RunWriter::addMemory(const MemorySample &sample)
{
    d->requireOpen();
    d->memory.push_back(sample);
    if (d->memory.back().wallTime == 0)
        d->memory.back().wallTime = nowSeconds();
    d->afterAdd();
}

void RunWriter::addEvaluation(const EvaluationRecord &evaluation)
{
    d->requireOpen();
    d->evaluations.push_back(evaluation);
    if (d->evaluations.back().wallTime == 0)
        d->evaluations.back().wallTime = nowSeconds();
    d->afterAdd();
}

void RunWriter::addGate(const GateValue &gate)
{
    d->requireOpen();
    d->gates.push_back(gate);
    d->afterAdd();
}

void RunWriter::addCheckpoint(const CheckpointRecord &checkpoint)
{
    d->requireOpen();
    d->checkpoints.push_back(checkpoint);
    if (d->checkpoints.back().wallTime == 0)
        d->checkpoints.back().wallTime = nowSeconds();
    d->commit();
}

void RunWriter::flush()
{
    d->commit();
}

void RunWriter::finish(RunStatus status, const std::string &message)
{
    if (status == RunStatus::Running || status == RunStatus::Paused) {
        setPaused(status == RunStatus::Paused);
        return;
    }
    if (status == RunStatus::Queued)
        throw Error::inFile(d->db.path(), "a run that ran cannot become queued again");
    d->requireOpen();
    d->commit();
    sqlite::Transaction transaction(d->db);
    rows::writeStatus(d->db, d->run, status);
    if (!message.empty()) {
        sqlite::Statement why(d->db, "UPDATE runs SET status_message = ? WHERE id = ?");
        why.bind(1, message).bind(2, d->run).run();
    }
    transaction.commit();
    d->finished = true;
}

void RunWriter::setPaused(bool paused)
{
    d->requireOpen();
    d->commit();
    sqlite::Transaction transaction(d->db);
    rows::writeStatus(d->db, d->run, paused ? RunStatus::Paused : RunStatus::Running);
    transaction.commit();
}

std::size_t RunWriter::committedRecords() const
{
    return d->committed;
}

std::size_t RunWriter::pendingRecords() const
{
    return d->pending();
}

} // namespace ladder
