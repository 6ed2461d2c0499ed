#pragma once

#include "core/index/IndexView.h"

#include <cstdint>
#include <vector>

namespace salient {

/// One of a class's most important neural features, with the images that show it.
struct RankedFeature
{
    int feature = 0;
    int rank = 0;            ///< 1 = most important
    double importance = 0.0; ///< IV_c[j] = mean over images predicted as c of features[j] * W[c][j]
    std::vector<std::int64_t> topPredicted; ///< images predicted as c, highest activation first (discovery)
    std::vector<std::int64_t> topLabelled;  ///< images labelled c, highest activation first (generalisation)
};

struct RankingOptions
{
    int features = 5;     ///< k, the features per class
    int topPredicted = 5; ///< images per feature for the discovery study
    int topLabelled = 65; ///< images labelled c per feature (ImageNet: 5 % of 1300)
    double topLabelledPercent = 0; ///< when > 0, this share of the class's images instead of topLabelled
};

/// Step 2-3 of the method for one class. Empty when no image is predicted as the class.
std::vector<RankedFeature> rankClassFeatures(const IndexView& index, int cls,
                                             const RankingOptions& options = {});

/// rankClassFeatures for every class in one pass over the index (element c = class c).
std::vector<std::vector<RankedFeature>> rankAllClassFeatures(const IndexView& index,
                                                             const RankingOptions& options = {});

} // namespace salient
