#pragma once

#include "database/Database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace salient {

/// The parts of a workspace a window shows, as a watch reports their changes.
enum class WorkspaceArea
{
    Index,   ///< the feature index tables or the folder they come from
    Studies, ///< a study created, imported or merged
    Answers, ///< answers given, withdrawn or adjudicated
    Dataset, ///< the Salient dataset's pairs and masks
    Sweeps,  ///< sweep runs and their results
};

/// Cheap figures that change whenever an area changes (counts and highest ids, joined with ':'), read
/// in one snapshot.
struct WorkspaceFingerprint
{
    std::string index;
    std::string studies;
    std::string answers;
    std::string dataset;
    std::string sweeps;
};

WorkspaceFingerprint workspaceFingerprint(Database& db);

/// Watches a workspace's database for what other connections commit (another process, or a worker
/// thread's own connection). Polling is cheap: one `PRAGMA data_version` on the watch's read-only
/// connection, and the fingerprint only when it moved.
class WorkspaceWatch
{
public:
    /// Opens `databasePath` read-only; throws DatabaseError when it cannot.
    explicit WorkspaceWatch(const std::string& databasePath);

    /// The areas that changed since the watch was made or last polled; empty when none did.
    std::vector<WorkspaceArea> poll();

private:
    std::int64_t dataVersion();

    Database m_db;
    std::int64_t m_version = 0;
    WorkspaceFingerprint m_last;
};

} // namespace salient
