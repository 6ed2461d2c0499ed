#pragma once

#include "database/Database.h"

#include <string>
#include <vector>

namespace salient {

/// SQLite's own check of the file: `PRAGMA quick_check` (structure, seconds on a large file) or, when
/// `thorough`, `PRAGMA integrity_check` (also indexes against tables). Empty when the file is sound,
/// else SQLite's findings, at most `limit` of them.
std::vector<std::string> databaseProblems(Database& db, bool thorough, int limit = 20);

/// Copies the live database into a new file `target` with SQLite's online backup API: a consistent
/// snapshot even while other processes write. The copy is written beside the target and renamed, so a
/// failed backup leaves no half file. Throws DatabaseError naming the target.
void backupDatabase(Database& db, const std::string& target);

/// Where a backup of `databaseFile` goes by default: the workspace's backups/ folder, named by `reason`
/// ("manual", "before-schema-7") and the time, e.g. backups/salient-manual-20261202-134501.db.
std::string defaultBackupPath(const std::string& workspaceFolder, const std::string& reason);

/// How to recover a damaged workspace database, for messages that refuse to use it.
std::string recoveryAdvice(const std::string& databaseFile);

} // namespace salient
