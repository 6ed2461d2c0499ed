#include "database/Workspace.h"

#include "database/Migrations.h"
#include "database/WorkspaceIntegrity.h"

#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <system_error>
#include <utility>

namespace fs = std::filesystem;

namespace salient {

namespace {

std::string quoted(const fs::path& path)
{
    return "\"" + path.string() + "\"";
}

fs::path normalizedFolder(const std::string& dir)
{
    std::error_code ec;
    fs::path path = fs::absolute(fs::path(dir), ec);
    if (ec)
        path = fs::path(dir);
    path = path.lexically_normal();
    // "/a/b/" normalises to "/a/b/"; drop the empty last component so that path() has no trailing slash.
    if (!path.has_filename() && path.has_parent_path() && path != path.root_path())
        path = path.parent_path();
    return path;
}

bool tableExists(Database& db, const char* name)
{
    Statement statement = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
    statement.bind(1, name);
    return statement.step();
}

int appliedVersion(Database& db)
{
    return static_cast<int>(db.queryInt64("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
}

/// Reads the file's header through SQLite: fails with a clear message when it is not a SQLite database.
void checkIsSqlite(Database& db, const fs::path& file)
{
    try {
        db.queryInt64("SELECT count(*) FROM sqlite_master");
    } catch (const DatabaseError& error) {
        const int primary = error.sqliteCode() & 0xff;
        if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
            throw InputError(quoted(file) +
                             " is not a SQLite database (it may be damaged, or belong to another program): " +
                             sqlite3_errstr(error.sqliteCode()));
        throw;
    }
}

void checkSchemaIsKnown(Database& db, const fs::path& file)
{
    const bool hasMigrations = tableExists(db, "schema_migrations");
    if (!hasMigrations) {
        const auto tables = db.queryInt64("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
        if (tables > 0)
            throw InputError(quoted(file) +
                             " is a SQLite database but not a Salient Studio workspace (it has no "
                             "schema_migrations table)");
        return; // a new, empty database
    }
    const int version = appliedVersion(db);
    const int latest = Workspace::latestSchemaVersion();
    if (version > latest)
        throw InputError(quoted(file) + " was written by a newer version of Salient Studio (schema version " +
                         std::to_string(version) + "; this program knows versions up to " +
                         std::to_string(latest) + "). Please upgrade Salient Studio to open it.");
}

/// Refuses a damaged file before anything is written to it. Checked once per process and file: the
/// GUI opens its workspace many times, and a large file takes seconds to check.
void checkNotDamaged(Database& db, const fs::path& file)
{
    static std::mutex mutex;
    static std::set<std::string> sound;
    const std::lock_guard lock(mutex);
    if (sound.count(file.string()))
        return;
    std::vector<std::string> problems;
    try {
        problems = databaseProblems(db, false, 3);
    } catch (const DatabaseError& error) {
        problems.push_back(error.what());
    }
    if (!problems.empty())
        throw InputError(quoted(file) + " is damaged (" + problems.front() +
                         (problems.size() > 1 ? ", ..." : "") +
                         "); it is not used, so nothing more is lost. " + recoveryAdvice(file.string()));
    sound.insert(file.string());
}

void migrate(Database& db, const fs::path& file)
{
    db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (\n"
            "    version    INTEGER PRIMARY KEY,\n"
            "    applied_at TEXT NOT NULL\n"
            ")");
    const auto& migrations = workspaceMigrations();
    const int latest = static_cast<int>(migrations.size());
    const int applied = appliedVersion(db);
    if (applied >= latest)
        return;
    // An upgrade rewrites tables; the copy is the way back if it goes wrong or the old program is needed.
    if (applied > 0)
        backupDatabase(db, defaultBackupPath(file.parent_path().string(),
                                             "before-schema-" + std::to_string(applied + 1)));

    for (int version = 1; version <= latest; ++version) {
        try {
            Transaction transaction(db);
            // Checked again inside the write lock: another process may have migrated meanwhile.
            if (appliedVersion(db) >= version)
                continue; // the guard rolls the empty transaction back
            db.exec(migrations[static_cast<std::size_t>(version - 1)]);
            Statement record = db.prepare("INSERT INTO schema_migrations (version, applied_at) "
                                          "VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
            record.bind(1, version);
            record.step();
            transaction.commit();
        } catch (const DatabaseError& error) {
            throw DatabaseError("Cannot upgrade " + quoted(file) + " to schema version " +
                                    std::to_string(version) + ": " + error.what(),
                                error.sqliteCode());
        }
    }
}

} // namespace

Workspace::Workspace(std::string path, std::unique_ptr<Database> db)
    : m_path(std::move(path)), m_db(std::move(db))
{}

Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;
Workspace::~Workspace() = default;

int Workspace::latestSchemaVersion()
{
    return static_cast<int>(workspaceMigrations().size());
}

bool Workspace::looksLikeWorkspace(const std::string& dir)
{
    std::error_code ec;
    return !dir.empty() && fs::is_regular_file(fs::path(dir) / DatabaseFileName, ec);
}

Workspace Workspace::open(const std::string& dir, bool create)
{
    if (dir.empty())
        throw InputError("No workspace folder given");
    const fs::path folder = normalizedFolder(dir);

    std::error_code ec;
    const auto folderStatus = fs::status(folder, ec);
    if (!fs::exists(folderStatus)) {
        if (!create)
            throw InputError("Workspace folder " + quoted(folder) + " does not exist");
        fs::create_directories(folder, ec);
        if (ec)
            throw DatabaseError("Cannot create workspace folder " + quoted(folder) + ": " + ec.message());
    } else if (!fs::is_directory(folderStatus)) {
        throw InputError(quoted(folder) + " is not a folder");
    }

    const fs::path file = folder / DatabaseFileName;
    const auto fileStatus = fs::status(file, ec);
    if (!fs::exists(fileStatus)) {
        if (!create)
            throw InputError("Folder " + quoted(folder) + " is not a Salient Studio workspace (it has no " +
                             DatabaseFileName + ")");
    } else if (!fs::is_regular_file(fileStatus)) {
        throw InputError(quoted(file) + " is not a regular file");
    }

    auto db = std::make_unique<Database>(file.string(), create ? Database::OpenMode::ReadWriteCreate
                                                               : Database::OpenMode::ReadWrite);
    checkIsSqlite(*db, file);
    checkNotDamaged(*db, file);
    checkSchemaIsKnown(*db, file);

    db->exec("PRAGMA foreign_keys = ON");
    // WAL lets readers (the GUI) and a writer (a running job, the CLI) work side by side. journal_mode
    // returns the resulting mode; a file system without shared memory may keep the old one.
    db->queryText("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA synchronous = NORMAL");

    migrate(*db, file);
    return Workspace(folder.string(), std::move(db));
}

Workspace Workspace::openForRepair(const std::string& dir)
{
    const fs::path folder = normalizedFolder(dir);
    const fs::path file = folder / DatabaseFileName;
    if (!fs::is_regular_file(file))
        throw InputError("Folder " + quoted(folder) + " is not a Salient Studio workspace (it has no " +
                         DatabaseFileName + ")");
    auto db = std::make_unique<Database>(file.string(), Database::OpenMode::ReadWrite);
    return Workspace(folder.string(), std::move(db));
}

std::string Workspace::databasePath() const
{
    return (fs::path(m_path) / DatabaseFileName).string();
}

int Workspace::schemaVersion() const
{
    return appliedVersion(*m_db);
}

std::optional<std::string> Workspace::configValue(const std::string& key) const
{
    Statement statement = m_db->prepare("SELECT value FROM config WHERE key = ?1");
    statement.bind(1, key);
    if (!statement.step())
        return std::nullopt;
    return statement.columnText(0);
}

void Workspace::setConfigValue(const std::string& key, const std::string& value)
{
    Statement statement = m_db->prepare("INSERT INTO config (key, value) VALUES (?1, ?2) "
                                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    statement.bind(1, key).bind(2, value);
    statement.step();
}

void Workspace::removeConfigValue(const std::string& key)
{
    Statement statement = m_db->prepare("DELETE FROM config WHERE key = ?1");
    statement.bind(1, key);
    statement.step();
}

} // namespace salient
