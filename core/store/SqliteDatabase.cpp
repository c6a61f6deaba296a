// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SqliteDatabase.h"

#include "util/Error.h"

#include <sqlite3.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <system_error>

namespace ladder::sqlite {

namespace {

// What a statement was doing, in a user's words: errors name the file, the operation and SQLite's
// reason, never the SQL (which says nothing a user can act on).
std::string operationOf(const std::string &sql)
{
    std::size_t first = sql.find_first_not_of(" \t\n");
    std::string word;
    for (; first < sql.size() && std::isalpha(static_cast<unsigned char>(sql[first])); ++first)
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[first])));
    const bool reads = word == "SELECT" || (word == "PRAGMA" && sql.find('=') == std::string::npos);
    return reads ? "cannot read the run database" : "cannot write to the run database";
}

std::string explain(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "the database stayed locked by another connection for " + std::to_string(kBusyTimeoutMs / 1000)
            + " s; close the other program or try again";
    case SQLITE_FULL:
        return "the disk (or the database's size limit) is full; everything committed before is kept";
    case SQLITE_READONLY:
        return "the database file or its folder is read-only; everything committed before is kept";
    case SQLITE_NOTADB:
        return "the file is not an SQLite database";
    case SQLITE_CORRUPT:
        return "the database file is damaged";
    case SQLITE_CANTOPEN:
        return "the file cannot be opened (missing folder or no permission)";
    case SQLITE_IOERR:
        return "the operating system reported an I/O error";
    default:
        return {};
    }
}

} // namespace

Database::Database(const std::string &path, bool mustExist)
    : m_path(path)
{
    int flags = SQLITE_OPEN_READWRITE;
    if (!mustExist) {
        flags |= SQLITE_OPEN_CREATE;
        const std::filesystem::path parent = std::filesystem::path(path).parent_path();
        std::error_code ec;
        if (!parent.empty())
            std::filesystem::create_directories(parent, ec);
        if (ec)
            throw Error::inFile(path, "cannot create the folder " + parent.string() + ": " + ec.message());
    }
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        std::string what = "cannot open the run database: " + message;
        if (const std::string hint = explain(rc); !hint.empty())
            what += " (" + hint + ")";
        throw Error::inFile(path, what);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    // journal_mode answers with the mode in force; on a read-only file it stays as it was and
    // reads still work, so the answer is not checked here.
    try {
        exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
    } catch (...) {
        // A throwing constructor runs no destructor: close here or the connection leaks
        // (LeakSanitizer, on a file that is not a database).
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw;
    }
}

Database::~Database()
{
    // sqlite3_close_v2 defers the close until every statement is finalised; the store's
    // statements are scoped, so this closes at once.
    sqlite3_close_v2(m_db);
}

void Database::exec(const std::string &sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        sqlite3_free(message);
        fail(operationOf(sql), rc);
    }
}

std::int64_t Database::queryInt(const std::string &sql)
{
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr);
    if (rc != SQLITE_OK)
        fail(operationOf(sql), rc);
    rc = sqlite3_step(stmt);
    const std::int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        fail(operationOf(sql), rc);
    return value;
}

std::int64_t Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

void Database::fail(const std::string &what, int rc) const
{
    std::string message = what + ": " + (m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
    if (const std::string hint = explain(rc); !hint.empty())
        message += " (" + hint + ")";
    throw Error::inFile(m_path, message);
}

Statement::Statement(Database &db, const char *sql)
    : m_db(db)
    , m_sql(sql)
{
    const int rc = sqlite3_prepare_v2(db.handle(), sql, -1, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        db.fail(operationOf(sql), rc);
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    if (std::isnan(value))
        sqlite3_bind_null(m_stmt, index);
    else
        sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, const std::string &value)
{
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3_reset(m_stmt);
    m_db.fail(operationOf(m_sql), rc);
}

void Statement::run()
{
    step();
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    if (isNull(column))
        return std::numeric_limits<double>::quiet_NaN();
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

Transaction::Transaction(Database &db)
    : m_db(db)
    , m_nested(db.inTransaction())
{
    m_db.exec(m_nested ? "SAVEPOINT ladder_nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (m_done)
        return;
    // Errors here are ignored: SQLite may already have rolled back (e.g. after SQLITE_FULL).
    if (m_nested)
        sqlite3_exec(m_db.handle(), "ROLLBACK TO ladder_nested; RELEASE ladder_nested", nullptr, nullptr, nullptr);
    else if (m_db.inTransaction())
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    m_db.exec(m_nested ? "RELEASE ladder_nested" : "COMMIT");
    m_done = true;
}

} // namespace ladder::sqlite
