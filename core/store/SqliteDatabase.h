// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: a thin RAII layer over SQLite's C API for the store's sources and tests. Not
// included by public headers.

#include <cstdint>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace ladder::sqlite {

/// How long a connection waits for another connection's lock before reporting it.
inline constexpr int kBusyTimeoutMs = 5000;

/// One connection. Opening sets the pragmas every connection of the store needs: WAL journal,
/// foreign keys, a busy timeout, synchronous=NORMAL (in WAL mode a commit survives a killed
/// process; only a power cut may lose the last commits, never corrupt the file).
class Database
{
public:
    /// Opens `path` read-write, creating it (and its folder) unless `mustExist`.
    explicit Database(const std::string &path, bool mustExist = false);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    sqlite3 *handle() const { return m_db; }
    const std::string &path() const { return m_path; }

    /// Runs one or more statements without results.
    void exec(const std::string &sql);
    /// The first column of the first row of a query returning one integer.
    std::int64_t queryInt(const std::string &sql);
    std::int64_t lastInsertId() const;
    int changes() const;
    bool inTransaction() const;

    /// Throws ladder::Error "<path>: <what>: <SQLite's message>" for result code `rc`, with a
    /// plain explanation for the codes a user can act on (locked, full, read-only, not a database).
    [[noreturn]] void fail(const std::string &what, int rc) const;

private:
    sqlite3 *m_db = nullptr;
    std::string m_path;
};

/// A prepared statement. Parameters are bound by 1-based index; columns are read by 0-based
/// index. A NaN double is bound as NULL and a NULL real reads back as NaN (SQLite stores NaN
/// as NULL anyway).
class Statement
{
public:
    Statement(Database &db, const char *sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const std::string &value);
    Statement &bindNull(int index);
    template<typename T> Statement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    /// Advances; true while there is a row.
    bool step();
    /// Steps a statement that returns no rows, then resets it for the next bindings.
    void run();
    void reset();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;

private:
    Database &m_db;
    sqlite3_stmt *m_stmt = nullptr;
    const char *m_sql;
};

/// A write transaction: BEGIN IMMEDIATE at the outermost level (takes the write lock up front,
/// so a read-then-write never fails with SQLITE_BUSY_SNAPSHOT), a SAVEPOINT when nested.
/// Rolls back unless commit() was called.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Database &m_db;
    bool m_nested = false;
    bool m_done = false;
};

} // namespace ladder::sqlite
