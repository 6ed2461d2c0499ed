#pragma once

#include "base/Job.h"

#include <cstdint>
#include <optional>
#include <string>

namespace salient {

class Workspace;

struct DatasetBuildOptions
{
    std::optional<std::string> study; ///< the discovery study; default: the latest one
    int top = 65;                     ///< images per pair (the paper: 65 of ~1300, 5 %)
    std::string device = "auto";
    int batchSize = 16;   ///< images per forward pass
    bool rebuild = false; ///< drop what an earlier build stored and compute every pair again
};

struct DatasetBuildResult
{
    std::string study;
    int pairs = 0; ///< labelled pairs (core or spurious)
    int corePairs = 0;
    int spuriousPairs = 0;
    int computedPairs = 0; ///< pairs whose masks this run computed; the others were kept from before
    int shortPairs = 0;    ///< pairs with fewer than `top` images in the index (index --top-labelled)
    std::int64_t masks = 0;
    int width = 0;
    int height = 0;
};

/// Step 5 of the method: for every (class, feature) pair that the discovery study labelled core or
/// spurious, the NAMs of the feature on the `top` images labelled as the class with the highest
/// activation (the index's 'generalisation' images, in order), stored as soft masks at the model's input
/// size in salient-dataset/masks.u8 and the dataset tables. Resumable: a pair is committed with its
/// masks, and a run skips pairs already stored with the same label and image count. Throws InputError
/// for a workspace without an index or a discovery study, and JobCancelled (keeping finished pairs).
DatasetBuildResult buildDataset(Workspace& workspace, const DatasetBuildOptions& options,
                                const Job& job = {});

} // namespace salient
