#include "Commands.h"
#include "JsonOutput.h"
#include "ProgressBar.h"

#include "base/Parse.h"
#include "core/index/FeatureIndex.h"
#include "core/index/FeatureRanking.h"
#include "database/Workspace.h"
#include "pipeline/FeatureListing.h"
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
    const std::optional<int> shard = parseInt(std::string_view(text).substr(0, slash));
    const std::optional<int> count =
        slash == std::string::npos ? std::nullopt : parseInt(std::string_view(text).substr(slash + 1));
    if (!shard || !count)
        throw UsageError("--shard takes I/N, e.g. 0/3");
    options.shard = *shard;
    options.shardCount = *count;
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
    options.rebuild = arguments.flag("rebuild");
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
        const auto done = options.rebuild ? std::nullopt
                                          : completedFeatureIndex(*options.model, *options.data,
                                                                  result.directory, options.index);
        result.reused = done.has_value();
        result.summary = done ? *done
                              : buildFeatureIndex(*options.model, *options.data, result.directory,
                                                  options.index, progress.job());
    }
    progress.finishLine();
    const IndexSummary& summary = result.summary;
    const std::string& out = result.directory;
    if (json) {
        Json unreadable = Json::array();
        for (const auto& [path, reason] : summary.unreadable)
            unreadable.push_back({{"path", path}, {"reason", reason}});
        Json skipped = Json::array();
        for (const auto& [path, reason] : summary.skipped)
            skipped.push_back({{"path", path}, {"reason", reason}});
        printJson(Json{{"index", out},
                       {"images", summary.images},
                       {"feature_width", summary.featureWidth},
                       {"classes", summary.classes},
                       {"resumed_at", summary.resumedAt},
                       {"accuracy", summary.accuracy},
                       {"unreadable", unreadable},
                       {"empty_classes", summary.emptyClasses},
                       {"skipped", skipped},
                       {"stored", result.stored},
                       {"reused", result.reused}});
        return 0;
    }
    if (result.reused)
        std::cout << "The index is current (same model file, preprocessing and images); --rebuild builds it "
                     "anew\n";
    else if (summary.resumedAt > 0)
        std::cout << "Resumed after " << summary.resumedAt << " images\n";
    std::cout << "Indexed " << summary.images << " images (" << summary.featureWidth << " features, "
              << summary.classes << " classes) into " << out << "; accuracy " << std::fixed
              << std::setprecision(2) << 100 * summary.accuracy << " %\n";
    for (const auto& [path, reason] : summary.unreadable)
        std::cout << "skipped: " << reason << '\n';
    if (!summary.unreadable.empty())
        std::cout << summary.unreadable.size() << " unreadable images skipped\n";
    for (const auto& [path, reason] : summary.skipped)
        std::cout << "not indexed: " << path << ": " << reason << '\n';
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
    const ClassListing listing =
        indexDir ? listClassFromIndex(*indexDir, *classText, k)
                 : listClassFromWorkspace(Workspace::open(workspaceDir, false), *classText, k);

    if (json) {
        Json output = {
            {"class", listing.classIndex}, {"class_id", listing.classId}, {"features", Json::array()}};
        for (const FeatureListing& f : listing.features)
            output["features"].push_back({{"rank", f.rank},
                                          {"feature", f.feature},
                                          {"importance", f.importance},
                                          {"top_images", f.topImages},
                                          {"top_labelled", f.topLabelled}});
        printJson(output);
        return 0;
    }
    std::cout << "Class " << listing.classIndex << " (" << listing.classId << ")\n";
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
