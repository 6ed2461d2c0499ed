#pragma once

#include "database/DatasetTables.h"

#include <vector>

namespace salient {

class DatasetReader;

/// How much of a pair's soft-mask mass lies on the main object, by the demo world's true masks.
struct PairObjectShare
{
    DatasetPair pair;
    double objectShare = 0.0; ///< mean over the pair's images of sum(mask * object) / sum(mask)
    int images = 0;           ///< images with a non-zero mask
};

/// The object share of every pair of the dataset, measured against the true masks that the demo world
/// keeps beside its images (dataset/masks/<split>/<wnid>/<name>.png, red = the item). Throws InputError
/// when the images root has no such masks (only the demo world has them) or a mask's size differs.
std::vector<PairObjectShare> datasetObjectShares(const DatasetReader& reader);

} // namespace salient
