// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: row-level operations shared by RunStore (the reading connection) and RunWriter
// (the training thread's connection).

#include "store/ProcessOwner.h"
#include "store/RunRecords.h"

#include <optional>

namespace ladder::sqlite {
class Database;
}

namespace ladder::rows {

std::optional<RunRecord> readRun(sqlite::Database &db, RunId id);
/// Like readRun(), but a missing run throws ladder::Error naming the database.
RunRecord requireRun(sqlite::Database &db, RunId id);
/// The process recorded as writing the run (pid 0 when none).
ProcessIdentity runOwner(sqlite::Database &db, RunId id);
/// Whether a process other than this one is (or may be) writing the run.
bool ownedByAnotherLiveProcess(sqlite::Database &db, RunId id);
/// Sets status and the times and owner that go with it (see RunStore::setStatus).
void writeStatus(sqlite::Database &db, RunId id, RunStatus status);

} // namespace ladder::rows
