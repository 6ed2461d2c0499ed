#pragma once

#include "database/Studies.h"

#include <cstddef>
#include <optional>
#include <string>

namespace salient {

class Workspace;

/// What a new study is made of: its kind and options, and where its pairs come from.
struct StudyRequest
{
    StudyKind kind = StudyKind::Discovery;
    StudyOptions options;
    /// Validation: the discovery study whose labelled pairs it checks; default the latest one.
    std::optional<std::string> from;
    /// Discovery: the pairs of an MTurk CSV instead of the feature index's.
    std::optional<std::string> pairsFromCsv;
};

struct CreatedStudy
{
    Study study;
    std::size_t hits = 0;
};

/// Makes a study with one HIT per pair, as `salient hits create` and the Annotate tab do: a discovery
/// study over every ranked pair of the feature index (or an MTurk CSV's pairs), a validation study over
/// the labelled pairs of a discovery study. Throws InputError naming what is missing (no index, no
/// discovery study, nothing labelled yet) and what createStudy refuses.
CreatedStudy createStudyInWorkspace(Workspace& workspace, const StudyRequest& request);

/// The discovery study `name`, else the latest discovery study; InputError when there is none or `name`
/// is a validation study.
Study discoveryStudy(Database& db, const std::optional<std::string>& name);

} // namespace salient
