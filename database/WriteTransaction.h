#pragma once

#include "database/Database.h"

#include <chrono>

namespace salient {

/// BEGIN IMMEDIATE that waits for other writers: SQLITE_BUSY (another process holds the write lock for
/// longer than the busy timeout) is retried with a growing, jittered pause until `patience` runs out,
/// so "database is locked" never reaches a user while the workspace is merely busy. Rolls back on
/// destruction unless commit() was called.
class WriteTransaction
{
public:
    static constexpr std::chrono::seconds DefaultPatience{120};

    explicit WriteTransaction(Database& db, std::chrono::milliseconds patience = DefaultPatience);
    ~WriteTransaction();

    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    void commit();

private:
    Database& m_db;
    bool m_active = false;
};

} // namespace salient
