#pragma once

#include "database/ClassMetadata.h"
#include "database/Database.h"
#include "database/MturkCsv.h"
#include "database/Studies.h"

#include <string>
#include <vector>

namespace salient {

struct MturkImportResult
{
    Study study;
    int answers = 0;
    int pairs = 0;
    int annotators = 0; ///< distinct workers
    int classes = 0;    ///< class metadata rows stored
};

/// Imports the rows read from `csvPath` (named in messages) as a new discovery study of origin mturk
/// (named options.name, default "mturk-discovery", numbered when taken),
/// with one HIT per (class, feature) pair in order of first appearance and each WorkerId as the
/// imported annotator "mturk-<WorkerId>"; with `metadata`, also stores the classes' metadata. One write
/// transaction: all or nothing. Imported reasons are kept as they are (the reason rule applies to new
/// answers only). When options.answersPerHit is 0 it becomes the most answers any pair has. Throws
/// InputError "FILE:LINE: ..." for a pair whose wnid or rank differs between rows, a class index
/// with two wnids (or another wnid than the metadata gives it), a worker answering a pair twice, and no
/// rows.
MturkImportResult importMturk(Database& db, const std::string& csvPath, const std::vector<MturkRow>& rows,
                              const std::vector<ClassMetadata>& metadata, StudyOptions options);

/// The study's answers as MTurk rows, in the order they were recorded: WorkerId is the imported
/// worker's id, or the annotator's name for answers given here.
std::vector<MturkRow> exportMturkRows(Database& db, const Study& study);

} // namespace salient
