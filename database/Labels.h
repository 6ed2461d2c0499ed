#pragma once

#include "database/Aggregation.h"
#include "database/Database.h"
#include "database/Studies.h"

#include <cstdint>
#include <string>
#include <vector>

namespace salient {

/// A HIT with its answer counts, its majority label and its final label.
struct PairLabel
{
    Hit hit;
    std::vector<int> votes; ///< in answerOptions(kind) order
    DerivedLabel majority;  ///< from the votes (Aggregation's rule)
    bool complete = false;  ///< answers >= the study's answersPerHit
    /// The label that counts: the latest adjudication, else the majority of a complete HIT; empty when
    /// there is neither.
    std::string finalLabel;
    std::string finalSubLabel;
    std::string source; ///< adjudication | majority | empty
};

/// Rewrites the derived labels (table hit_labels) of these HITs from their responses. Runs inside the
/// caller's write transaction, so labels always match the responses.
void refreshHitLabels(Database& db, const Study& study, const std::vector<std::int64_t>& hitIds);
/// The same for every HIT of the study.
void refreshStudyLabels(Database& db, const Study& study);

/// Every HIT of the study with its votes and labels, in HIT order.
std::vector<PairLabel> pairLabels(Database& db, const Study& study);

} // namespace salient
