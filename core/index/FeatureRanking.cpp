#include "core/index/FeatureRanking.h"

#include "core/Errors.h"

#include <algorithm>
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

} // namespace

std::vector<RankedFeature> rankClassFeatures(const IndexView& index, int cls, const RankingOptions& options)
{
    if (cls < 0 || cls >= index.classes())
        throw InputError("class " + std::to_string(cls) + " is outside 0-" +
                         std::to_string(index.classes() - 1));
    const int width = index.featureWidth();
    const std::size_t columns = static_cast<std::size_t>(width);
    std::vector<std::int64_t> predicted, labelled;
    std::vector<double> sum(columns, 0.0);
    for (std::int64_t i = 0; i < index.images(); ++i) {
        if (index.prediction(i) < 0)
            continue;
        if (index.label(i) == cls)
            labelled.push_back(i);
        if (index.prediction(i) != cls)
            continue;
        predicted.push_back(i);
        const float* f = index.features(i);
        for (int j = 0; j < width; ++j)
            sum[std::size_t(j)] += f[j];
    }
    if (predicted.empty())
        return {};
    const float* weights = index.classWeights(cls);
    std::vector<double> importance(columns);
    for (int j = 0; j < width; ++j)
        importance[std::size_t(j)] = sum[std::size_t(j)] / double(predicted.size()) * weights[j];
    std::vector<int> order(columns);
    std::iota(order.begin(), order.end(), 0);
    const std::size_t k = std::min(order.size(), std::size_t(std::max(0, options.features)));
    std::partial_sort(order.begin(), order.begin() + long(k), order.end(), [&](int a, int b) {
        return importance[std::size_t(a)] > importance[std::size_t(b)] ||
               (importance[std::size_t(a)] == importance[std::size_t(b)] && a < b);
    });
    std::vector<RankedFeature> ranked;
    for (std::size_t r = 0; r < k; ++r) {
        RankedFeature feature;
        feature.feature = order[r];
        feature.rank = int(r) + 1;
        feature.importance = importance[std::size_t(order[r])];
        feature.topPredicted = topByActivation(index, predicted, order[r], options.topPredicted);
        feature.topLabelled = topByActivation(index, labelled, order[r], options.topLabelled);
        ranked.push_back(std::move(feature));
    }
    return ranked;
}

} // namespace salient
