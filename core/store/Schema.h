// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: the store's schema as an ordered list of migrations (PRAGMA user_version).

#include <vector>

namespace ladder::sqlite {
class Database;
}

namespace ladder::schema {

/// Marks a database as the workbench's (PRAGMA application_id, "LDWB").
inline constexpr int kApplicationId = 0x4C445742;

/// One step of the schema's history: the SQL that takes a database from version-1 to version.
struct Migration
{
    int version;
    const char *sql;
};

/// Every migration, version 1 first. Never edit a released migration: append a new one.
const std::vector<Migration> &migrations();

/// Brings `db` to the last version of `steps`, applying each missing migration in order in one
/// transaction. Refuses (ladder::Error naming the file and both versions) a database whose
/// user_version is newer than the last step, and an SQLite file some other program made.
void migrate(sqlite::Database &db, const std::vector<Migration> &steps = migrations());

} // namespace ladder::schema
