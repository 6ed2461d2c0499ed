#pragma once

#include "database/Database.h"

#include <memory>
#include <optional>
#include <string>

namespace salient {

/// One workspace = one folder holding `salient.db` (config, studies, index, sweeps) beside large binary
/// files. Opening a workspace applies the pending schema migrations. Move-only.
class Workspace
{
public:
    static constexpr const char* DatabaseFileName = "salient.db";

    /// Opens the workspace in folder `dir`. With `create`, the folder and its salient.db are created
    /// when missing; without it, both must exist. Throws InputError with a message naming the folder
    /// or file for a missing folder, a file that is not a SQLite database, a SQLite database that is
    /// not a workspace, and a schema newer than this program knows; DatabaseError when SQLite fails.
    ///
    /// The file is checked once per process (`PRAGMA quick_check`); a damaged one is refused with an
    /// InputError that says how to recover, so nothing is written to it. Before pending migrations, the
    /// database is backed up into backups/.
    static Workspace open(const std::string& dir, bool create);

    /// Opens an existing workspace without the damage check and without migrating, for
    /// `salient workspace check` and `backup`, which must work on a damaged file.
    static Workspace openForRepair(const std::string& dir);

    /// True when `dir` holds a salient.db file (nothing is opened or checked beyond that).
    static bool looksLikeWorkspace(const std::string& dir);

    /// The schema version this program creates and understands.
    static int latestSchemaVersion();

    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;
    ~Workspace();

    /// Absolute path of the workspace folder, without a trailing separator.
    const std::string& path() const { return m_path; }
    /// Absolute path of salient.db.
    std::string databasePath() const;
    /// The highest migration applied to salient.db.
    int schemaVersion() const;

    std::optional<std::string> configValue(const std::string& key) const;
    void setConfigValue(const std::string& key, const std::string& value);
    void removeConfigValue(const std::string& key);

    /// The connection, for the typed query modules built on top of the workspace.
    Database& database() const { return *m_db; }

private:
    Workspace(std::string path, std::unique_ptr<Database> db);

    std::string m_path;
    std::unique_ptr<Database> m_db;
};

} // namespace salient
