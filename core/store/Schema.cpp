// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Schema.h"

#include "store/SqliteDatabase.h"
#include "util/Error.h"

namespace ladder::schema {

namespace {

// Version 1: runs and everything recorded about them. Curve tables are WITHOUT ROWID with the
// natural key as primary key: points cluster by series and step (range reads for plots are one
// B-tree walk), a re-recorded step replaces the old value (resume), and deleting a run cascades
// through the key prefix without extra indices.
constexpr const char *kVersion1 = R"sql(
PRAGMA application_id = 1279547202;
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN
        ('queued', 'running', 'paused', 'finished', 'stopped', 'failed', 'interrupted')),
    created_at REAL NOT NULL,
    started_at REAL,
    finished_at REAL,
    method TEXT NOT NULL DEFAULT '',
    backbone TEXT NOT NULL DEFAULT '',
    task TEXT NOT NULL DEFAULT '',
    config_json TEXT NOT NULL DEFAULT '{}',
    config_hash TEXT NOT NULL DEFAULT '',
    seed INTEGER NOT NULL DEFAULT 0,
    trainable_parameters INTEGER NOT NULL DEFAULT 0,
    total_parameters INTEGER NOT NULL DEFAULT 0,
    host_name TEXT NOT NULL DEFAULT '',
    cpu TEXT NOT NULL DEFAULT '',
    threads INTEGER NOT NULL DEFAULT 0,
    libtorch_version TEXT NOT NULL DEFAULT '',
    app_version TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    -- The process that writes a running/paused run, so that opening the store can tell a live
    -- writer from a dead one (owner_start: the process's start time, against pid reuse).
    owner_pid INTEGER,
    owner_host TEXT,
    owner_start TEXT
);
CREATE INDEX runs_by_method ON runs (method);
CREATE INDEX runs_by_task ON runs (task);
CREATE INDEX runs_by_backbone ON runs (backbone);
CREATE INDEX runs_by_status ON runs (status);
CREATE INDEX runs_by_config_hash ON runs (config_hash);

CREATE TABLE run_tags (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (run_id, tag)
) WITHOUT ROWID;
CREATE INDEX run_tags_by_tag ON run_tags (tag);

CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    UNIQUE (run_id, name)
);

CREATE TABLE metric_points (
    series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    wall_time REAL NOT NULL,
    value REAL, -- NULL: NaN
    PRIMARY KEY (series_id, step)
) WITHOUT ROWID;

CREATE TABLE memory_samples (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    step INTEGER NOT NULL,
    wall_time REAL NOT NULL,
    bytes INTEGER NOT NULL,
    PRIMARY KEY (run_id, category, step)
) WITHOUT ROWID;

CREATE TABLE evaluations (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    split TEXT NOT NULL,
    metric TEXT NOT NULL,
    step INTEGER NOT NULL,
    wall_time REAL NOT NULL,
    value REAL,
    PRIMARY KEY (run_id, split, metric, step)
) WITHOUT ROWID;

CREATE TABLE gate_values (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    layer INTEGER NOT NULL,
    step INTEGER NOT NULL,
    value REAL,
    PRIMARY KEY (run_id, layer, step)
) WITHOUT ROWID;

CREATE TABLE checkpoints (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    wall_time REAL NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (run_id, step)
) WITHOUT ROWID;
)sql";

// Version 2: the device a run's tensors lived on ("cpu", "cuda:0"): its tensor memory curves are
// that device's allocator's; "rss" is always the host's. Runs recorded before were all on the CPU.
// And why a failed run failed (its error), empty for every other status.
constexpr const char *kVersion2 = R"sql(
ALTER TABLE runs ADD COLUMN device TEXT NOT NULL DEFAULT 'cpu';
ALTER TABLE runs ADD COLUMN status_message TEXT NOT NULL DEFAULT '';
)sql";

} // namespace

const std::vector<Migration> &migrations()
{
    static const std::vector<Migration> all { { 1, kVersion1 }, { 2, kVersion2 } };
    return all;
}

void migrate(sqlite::Database &db, const std::vector<Migration> &steps)
{
    const int latest = steps.empty() ? 0 : steps.back().version;
    auto check = [&](int current) {
        if (current > latest)
            throw Error::inFile(db.path(),
                "the run database has schema version " + std::to_string(current)
                    + ", newer than this build of ladder understands (version " + std::to_string(latest)
                    + "); update ladder, or choose another database with --db");
        if (current > 0 && db.queryInt("PRAGMA application_id") != kApplicationId)
            throw Error::inFile(db.path(), "this SQLite database was not written by ladder (wrong application_id)");
        if (current == 0 && db.queryInt("SELECT count(*) FROM sqlite_master") > 0)
            throw Error::inFile(db.path(),
                "this SQLite database belongs to another program (it has tables but no "
                "ladder schema version); choose another file");
    };
    check(static_cast<int>(db.queryInt("PRAGMA user_version")));
    if (db.queryInt("PRAGMA user_version") == latest)
        return;

    sqlite::Transaction transaction(db);
    // Read again under the write lock: another process may have migrated meanwhile.
    const int current = static_cast<int>(db.queryInt("PRAGMA user_version"));
    check(current);
    for (const Migration &migration : steps) {
        if (migration.version <= current)
            continue;
        db.exec(migration.sql);
        db.exec("PRAGMA user_version = " + std::to_string(migration.version));
    }
    transaction.commit();
}

} // namespace ladder::schema
