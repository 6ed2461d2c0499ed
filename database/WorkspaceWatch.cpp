#include "database/WorkspaceWatch.h"

namespace salient {

WorkspaceFingerprint workspaceFingerprint(Database& db)
{
    // One read transaction, so the figures belong to one moment.
    db.exec("BEGIN");
    WorkspaceFingerprint print;
    try {
        print.index =
            db.queryText("SELECT COALESCE((SELECT value FROM config WHERE key = 'feature_index'), '') "
                         "|| ':' || (SELECT COUNT(*) FROM classes) || ':' || "
                         "(SELECT COUNT(*) FROM class_features)");
        print.studies = db.queryText("SELECT COUNT(*) || ':' || COALESCE(MAX(study_id), 0) FROM studies");
        // Counts with highest ids: an undo followed by a new answer keeps the count, not the id.
        print.answers = db.queryText("SELECT (SELECT COUNT(*) || ':' || COALESCE(MAX(response_id), 0) FROM "
                                     "responses) || ':' || (SELECT COUNT(*) FROM withdrawn_responses) || ':' "
                                     "|| (SELECT COUNT(*) FROM adjudications)");
        print.dataset = db.queryText(
            "SELECT (SELECT COUNT(*) FROM dataset_pairs) || ':' || (SELECT COUNT(*) FROM dataset_masks)");
        print.sweeps =
            db.queryText("SELECT (SELECT COUNT(*) || ':' || COALESCE(MAX(run_id), 0) FROM sweep_runs) "
                         "|| ':' || (SELECT COUNT(*) FROM sweep_results) || ':' || "
                         "(SELECT group_concat(status) FROM sweep_runs)");
    } catch (...) {
        db.exec("ROLLBACK");
        throw;
    }
    db.exec("COMMIT");
    return print;
}

WorkspaceWatch::WorkspaceWatch(const std::string& databasePath)
    : m_db(databasePath, Database::OpenMode::ReadOnly)
{
    m_version = dataVersion();
    m_last = workspaceFingerprint(m_db);
}

std::int64_t WorkspaceWatch::dataVersion()
{
    return m_db.queryInt64("PRAGMA data_version");
}

std::vector<WorkspaceArea> WorkspaceWatch::poll()
{
    const std::int64_t version = dataVersion();
    if (version == m_version)
        return {};
    m_version = version;
    const WorkspaceFingerprint now = workspaceFingerprint(m_db);
    std::vector<WorkspaceArea> changed;
    if (now.index != m_last.index)
        changed.push_back(WorkspaceArea::Index);
    if (now.studies != m_last.studies)
        changed.push_back(WorkspaceArea::Studies);
    if (now.answers != m_last.answers)
        changed.push_back(WorkspaceArea::Answers);
    if (now.dataset != m_last.dataset)
        changed.push_back(WorkspaceArea::Dataset);
    if (now.sweeps != m_last.sweeps)
        changed.push_back(WorkspaceArea::Sweeps);
    m_last = now;
    return changed;
}

} // namespace salient
