#include "database/WorkspaceIntegrity.h"

#include <sqlite3.h>

#include <ctime>
#include <filesystem>
#include <memory>

namespace fs = std::filesystem;

namespace salient {

std::vector<std::string> databaseProblems(Database& db, bool thorough, int limit)
{
    Statement check = db.prepare(std::string(thorough ? "PRAGMA integrity_check(" : "PRAGMA quick_check(") +
                                 std::to_string(limit) + ")");
    std::vector<std::string> problems;
    while (check.step()) {
        const std::string line = check.columnText(0);
        if (line != "ok")
            problems.push_back(line);
    }
    return problems;
}

void backupDatabase(Database& db, const std::string& target)
{
    const fs::path finalPath(target);
    std::error_code ec;
    if (finalPath.has_parent_path())
        fs::create_directories(finalPath.parent_path(), ec);
    const std::string partial = target + ".partial";
    fs::remove(partial, ec);
    sqlite3* raw = nullptr;
    const int opened =
        sqlite3_open_v2(partial.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> copy(raw, &sqlite3_close);
    if (opened != SQLITE_OK)
        throw DatabaseError("Cannot create the backup \"" + partial + "\": " + sqlite3_errstr(opened),
                            opened);
    sqlite3_backup* backup = sqlite3_backup_init(copy.get(), "main", db.handle(), "main");
    if (!backup)
        throw DatabaseError("Cannot back up to \"" + target + "\": " + sqlite3_errmsg(copy.get()),
                            sqlite3_errcode(copy.get()));
    // All pages in one step: a writer that commits meanwhile makes SQLite restart the copy itself.
    int stepped = SQLITE_OK;
    do {
        stepped = sqlite3_backup_step(backup, -1);
        if (stepped == SQLITE_BUSY || stepped == SQLITE_LOCKED)
            sqlite3_sleep(50);
    } while (stepped == SQLITE_OK || stepped == SQLITE_BUSY || stepped == SQLITE_LOCKED);
    const int finished = sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
        const int code = stepped != SQLITE_DONE ? stepped : finished;
        fs::remove(partial, ec);
        throw DatabaseError("Backing up to \"" + target + "\" failed: " + sqlite3_errstr(code), code);
    }
    fs::rename(partial, finalPath, ec);
    if (ec)
        throw DatabaseError("Cannot move the backup into place at \"" + target + "\": " + ec.message());
}

std::string defaultBackupPath(const std::string& workspaceFolder, const std::string& reason)
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
    return (fs::path(workspaceFolder) / "backups" / ("salient-" + reason + "-" + stamp + ".db")).string();
}

std::string recoveryAdvice(const std::string& databaseFile)
{
    return "Restore a copy from the workspace's backups/ folder, or rescue what SQLite can still read: "
           "sqlite3 \"" +
           databaseFile +
           "\" .recover | sqlite3 recovered.db, then replace the file with "
           "recovered.db. `salient workspace check` runs the full check.";
}

} // namespace salient
