// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared helpers of the store tests: a fully populated run, raw SQL access to a database file.

#include "store/RunRecords.h"
#include "store/SqliteDatabase.h"

#include <QByteArray>

#include <cstring>
#include <string>

namespace ladder::test {

/// A run record with every field set to something other than its default.
inline RunRecord sampleRun(const std::string &name = "lst r=8 on sst2")
{
    RunRecord run;
    run.name = name;
    run.status = RunStatus::Queued;
    run.createdAt = 1700000000.25;
    run.method = "lst";
    run.backbone = "t5-base";
    run.task = "glue/sst2";
    run.configJson
        = R"({"method": "lst", "reduction": 8, "optimizer": {"name": "adamw", "lr": 0.003}, "tasks": ["sst2"]})";
    run.seed = 42;
    run.trainableParameters = 2389504;
    run.totalParameters = 225000000;
    run.host = { "bench-01", "AMD EPYC 7B13", 2, "1.13.1", "0.1.0", "cuda:0" };
    run.notes = "first try with pruning init";
    run.tags = { "baseline", "paper" };
    return run;
}

/// Runs one query on its own connection and returns the first column of the first row as text.
inline std::string queryText(const std::string &path, const std::string &sql)
{
    sqlite::Database db(path, true);
    sqlite::Statement query(db, sql.c_str());
    return query.step() ? query.text(0) : std::string();
}

inline std::int64_t queryInt(const std::string &path, const std::string &sql)
{
    sqlite::Database db(path, true);
    return db.queryInt(sql);
}

} // namespace ladder::test

namespace ladder {

/// Lets QCOMPARE print run statuses by name (found by argument-dependent lookup).
inline char *toString(RunStatus status)
{
    return qstrdup(runStatusName(status).c_str());
}

} // namespace ladder
