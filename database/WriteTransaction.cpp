#include "database/WriteTransaction.h"

#include <sqlite3.h>

#include <algorithm>
#include <random>
#include <thread>

namespace salient {
namespace {

bool isBusy(const DatabaseError& error)
{
    const int primary = error.sqliteCode() & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

} // namespace

WriteTransaction::WriteTransaction(Database& db, std::chrono::milliseconds patience) : m_db(db)
{
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + patience;
    std::minstd_rand jitter(std::random_device{}());
    std::chrono::milliseconds pause{2};
    while (true) {
        try {
            m_db.exec("BEGIN IMMEDIATE");
            m_active = true;
            return;
        } catch (const DatabaseError& error) {
            if (!isBusy(error))
                throw;
            if (Clock::now() >= deadline)
                throw DatabaseError("The workspace database \"" + m_db.path() + "\" stayed busy for " +
                                        std::to_string(patience.count() / 1000) +
                                        " s: another program keeps writing to it",
                                    error.sqliteCode());
        }
        std::this_thread::sleep_for(pause + std::chrono::milliseconds(jitter() % (pause.count() + 1)));
        pause = std::min(pause * 2, std::chrono::milliseconds(200));
    }
}

WriteTransaction::~WriteTransaction()
{
    if (m_active && m_db.inTransaction()) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // A destructor must not throw; SQLite rolls back by itself when the connection closes.
        }
    }
}

void WriteTransaction::commit()
{
    if (!m_active)
        throw DatabaseError("Database \"" + m_db.path() + "\": commit without an active transaction");
    m_db.exec("COMMIT");
    m_active = false;
}

} // namespace salient
