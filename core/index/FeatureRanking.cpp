#include "core/index/FeatureRanking.h"

#include "base/Errors.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace salient {
namespace {

/// The `count` images of `candidates` with the highest activation of `feature`, highest first; ties
/// keep index order, so the result is deterministic.
std::vector<std::int64_t> topByActivation(const IndexView& index, std::vector<std::int64_t> candidates,
                                          int feature, int count)
{
    const std::size_t keep = std::min(candidates.size(), std::size_t(std::max(0, count)));
    std::partial_sort(candidates.begin(), candidates.begin() + long(keep), candidates.end(),
                      [&](std::int64_t a, std::int64_t b) {
                          const float fa = index.features(a)[feature], fb = index.features(b)[feature];
                          return fa > fb || (fa == fb && a < b);
                      });
    candidates.resize(keep);
    return candidates;
}

/// The images of one class and the sum of the feature vectors of those predicted as it.
struct ClassMembers
{
    std::vector<std::int64_t> predicted;
    std::vector<std::int64_t> labelled;
    std::vector<double> featureSum;
};

/// One pass over the index collecting the members of class `onlyClass`, or of every class when it is -1.
std::vector<ClassMembers> collectMembers(const IndexView& index, int onlyClass)
{
    const int width = index.featureWidth();
    const int count = onlyClass >= 0 ? 1 : index.classes();
    std::vector<ClassMembers> members(static_cast<std::size_t>(count));
    auto slot = [&](int cls) -> ClassMembers* {
        if (cls < 0 || cls >= index.classes() || (onlyClass >= 0 && cls != onlyClass))
            return nullptr;
        return &members[std::size_t(onlyClass >= 0 ? 0 : cls)];
    };
    for (std::int64_t i = 0; i < index.images(); ++i) {
        if (index.prediction(i) < 0)
            continue;
        if (ClassMembers* labelled = slot(index.label(i)))
            labelled->labelled.push_back(i);
        ClassMembers* predicted = slot(index.prediction(i));
        if (!predicted)
            continue;
        predicted->predicted.push_back(i);
        if (predicted->featureSum.empty())
            predicted->featureSum.assign(std::size_t(width), 0.0);
        const float* f = index.features(i);
        for (int j = 0; j < width; ++j)
            predicted->featureSum[std::size_t(j)] += f[j];
    }
    return members;
}

int labelledCount(const RankingOptions& options, std::size_t classSize)
{
    if (options.topLabelledPercent > 0)
        return int(std::ceil(options.topLabelledPercent / 100.0 * double(classSize)));
    return options.topLabelled;
}

std::vector<RankedFeature> rankMembers(const IndexView& index, int cls, const ClassMembers& members,
                                       const RankingOptions& options)
{
    if (members.predicted.empty())
        return {};
    const int width = index.featureWidth();
    const std::size_t columns = static_cast<std::size_t>(width);
    const float* weights = index.classWeights(cls);
    std::vector<double> importance(columns);
    for (int j = 0; j < width; ++j)
        importance[std::size_t(j)] =
            members.featureSum[std::size_t(j)] / double(members.predicted.size()) * weights[j];
    std::vector<int> order(columns);
    std::iota(order.begin(), order.end(), 0);
    const std::size_t k = std::min(order.size(), std::size_t(std::max(0, options.features)));
    std::partial_sort(order.begin(), order.begin() + long(k), order.end(), [&](int a, int b) {
        return importance[std::size_t(a)] > importance[std::size_t(b)] ||
               (importance[std::size_t(a)] == importance[std::size_t(b)] && a < b);
    });
    const int labelled = labelledCount(options, members.labelled.size());
    std::vector<RankedFeature> ranked;
    for (std::size_t r = 0; r < k; ++r) {
        RankedFeature feature;
        feature.feature = order[r];
        feature.rank = int(r) + 1;
        feature.importance = importance[std::size_t(order[r])];
        feature.topPredicted = topByActivation(index, members.predicted, order[r], options.topPredicted);
        feature.topLabelled = topByActivation(index, members.labelled, order[r], labelled);
        ranked.push_back(std::move(feature));
    }
    return ranked;
}

} // namespace

std::vector<RankedFeature> rankClassFeatures(const IndexView& index, int cls, const RankingOptions& options)
{
    if (cls < 0 || cls >= index.classes())
        throw InputError("class " + std::to_string(cls) + " is outside 0-" +
                         std::to_string(index.classes() - 1));
    return rankMembers(index, cls, collectMembers(index, cls).front(), options);
}

std::vector<std::vector<RankedFeature>> rankAllClassFeatures(const IndexView& index,
                                                             const RankingOptions& options)
{
    const std::vector<ClassMembers> members = collectMembers(index, -1);
    std::vector<std::vector<RankedFeature>> ranked;
    ranked.reserve(members.size());
    for (std::size_t c = 0; c < members.size(); ++c)
        ranked.push_back(rankMembers(index, int(c), members[c], options));
    return ranked;
}

} // namespace salient
