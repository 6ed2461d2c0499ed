#pragma once

#include "database/Database.h"

#include <string>

namespace salient {

/// What a merge brought in.
struct MergeResult
{
    int studiesAdded = 0;
    int hitsAdded = 0;
    int annotatorsAdded = 0;
    int responsesAdded = 0;
    int responsesPresent = 0;   ///< already here (same uid): merging twice adds nothing
    int responsesWithdrawn = 0; ///< removed here because they were undone there (or skipped: undone here)
    int conflicts = 0;          ///< an annotator answered the same HIT here and there: this one is kept
    int adjudicationsAdded = 0;
};

/// Merges the studies, HITs, annotators, responses, withdrawals and adjudications of the workspace
/// database at `otherDatabasePath` (read only) into `db`, in one write transaction. Studies match by
/// uid (copies of one workspace share them; a new one is added, renamed when its name is taken), HITs
/// by (study, class, feature), annotators by name, responses and adjudications by uid, so merging the
/// same workspace again adds nothing. Throws InputError when the other file is not a workspace, has
/// an older or newer schema, or is `db` itself.
MergeResult mergeWorkspace(Database& db, const std::string& otherDatabasePath);

} // namespace salient
