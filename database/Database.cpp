#include "database/Database.h"

#include <sqlite3.h>

#include <utility>

namespace salient {

namespace {

std::string describe(sqlite3* db, int code)
{
    // sqlite3_errmsg is only meaningful while the code is still the connection's latest error.
    if (db != nullptr && sqlite3_extended_errcode(db) == code)
        return sqlite3_errmsg(db);
    return sqlite3_errstr(code);
}

int openFlags(Database::OpenMode mode)
{
    switch (mode) {
    case Database::OpenMode::ReadOnly:
        return SQLITE_OPEN_READONLY;
    case Database::OpenMode::ReadWrite:
        return SQLITE_OPEN_READWRITE;
    case Database::OpenMode::ReadWriteCreate:
        break;
    }
    return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// Database

Database::Database(const std::string& path, OpenMode mode) : m_path(path)
{
    sqlite3* db = nullptr;
    const int code = sqlite3_open_v2(path.c_str(), &db,
                                     openFlags(mode) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nullptr);
    if (code != SQLITE_OK) {
        const std::string message = describe(db, code);
        sqlite3_close_v2(db); // a handle is returned even on failure
        throw DatabaseError("Cannot open database \"" + path + "\": " + message, code);
    }
    m_db = db;
    sqlite3_extended_result_codes(m_db, 1);
    setBusyTimeout(DefaultBusyTimeoutMs);
}

Database::~Database()
{
    close();
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path))
{}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void Database::close()
{
    if (m_db != nullptr) {
        // close_v2 defers the close until outstanding statements are finalized instead of failing.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

void Database::raise(int code, std::string_view context) const
{
    std::string message = "Database \"" + m_path + "\": " + describe(m_db, code);
    if (!context.empty())
        message += " (" + std::string(context) + ")";
    throw DatabaseError(message, code);
}

void Database::exec(const std::string& sql)
{
    if (m_db == nullptr)
        throw DatabaseError("Database \"" + m_path + "\" is not open");
    char* error = nullptr;
    const int code = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error);
    if (code != SQLITE_OK) {
        std::string message =
            "Database \"" + m_path + "\": " + (error != nullptr ? error : sqlite3_errstr(code));
        sqlite3_free(error);
        const auto firstLine = sql.substr(0, sql.find('\n'));
        message += " (while running: " + firstLine.substr(0, 120) + ")";
        throw DatabaseError(message, code);
    }
}

Statement Database::prepare(const std::string& sql)
{
    return Statement(*this, sql);
}

std::string Database::queryText(const std::string& sql)
{
    Statement statement(*this, sql);
    if (!statement.step() || statement.columnCount() == 0)
        return {};
    return statement.columnText(0);
}

std::int64_t Database::queryInt64(const std::string& sql)
{
    Statement statement(*this, sql);
    if (!statement.step() || statement.columnCount() == 0)
        return 0;
    return statement.columnInt64(0);
}

std::int64_t Database::lastInsertRowId() const
{
    return m_db != nullptr ? sqlite3_last_insert_rowid(m_db) : 0;
}

int Database::changes() const
{
    return m_db != nullptr ? sqlite3_changes(m_db) : 0;
}

bool Database::inTransaction() const
{
    return m_db != nullptr && sqlite3_get_autocommit(m_db) == 0;
}

void Database::setBusyTimeout(int milliseconds)
{
    if (m_db == nullptr)
        return;
    const int code = sqlite3_busy_timeout(m_db, milliseconds);
    if (code != SQLITE_OK)
        raise(code, "setting the busy timeout");
}

// ---------------------------------------------------------------------------------------------------------
// Statement

Statement::Statement(Database& db, const std::string& sql) : m_db(&db), m_sql(sql)
{
    if (!db.isOpen())
        throw DatabaseError("Database \"" + db.path() + "\" is not open");
    const int code =
        sqlite3_prepare_v2(db.handle(), sql.c_str(), static_cast<int>(sql.size()) + 1, &m_stmt, nullptr);
    if (code != SQLITE_OK) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        db.raise(code, "while preparing: " + sql.substr(0, 120));
    }
    if (m_stmt == nullptr)
        throw DatabaseError("Database \"" + db.path() + "\": empty SQL statement");
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_sql(std::move(other.m_sql))
{}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_sql = std::move(other.m_sql);
    }
    return *this;
}

void Statement::check(int code, std::string_view context) const
{
    if (code == SQLITE_OK)
        return;
    if (m_db == nullptr)
        throw DatabaseError("Statement is not prepared", code);
    m_db->raise(code, std::string(context) + ": " + m_sql.substr(0, 120));
}

Statement& Statement::bind(int index, std::int64_t value)
{
    check(sqlite3_bind_int64(m_stmt, index, value), "binding parameter " + std::to_string(index));
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    check(sqlite3_bind_double(m_stmt, index, value), "binding parameter " + std::to_string(index));
    return *this;
}

Statement& Statement::bind(int index, std::string_view value)
{
    check(sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
          "binding parameter " + std::to_string(index));
    return *this;
}

Statement& Statement::bindNull(int index)
{
    check(sqlite3_bind_null(m_stmt, index), "binding parameter " + std::to_string(index));
    return *this;
}

bool Statement::step()
{
    if (m_stmt == nullptr)
        throw DatabaseError("Statement is not prepared");
    const int code = sqlite3_step(m_stmt);
    if (code == SQLITE_ROW)
        return true;
    if (code == SQLITE_DONE)
        return false;
    check(code, "while running");
    return false; // not reached
}

void Statement::reset(bool clearBindings)
{
    if (m_stmt == nullptr)
        return;
    // sqlite3_reset repeats the last step's error; that error was already reported by step().
    sqlite3_reset(m_stmt);
    if (clearBindings)
        sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const
{
    return m_stmt != nullptr ? sqlite3_column_count(m_stmt) : 0;
}

bool Statement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::columnDouble(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::columnText(int column) const
{
    const auto* text = sqlite3_column_text(m_stmt, column);
    if (text == nullptr)
        return {};
    const int bytes = sqlite3_column_bytes(m_stmt, column);
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(bytes));
}

// ---------------------------------------------------------------------------------------------------------
// Transaction

Transaction::Transaction(Database& db) : m_db(db)
{
    m_db.exec("BEGIN IMMEDIATE");
    m_active = true;
}

Transaction::~Transaction()
{
    if (m_active) {
        try {
            rollback();
        } catch (...) {
            // A destructor must not throw; SQLite rolls back by itself when the connection closes.
        }
    }
}

void Transaction::commit()
{
    if (!m_active)
        throw DatabaseError("Database \"" + m_db.path() + "\": commit without an active transaction");
    m_db.exec("COMMIT");
    m_active = false;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    // After some errors (e.g. SQLITE_FULL) SQLite has already rolled back by itself.
    if (m_db.inTransaction())
        m_db.exec("ROLLBACK");
}

} // namespace salient
