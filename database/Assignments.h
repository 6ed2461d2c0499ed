#pragma once

#include "database/Annotators.h"
#include "database/Database.h"
#include "database/Studies.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace salient {

/// A HIT handed to an annotator and not answered yet.
struct Assignment
{
    Hit hit;
    std::string assignedAt;
    bool resumed = false; ///< the annotator already held it (e.g. after a crash or an undo)
};

/// The annotator's next HIT of the study, in one write transaction so that processes sharing the
/// workspace never over-assign:
/// - a HIT the annotator already holds comes first (it is renewed), unless its lease ran out and the
///   others filled it meanwhile (then it is dropped);
/// - otherwise the first HIT, in HIT order, that the annotator never answered or held and whose
///   answers plus live assignments of others are fewer than the study's answersPerHit. An assignment is
///   live for the study's lease; an expired one no longer holds a place.
/// Empty when nothing is left for this annotator. Throws InputError for an imported annotator.
std::optional<Assignment> nextHit(Database& db, const Study& study, const Annotator& annotator);

/// The same, passing over the HITs in `passOver` (those the annotator skipped in this sitting): they are
/// neither resumed nor taken.
std::optional<Assignment> nextHit(Database& db, const Study& study, const Annotator& annotator,
                                  const std::vector<std::int64_t>& passOver);

/// Gives a held HIT back (a skip), so that its place is free for others at once. Nothing happens when
/// the annotator does not hold it.
void releaseHit(Database& db, std::int64_t hitId, const Annotator& annotator);

/// The HITs of the study the annotator holds, oldest first.
std::vector<Assignment> openAssignments(Database& db, const Study& study, const Annotator& annotator);

} // namespace salient
