#pragma once

#include "database/StudyKind.h"

#include <optional>
#include <string>
#include <vector>

namespace salient {

/// A pair's label derived from its answers. Pure functions over vote counts; no database.
///
/// Discovery (counts: main_object m, separate_object s, background b; n = m + s + b):
/// - "spurious" when the spurious answers are a strict majority, 2 (s + b) > n (the paper: at least 3 of
///   5); "core" when main_object is, 2 m > n; "tie" otherwise (only possible for an even n).
/// - sub-label of a spurious pair, among its s + b spurious answers: "background" when 2 b > s + b,
///   "separate_object" when 2 s > s + b, else "ambiguous" (b == s, e.g. 2 background + 2 separate of 5).
///   Core and tied pairs have no sub-label.
/// Validation (counts: same, different, first_unclear, second_unclear):
/// - "same" when 2 same > n, "different" when 2 different > n, else "unclear".
struct DerivedLabel
{
    std::string label;    ///< empty when there are no answers
    std::string subLabel; ///< empty when none
    int answers = 0;
    /// (votes of the leading label - votes of the runner-up) / n: 0 for a tie, 0.2 for 3 of 5.
    /// Discovery compares core with spurious; validation same, different and unclear.
    double margin = 0.0;
    /// Fleiss' P_i over the answer options: the share of agreeing pairs of answers (1 below 2 answers).
    double agreement = 1.0;
};

/// `counts` in the order of answerOptions(kind).
DerivedLabel deriveLabel(StudyKind kind, const std::vector<int>& counts);

/// Fleiss' P_i of one item: (sum_j n_j^2 - n) / (n (n - 1)); 1 when n < 2.
double pairAgreement(const std::vector<int>& counts);

/// Fleiss' kappa of items x categories counts. Items with fewer than 2 ratings are left out. With n_i
/// ratings of item i: P_i as above, P = mean of P_i, p_j = sum_i n_ij / sum_i n_i, P_e = sum_j p_j^2,
/// kappa = (P - P_e) / (1 - P_e). With the same n for every item this is Fleiss (1971); with varying n it
/// weights every item alike. Empty when undefined: no item with 2 ratings, or P_e = 1 (every rating in
/// one category).
std::optional<double> fleissKappa(const std::vector<std::vector<int>>& items);

/// Discovery counts folded to two categories, {main_object, separate_object + background}: the kappa
/// of the core/spurious decision itself.
std::vector<int> coreSpuriousCounts(const std::vector<int>& discoveryCounts);

} // namespace salient
