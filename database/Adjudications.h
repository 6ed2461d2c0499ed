#pragma once

#include "database/Annotators.h"
#include "database/Database.h"
#include "database/Labels.h"
#include "database/Studies.h"

#include <cstdint>
#include <string>
#include <vector>

namespace salient {

/// An administrator's decision on a HIT, kept beside its responses (which it never changes). The
/// latest adjudication of a HIT is its final label.
struct Adjudication
{
    std::int64_t id = 0;
    std::string uid;
    std::int64_t hitId = 0;
    std::string adminName;
    std::string label;
    std::string subLabel;
    std::string note;
    std::string decidedAt;
};

/// Records `label` for the HIT. Discovery labels: core, or spurious with a sub-label background |
/// separate_object | ambiguous; validation labels: same | different | unclear. Throws InputError for
/// a non-administrator, a HIT that is not in the study, and a label or sub-label that does not fit.
Adjudication adjudicate(Database& db, const Study& study, std::int64_t hitId, const Annotator& admin,
                        const std::string& label, const std::string& subLabel, const std::string& note);

/// The adjudications of a HIT, oldest first.
std::vector<Adjudication> hitAdjudications(Database& db, std::int64_t hitId);

/// The review queue: the study's complete HITs that no administrator decided yet, most disputed
/// first: the smallest margin between the leading label and the runner-up (ties first), then the
/// lowest agreement between answers (Fleiss' P_i), then HIT order. At most `limit` (all when < 1).
std::vector<PairLabel> reviewQueue(Database& db, const Study& study, int limit);

} // namespace salient
