#pragma once

#include <string>
#include <vector>

namespace salient {

class Workspace;

/// A class given as one of `ids` (e.g. a WordNet id) or as an index into them. Throws InputError naming
/// the text and the range.
int resolveClass(const std::vector<std::string>& ids, const std::string& text);

/// One ranked feature of a class with the paths (relative to the dataset) of its top images.
struct FeatureListing
{
    int rank = 0;
    int feature = 0;
    double importance = 0.0;
    std::vector<std::string> topImages;   ///< predicted as the class (the discovery images)
    std::vector<std::string> topLabelled; ///< labelled as the class (the generalisation images)
};

/// A class's top features (`salient features top`).
struct ClassListing
{
    int classIndex = 0;
    std::string classId;
    std::vector<FeatureListing> features;
};

/// Ranks the class live from a feature index folder (k features).
ClassListing listClassFromIndex(const std::string& indexDir, const std::string& classText, int k);

/// The ranking `salient index` stored in the workspace's salient.db (k features at most). Throws
/// InputError when the workspace has no feature index yet.
ClassListing listClassFromWorkspace(const Workspace& workspace, const std::string& classText, int k);

} // namespace salient
