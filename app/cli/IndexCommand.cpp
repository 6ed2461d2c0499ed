#include "Commands.h"
#include "IndexHelpers.h"
#include "ProgressBar.h"

#include "core/index/FeatureIndex.h"
#include "core/index/FeatureRanking.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "pipeline/IndexStep.h"
#include "pipeline/WorkspacePaths.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>

namespace salient::cli {

using Json = nlohmann::json;
namespace fs = std::filesystem;

std::string workspacePath(const std::string& workspaceDir, const std::string& key, const std::string& suffix)
{
    return workspaceFile(Workspace::open(workspaceDir, false), key, suffix);
}

int classArgument(const std::vector<std::string>& ids, const std::string& text)
{
    const auto it = std::find(ids.begin(), ids.end(), text);
    if (it != ids.end())
        return int(it - ids.begin());
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size() && value >= 0 && value < int(ids.size()))
            return value;
    } catch (const std::exception&) {
    }
    throw UsageError("unknown class '" + text + "' (a class id such as a WordNet id, or 0-" +
                     std::to_string(int(ids.size()) - 1) + ")");
}

namespace {

/// One line of `features top`: a ranked feature and the paths of its images.
struct FeatureListing
{
    int rank = 0;
    int feature = 0;
    double importance = 0.0;
    std::vector<std::string> topImages;
    std::vector<std::string> topLabelled;
};

struct ClassListing
{
    int cls = 0;
    std::string classId;
    std::vector<FeatureListing> features;
};

/// Ranks the class live from a feature index folder.
ClassListing listFromIndex(const std::string& indexDir, const std::string& classText, int k)
{
    const IndexView index = IndexView::open(indexDir);
    ClassListing listing;
    listing.cls = classArgument(index.classIds(), classText);
    listing.classId = index.classIds()[std::size_t(listing.cls)];
    RankingOptions options;
    options.features = k;
    auto paths = [&](const std::vector<std::int64_t>& rows) {
        std::vector<std::string> list;
        for (std::int64_t row : rows)
            list.push_back(index.imagePaths()[std::size_t(row)]);
        return list;
    };
    for (const RankedFeature& f : rankClassFeatures(index, listing.cls, options))
        listing.features.push_back(
            {f.rank, f.feature, f.importance, paths(f.topPredicted), paths(f.topLabelled)});
    return listing;
}

/// Reads the ranking `salient index` stored in the workspace's salient.db.
ClassListing listFromWorkspace(Workspace& workspace, const std::string& classText, int k)
{
    Database& db = workspace.database();
    std::vector<std::string> ids;
    for (const IndexedClass& cls : indexedClasses(db))
        ids.push_back(cls.wnid);
    ClassListing listing;
    listing.cls = classArgument(ids, classText);
    listing.classId = ids[std::size_t(listing.cls)];
    auto paths = [&](const std::vector<FeatureImage>& images) {
        std::vector<std::string> list;
        for (const FeatureImage& image : images)
            list.push_back(indexedImage(db, image.imageId).value_or(IndexedImage{}).path);
        return list;
    };
    for (const ClassFeature& f : classFeatures(db, listing.cls)) {
        if (f.rank > k)
            break;
        listing.features.push_back(
            {f.rank, f.feature, f.importance, paths(f.discovery), paths(f.generalisation)});
    }
    return listing;
}

} // namespace

/// Merges shard folders; with a workspace, the whole index is then ranked and stored in its salient.db.
int runIndexMerge(const std::optional<std::string>& out, std::vector<std::string> shards,
                  const std::string& workspaceDir, const RankingOptions& ranking)
{
    shards.erase(shards.begin()); // "merge"
    if (!out || shards.empty())
        throw UsageError("index merge takes --out DIR and the shard folders");
    mergeFeatureIndexes(shards, *out);
    std::cerr << "Merged " << shards.size() << " shards into " << *out << '\n';
    if (Workspace::looksLikeWorkspace(workspaceDir)) {
        Workspace workspace = Workspace::open(workspaceDir, false);
        storeFeatureIndex(workspace, *out, ranking);
        std::cerr << "Stored the ranking in " << workspace.databasePath() << '\n';
    }
    return 0;
}

/// "I/N" as a shard number and count.
void parseShard(const std::string& text, IndexOptions& options)
{
    const auto slash = text.find('/');
    try {
        if (slash != std::string::npos) {
            options.shard = std::stoi(text.substr(0, slash));
            options.shardCount = std::stoi(text.substr(slash + 1));
            return;
        }
    } catch (const std::exception&) {
    }
    throw UsageError("--shard takes I/N, e.g. 0/3");
}

int runIndexCommand(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    IndexStepOptions options;
    options.index.batchSize = arguments.intOption("batch-size", options.index.batchSize);
    options.index.device = parseDeviceChoice(arguments.option("device", "auto"));
    options.ranking.features = arguments.intOption("k", options.ranking.features);
    options.ranking.topLabelled = arguments.intOption("top-labelled", options.ranking.topLabelled);
    options.model = arguments.option("model");
    options.data = arguments.option("data");
    if (const auto shard = arguments.option("shard"))
        parseShard(*shard, options.index);
    options.directory = arguments.option("out");
    const auto words = arguments.positionals();
    if (!words.empty() && words.front() == "merge")
        return runIndexMerge(options.directory, words, workspaceDir, options.ranking);
    if (!words.empty())
        throw UsageError(
            "index takes options only: [--workspace DIR] [--model FILE] [--data DIR] [--out DIR]");

    ProgressBar progress;
    IndexStepResult result;
    if (Workspace::looksLikeWorkspace(workspaceDir)) {
        Workspace workspace = Workspace::open(workspaceDir, false);
        result = runIndexStep(workspace, options, progress.job());
    } else {
        // A bare index, e.g. on a cluster node: model, data and output folder given explicitly.
        if (!options.model || !options.data || !options.directory)
            throw UsageError("no workspace in " + workspaceDir +
                             "; pass --workspace DIR, or --model, --data and --out");
        result.directory = *options.directory;
        result.summary =
            buildFeatureIndex(*options.model, *options.data, result.directory, options.index, progress.job());
    }
    progress.finishLine();
    const IndexSummary& summary = result.summary;
    const std::string& out = result.directory;
    if (json) {
        Json unreadable = Json::array();
        for (const auto& [path, reason] : summary.unreadable)
            unreadable.push_back({{"path", path}, {"reason", reason}});
        std::cout << Json{{"index", out},
                          {"images", summary.images},
                          {"feature_width", summary.featureWidth},
                          {"classes", summary.classes},
                          {"resumed_at", summary.resumedAt},
                          {"accuracy", summary.accuracy},
                          {"unreadable", unreadable},
                          {"empty_classes", summary.emptyClasses},
                          {"stored", result.stored}}
                         .dump(2)
                  << '\n';
        return 0;
    }
    if (summary.resumedAt > 0)
        std::cout << "Resumed after " << summary.resumedAt << " images\n";
    std::cout << "Indexed " << summary.images << " images (" << summary.featureWidth << " features, "
              << summary.classes << " classes) into " << out << "; accuracy " << std::fixed
              << std::setprecision(2) << 100 * summary.accuracy << " %\n";
    for (const auto& [path, reason] : summary.unreadable)
        std::cout << "skipped: " << reason << '\n';
    if (!summary.unreadable.empty())
        std::cout << summary.unreadable.size() << " unreadable images skipped\n";
    for (const auto& cls : summary.emptyClasses)
        std::cout << "empty class folder: " << cls << '\n';
    if (result.stored)
        std::cout << "Stored images, predictions and the top features of every class in salient.db\n";
    return 0;
}

int runFeaturesCommand(const std::string& verb, Arguments& arguments)
{
    if (verb != "top")
        throw UsageError("features needs a command: top (see salient --help)");
    const std::string workspaceDir = arguments.option("workspace", ".");
    const auto indexDir = arguments.option("index");
    const bool json = arguments.flag("json");
    const auto classText = arguments.option("class");
    const int k = arguments.intOption("k", RankingOptions().features);
    if (!arguments.positionals().empty() || !classText)
        throw UsageError(
            "features top takes --class C (optionally --k N, --workspace DIR, --index DIR, --json)");
    ClassListing listing;
    if (indexDir) {
        listing = listFromIndex(*indexDir, *classText, k);
    } else {
        Workspace workspace = Workspace::open(workspaceDir, false);
        if (!workspace.configValue(WorkspaceKeys::FeatureIndex))
            throw UsageError("the workspace " + workspaceDir +
                             " has no feature index yet; run salient index first, or pass --index DIR");
        listing = listFromWorkspace(workspace, *classText, k);
    }

    if (json) {
        Json output = {{"class", listing.cls}, {"class_id", listing.classId}, {"features", Json::array()}};
        for (const FeatureListing& f : listing.features)
            output["features"].push_back({{"rank", f.rank},
                                          {"feature", f.feature},
                                          {"importance", f.importance},
                                          {"top_images", f.topImages},
                                          {"top_labelled", f.topLabelled}});
        std::cout << output.dump(2) << '\n';
        return 0;
    }
    std::cout << "Class " << listing.cls << " (" << listing.classId << ")\n";
    if (listing.features.empty())
        std::cout << "  no image is predicted as this class\n";
    for (const FeatureListing& f : listing.features) {
        std::cout << "  " << f.rank << ". feature " << f.feature << "  importance " << std::setprecision(4)
                  << f.importance << '\n';
        for (const std::string& path : f.topImages)
            std::cout << "       " << path << '\n';
    }
    return 0;
}

} // namespace salient::cli
