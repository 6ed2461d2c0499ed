#include "pipeline/FeatureListing.h"

#include "base/Errors.h"
#include "base/Parse.h"
#include "core/index/FeatureRanking.h"
#include "core/index/IndexView.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"

#include <algorithm>

namespace salient {

int resolveClass(const std::vector<std::string>& ids, const std::string& text)
{
    const auto it = std::find(ids.begin(), ids.end(), text);
    if (it != ids.end())
        return int(it - ids.begin());
    const std::optional<int> index = parseInt(text);
    if (index && *index >= 0 && *index < int(ids.size()))
        return *index;
    throw InputError("unknown class '" + text + "' (a class id such as a WordNet id, or 0-" +
                     std::to_string(int(ids.size()) - 1) + ")");
}

ClassListing listClassFromIndex(const std::string& indexDir, const std::string& classText, int k)
{
    const IndexView index = IndexView::open(indexDir);
    ClassListing listing;
    listing.classIndex = resolveClass(index.classIds(), classText);
    listing.classId = index.classIds()[std::size_t(listing.classIndex)];
    RankingOptions options;
    options.features = k;
    auto paths = [&](const std::vector<std::int64_t>& rows) {
        std::vector<std::string> list;
        for (std::int64_t row : rows)
            list.push_back(index.imagePaths()[std::size_t(row)]);
        return list;
    };
    for (const RankedFeature& f : rankClassFeatures(index, listing.classIndex, options))
        listing.features.push_back(
            {f.rank, f.feature, f.importance, paths(f.topPredicted), paths(f.topLabelled)});
    return listing;
}

ClassListing listClassFromWorkspace(const Workspace& workspace, const std::string& classText, int k)
{
    if (!workspace.configValue(WorkspaceKeys::FeatureIndex))
        throw InputError("the workspace " + workspace.path() +
                         " has no feature index yet; run salient index first, or pass --index DIR");
    Database& db = workspace.database();
    std::vector<std::string> ids;
    for (const IndexedClass& cls : indexedClasses(db))
        ids.push_back(cls.wnid);
    ClassListing listing;
    listing.classIndex = resolveClass(ids, classText);
    listing.classId = ids[std::size_t(listing.classIndex)];
    auto paths = [&](const std::vector<FeatureImage>& images) {
        std::vector<std::string> list;
        for (const FeatureImage& image : images)
            list.push_back(indexedImage(db, image.imageId).value_or(IndexedImage{}).path);
        return list;
    };
    for (const ClassFeature& f : classFeatures(db, listing.classIndex)) {
        if (f.rank > k)
            break;
        listing.features.push_back(
            {f.rank, f.feature, f.importance, paths(f.discovery), paths(f.generalisation)});
    }
    return listing;
}

} // namespace salient
