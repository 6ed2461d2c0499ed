#include "Commands.h"
#include "IndexHelpers.h"
#include "ProgressBar.h"

#include "core/index/FeatureIndex.h"
#include "core/index/FeatureRanking.h"
#include "database/Workspace.h"

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
    const Workspace workspace = Workspace::open(workspaceDir, false);
    const auto value = workspace.configValue(key);
    if (!value)
        throw UsageError("the workspace " + workspaceDir + " does not name its " + key +
                         "; pass it as an option");
    fs::path path = fs::path(workspaceDir) / *value;
    if (!suffix.empty())
        path /= suffix;
    return path.lexically_normal().string();
}

int classArgument(const IndexView& index, const std::string& text)
{
    const auto& ids = index.classIds();
    const auto it = std::find(ids.begin(), ids.end(), text);
    if (it != ids.end())
        return int(it - ids.begin());
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size() && value >= 0 && value < index.classes())
            return value;
    } catch (const std::exception&) {
    }
    throw UsageError("unknown class '" + text + "' (a class id such as a WordNet id, or 0-" +
                     std::to_string(index.classes() - 1) + ")");
}

int runIndexMerge(const std::optional<std::string>& out, std::vector<std::string> shards)
{
    shards.erase(shards.begin()); // "merge"
    if (!out || shards.empty())
        throw UsageError("index merge takes --out DIR and the shard folders");
    mergeFeatureIndexes(shards, *out);
    std::cerr << "Merged " << shards.size() << " shards into " << *out << '\n';
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
    const std::string workspace = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    IndexOptions options;
    options.batchSize = arguments.intOption("batch-size", options.batchSize);
    options.device = parseDeviceChoice(arguments.option("device", "auto"));
    const auto modelOption = arguments.option("model");
    const auto dataOption = arguments.option("data");
    if (const auto shard = arguments.option("shard"))
        parseShard(*shard, options);
    const auto outOption = arguments.option("out");
    const auto words = arguments.positionals();
    if (!words.empty() && words.front() == "merge")
        return runIndexMerge(outOption, words);
    const std::string defaultOut =
        options.shardCount > 1 ? "index-shard-" + std::to_string(options.shard) : "index";
    const std::string out = outOption.value_or((fs::path(workspace) / defaultOut).string());
    if (!words.empty())
        throw UsageError(
            "index takes options only: [--workspace DIR] [--model FILE] [--data DIR] [--out DIR]");
    const std::string model = modelOption ? *modelOption : workspacePath(workspace, "robust_model");
    const std::string data = dataOption ? *dataOption : workspacePath(workspace, "dataset", "train");

    ProgressBar progress;
    const IndexSummary summary = buildFeatureIndex(model, data, out, options, progress.job());
    progress.finishLine();
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
                          {"empty_classes", summary.emptyClasses}}
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
    return 0;
}

int runFeaturesCommand(const std::string& verb, Arguments& arguments)
{
    if (verb != "top")
        throw UsageError("features needs a command: top (see salient --help)");
    const std::string workspace = arguments.option("workspace", ".");
    const std::string indexDir = arguments.option("index", (fs::path(workspace) / "index").string());
    const bool json = arguments.flag("json");
    const auto classText = arguments.option("class");
    RankingOptions options;
    options.features = arguments.intOption("k", options.features);
    if (!arguments.positionals().empty() || !classText)
        throw UsageError(
            "features top takes --class C (optionally --k N, --workspace DIR, --index DIR, --json)");
    const IndexView index = IndexView::open(indexDir);
    const int cls = classArgument(index, *classText);
    const auto ranked = rankClassFeatures(index, cls, options);

    Json output = {
        {"class", cls}, {"class_id", index.classIds().at(std::size_t(cls))}, {"features", Json::array()}};
    auto paths = [&](const std::vector<std::int64_t>& images) {
        Json list = Json::array();
        for (std::int64_t i : images)
            list.push_back(index.imagePaths()[std::size_t(i)]);
        return list;
    };
    for (const auto& f : ranked)
        output["features"].push_back({{"rank", f.rank},
                                      {"feature", f.feature},
                                      {"importance", f.importance},
                                      {"top_images", paths(f.topPredicted)},
                                      {"top_labelled", paths(f.topLabelled)}});
    if (json) {
        std::cout << output.dump(2) << '\n';
        return 0;
    }
    std::cout << "Class " << cls << " (" << index.classIds()[std::size_t(cls)] << ")\n";
    if (ranked.empty())
        std::cout << "  no image is predicted as this class\n";
    for (const auto& f : ranked) {
        std::cout << "  " << f.rank << ". feature " << f.feature << "  importance " << std::setprecision(4)
                  << f.importance << '\n';
        for (std::int64_t i : f.topPredicted)
            std::cout << "       " << index.imagePaths()[std::size_t(i)] << '\n';
    }
    return 0;
}

} // namespace salient::cli
