#pragma once

#include "base/Errors.h"

#include <cstdint>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace salient {

class Statement;

/// One connection to one SQLite file. Move-only; closes the connection on destruction.
class Database
{
public:
    enum class OpenMode
    {
        ReadOnly,
        ReadWrite,       ///< the file must exist
        ReadWriteCreate, ///< the file is created when missing
    };

    static constexpr int DefaultBusyTimeoutMs = 5000;

    Database() = default;
    explicit Database(const std::string& path, OpenMode mode = OpenMode::ReadWriteCreate);
    ~Database();

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    bool isOpen() const { return m_db != nullptr; }
    const std::string& path() const { return m_path; }
    void close();

    /// Runs one or more SQL statements separated by semicolons; result rows are discarded.
    void exec(const std::string& sql);
    Statement prepare(const std::string& sql);

    /// Convenience: first column of the first row of `sql` as text (empty when there is no row or NULL).
    std::string queryText(const std::string& sql);
    /// Convenience: first column of the first row of `sql` as an integer (0 when there is no row or NULL).
    std::int64_t queryInt64(const std::string& sql);

    std::int64_t lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;
    void setBusyTimeout(int milliseconds);

    sqlite3* handle() const { return m_db; }

    /// Throws a DatabaseError for SQLite result code `code`, naming the file and `context`.
    [[noreturn]] void raise(int code, std::string_view context) const;

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

/// A prepared statement. Parameter indexes start at 1 and column indexes at 0, as in SQLite.
class Statement
{
public:
    Statement() = default;
    Statement(Database& db, const std::string& sql);
    ~Statement();

    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bindNull(int index);

    /// Advances to the next row: true when a row is available, false when the statement is done.
    bool step();
    /// Makes the statement runnable again; bindings are kept unless `clearBindings` is true.
    void reset(bool clearBindings = false);

    int columnCount() const;
    bool columnIsNull(int column) const;
    std::int64_t columnInt64(int column) const;
    double columnDouble(int column) const;
    std::string columnText(int column) const;

    sqlite3_stmt* handle() const { return m_stmt; }

private:
    void check(int code, std::string_view context) const;

    Database* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_sql;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() was called.
class Transaction
{
public:
    explicit Transaction(Database& db);
    ~Transaction();

    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();
    void rollback();
    bool isActive() const { return m_active; }

private:
    Database& m_db;
    bool m_active = false;
};

} // namespace salient
