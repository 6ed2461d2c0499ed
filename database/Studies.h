#pragma once

#include "database/Database.h"
#include "database/ReasonRule.h"
#include "database/StudyKind.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace salient {

/// A (class, feature) pair as a study keeps it: its own copy, independent of the feature index tables.
struct StudyPair
{
    int classIndex = 0;
    std::string wnid;
    int feature = 0;
    int rank = 0;
};

struct StudyOptions
{
    std::string name;        ///< empty: the kind's name, numbered when taken ("discovery-2")
    int answersPerHit = 5;   ///< distinct annotators per HIT (the paper: 5)
    int leaseSeconds = 7200; ///< how long a handed-out HIT is held for its annotator
    ReasonRule reasonRule;
};

struct Study
{
    std::int64_t id = 0;
    std::string uid; ///< the same study in every copy of the workspace (merge matches it)
    std::string name;
    StudyKind kind = StudyKind::Discovery;
    std::string origin; ///< local | mturk
    int answersPerHit = 5;
    int leaseSeconds = 7200;
    ReasonRule reasonRule;
    std::optional<std::int64_t> sourceStudyId; ///< validation: the discovery study it checks
    std::string createdAt;
};

/// One HIT: one pair of one study, to be answered by answersPerHit distinct annotators.
struct Hit
{
    std::int64_t id = 0;
    std::int64_t studyId = 0;
    StudyPair pair;
};

/// Creates a study with one HIT per pair in one write transaction. Throws InputError for a taken name,
/// answersPerHit < 1, a negative lease, a reason rule below 1 character or word, no pairs, and a pair
/// listed twice.
Study createStudy(Database& db, StudyKind kind, const StudyOptions& options,
                  const std::vector<StudyPair>& pairs,
                  std::optional<std::int64_t> sourceStudyId = std::nullopt);

/// The same inside the caller's transaction, with the study's origin (local | mturk).
Study insertStudy(Database& db, StudyKind kind, const StudyOptions& options,
                  const std::vector<StudyPair>& pairs, std::optional<std::int64_t> sourceStudyId,
                  const std::string& origin);

/// `base` when no study has that name, else the first free "base-2", "base-3", ...
std::string freeStudyName(Database& db, const std::string& base);

/// Every row of the feature index table class_features with its class's wnid, by class and rank.
std::vector<StudyPair> indexedPairs(Database& db);
/// The pairs of a discovery study with a final label, core or spurious (complete or adjudicated).
std::vector<StudyPair> labelledPairs(Database& db, const Study& discovery);

std::vector<Study> studies(Database& db); ///< oldest first
std::optional<Study> findStudy(Database& db, const std::string& name);
std::optional<Study> findStudyById(Database& db, std::int64_t studyId);
/// The study named `name`, or the latest created one when no name is given. Throws InputError when
/// the workspace has no study or none of that name (the message lists the names).
Study chooseStudy(Database& db, const std::optional<std::string>& name);

std::optional<Hit> findHit(Database& db, std::int64_t hitId);
std::vector<Hit> studyHits(Database& db, std::int64_t studyId); ///< in HIT order

} // namespace salient
