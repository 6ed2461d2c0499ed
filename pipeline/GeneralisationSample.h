#pragma once

#include <string>
#include <vector>

namespace salient {

class Workspace;

/// One image of a pair's generalisation set (step 5): the images labelled as the class on which the
/// feature is most active.
struct SampleImage
{
    std::string path;     ///< absolute
    std::string relative; ///< as the index names it, relative to the folder it indexed
    double activation = 0.0;
};

/// What the validation study compares: the first and the last images of the generalisation set.
struct GeneralisationSample
{
    std::vector<SampleImage> top;    ///< highest activation first
    std::vector<SampleImage> bottom; ///< the set's last images, highest first
};

/// The top and bottom `count` images of the pair's generalisation set, fewer when the set holds fewer
/// than 2 x count (the two halves never overlap), as `salient hits next` lists them. Throws InputError when
/// the pair is not among the class's ranked features.
GeneralisationSample generalisationSample(Workspace& workspace, int classIndex, int feature, int count = 5);

} // namespace salient
