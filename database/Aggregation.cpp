#include "database/Aggregation.h"

#include <algorithm>
#include <functional>
#include <numeric>

namespace salient {
namespace {

int at(const std::vector<int>& counts, std::size_t i)
{
    return i < counts.size() ? counts[i] : 0;
}

/// (largest - second largest) / n of a few label vote counts.
double marginOf(std::vector<int> votes, int n)
{
    if (n <= 0)
        return 0.0;
    std::sort(votes.begin(), votes.end(), std::greater<>());
    const int second = votes.size() > 1 ? votes[1] : 0;
    return double(votes[0] - second) / double(n);
}

DerivedLabel discoveryLabel(const std::vector<int>& counts)
{
    const int main = at(counts, 0), separate = at(counts, 1), background = at(counts, 2);
    const int spurious = separate + background;
    DerivedLabel label;
    label.answers = main + spurious;
    if (label.answers == 0)
        return label;
    if (2 * spurious > label.answers) {
        label.label = "spurious";
        if (2 * background > spurious)
            label.subLabel = "background";
        else if (2 * separate > spurious)
            label.subLabel = "separate_object";
        else
            label.subLabel = "ambiguous";
    } else if (2 * main > label.answers) {
        label.label = "core";
    } else {
        label.label = "tie";
    }
    label.margin = marginOf({main, spurious}, label.answers);
    return label;
}

DerivedLabel validationLabel(const std::vector<int>& counts)
{
    const int same = at(counts, 0), different = at(counts, 1);
    const int unclear = at(counts, 2) + at(counts, 3);
    DerivedLabel label;
    label.answers = same + different + unclear;
    if (label.answers == 0)
        return label;
    if (2 * same > label.answers)
        label.label = "same";
    else if (2 * different > label.answers)
        label.label = "different";
    else
        label.label = "unclear";
    label.margin = marginOf({same, different, unclear}, label.answers);
    return label;
}

} // namespace

DerivedLabel deriveLabel(StudyKind kind, const std::vector<int>& counts)
{
    DerivedLabel label = kind == StudyKind::Discovery ? discoveryLabel(counts) : validationLabel(counts);
    label.agreement = pairAgreement(counts);
    return label;
}

double pairAgreement(const std::vector<int>& counts)
{
    const long n = std::accumulate(counts.begin(), counts.end(), 0L);
    if (n < 2)
        return 1.0;
    long squares = 0;
    for (int c : counts)
        squares += long(c) * c;
    return double(squares - n) / double(n * (n - 1));
}

std::optional<double> fleissKappa(const std::vector<std::vector<int>>& items)
{
    std::size_t categories = 0;
    for (const auto& item : items)
        categories = std::max(categories, item.size());
    std::vector<double> totals(categories, 0.0);
    double agreementSum = 0.0;
    double ratings = 0.0;
    int rated = 0;
    for (const auto& item : items) {
        const long n = std::accumulate(item.begin(), item.end(), 0L);
        if (n < 2)
            continue;
        agreementSum += pairAgreement(item);
        ++rated;
        ratings += double(n);
        for (std::size_t j = 0; j < item.size(); ++j)
            totals[j] += item[j];
    }
    if (rated == 0)
        return std::nullopt;
    double expected = 0.0;
    for (double total : totals)
        expected += (total / ratings) * (total / ratings);
    if (expected >= 1.0 - 1e-12)
        return std::nullopt;
    const double observed = agreementSum / rated;
    return (observed - expected) / (1.0 - expected);
}

std::vector<int> coreSpuriousCounts(const std::vector<int>& discoveryCounts)
{
    return {at(discoveryCounts, 0), at(discoveryCounts, 1) + at(discoveryCounts, 2)};
}

} // namespace salient
