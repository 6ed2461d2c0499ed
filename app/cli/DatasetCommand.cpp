// `salient dataset build|export|import|summary`: the Salient dataset (steps 5-6 of the method).
#include "Commands.h"
#include "JsonOutput.h"
#include "ProgressBar.h"

#include "database/Workspace.h"
#include "pipeline/DatasetBuild.h"
#include "pipeline/DatasetExport.h"
#include "pipeline/DatasetGroundTruth.h"
#include "pipeline/DatasetImport.h"
#include "pipeline/DatasetStore.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

namespace salient::cli {
namespace {

using Json = nlohmann::json;

std::vector<std::string> positionalsOf(const Arguments& arguments, std::size_t count,
                                       const std::string& usage)
{
    const auto words = arguments.positionals();
    if (words.size() != count)
        throw UsageError("usage: salient " + usage);
    return words;
}

int build(Arguments& arguments)
{
    const std::string usage = "dataset build [--workspace DIR] [--study NAME] [--top N] [--batch-size N] "
                              "[--rebuild] [--device D] [--json]";
    Workspace workspace = Workspace::open(arguments.option("workspace", "."), false);
    DatasetBuildOptions options;
    options.study = arguments.option("study");
    options.top = arguments.intOption("top", options.top);
    options.batchSize = arguments.intOption("batch-size", options.batchSize);
    options.rebuild = arguments.flag("rebuild");
    options.device = arguments.option("device", options.device);
    const bool json = arguments.flag("json");
    positionalsOf(arguments, 0, usage);
    ProgressBar progress;
    const DatasetBuildResult result = buildDataset(workspace, options, progress.job());
    progress.finishLine();
    if (json) {
        printJson(Json{{"study", result.study},
                       {"pairs", result.pairs},
                       {"core_pairs", result.corePairs},
                       {"spurious_pairs", result.spuriousPairs},
                       {"computed_pairs", result.computedPairs},
                       {"short_pairs", result.shortPairs},
                       {"masks", result.masks},
                       {"width", result.width},
                       {"height", result.height}});
        return 0;
    }
    std::cout << "Dataset of '" << result.study << "': " << result.pairs << " pairs (" << result.corePairs
              << " core, " << result.spuriousPairs << " spurious), " << result.masks << " soft masks of "
              << result.width << " x " << result.height << "; computed " << result.computedPairs
              << " pairs now\n";
    if (result.shortPairs > 0)
        std::cerr << result.shortPairs << " pairs have fewer than " << options.top
                  << " images in the index; run salient index --top-labelled " << options.top << '\n';
    return 0;
}

int exportCommand(Arguments& arguments)
{
    const std::string usage = "dataset export DIR [--force] [--quality Q] [--workspace W] [--json]";
    Workspace workspace = Workspace::open(arguments.option("workspace", "."), false);
    DatasetExportOptions options;
    options.force = arguments.flag("force");
    options.jpegQuality = arguments.intOption("quality", options.jpegQuality);
    const bool json = arguments.flag("json");
    options.directory = positionalsOf(arguments, 1, usage)[0];
    ProgressBar progress;
    const DatasetExportResult result = exportDataset(workspace, options, progress.job());
    progress.finishLine();
    if (json) {
        printJson(Json{{"directory", result.directory},
                       {"classes", result.classes},
                       {"pairs", result.pairs},
                       {"masks", result.masks},
                       {"written", result.written},
                       {"reused", result.reused},
                       {"discarded_partial", result.discardedPartial}});
        return 0;
    }
    std::cout << "Exported " << result.masks << " masks of " << result.pairs << " pairs (" << result.classes
              << " classes) to " << result.directory;
    if (result.reused > 0)
        std::cout << "; " << result.reused << " were kept from an interrupted export";
    if (result.discardedPartial)
        std::cout << "; the interrupted export in " << result.directory
                  << ".partial was of another dataset and was started over";
    std::cout << '\n';
    return 0;
}

int importCommand(Arguments& arguments)
{
    const std::string usage = "dataset import DIR --images ROOT [--workspace W] [--json]";
    const auto images = arguments.option("images");
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    DatasetImportOptions options;
    options.directory = positionalsOf(arguments, 1, usage)[0];
    if (!images)
        throw UsageError(
            "dataset import needs --images ROOT (the images lie in ROOT/train/<wnid>/); usage: salient " +
            usage);
    options.imagesRoot = *images;
    Workspace workspace = Workspace::open(workspaceDir, true);
    ProgressBar progress;
    const DatasetImportResult result = importDataset(workspace, options, progress.job());
    progress.finishLine();
    if (json) {
        printJson(Json{{"classes", result.classes},
                       {"pairs", result.pairs},
                       {"masks", result.masks},
                       {"missing_images", result.missingImages},
                       {"labels", result.labelsFromManifest ? "manifest.csv" : "all spurious"},
                       {"images_root", result.imagesRoot}});
        return 0;
    }
    std::cout << "Imported " << result.masks << " masks of " << result.pairs << " pairs (" << result.classes
              << " classes), labels from "
              << (result.labelsFromManifest ? "manifest.csv" : "nowhere: every feature counts as spurious")
              << '\n';
    if (result.missingImages > 0)
        std::cerr << result.missingImages << " masks have no image under " << result.imagesRoot << '\n';
    return 0;
}

int summary(Arguments& arguments)
{
    const std::string usage = "dataset summary [--workspace W] [--ground-truth] [--json]";
    Workspace workspace = Workspace::open(arguments.option("workspace", "."), false);
    const bool groundTruth = arguments.flag("ground-truth");
    const bool json = arguments.flag("json");
    positionalsOf(arguments, 0, usage);
    const DatasetReader reader(workspace);
    Json pairs = Json::array();
    const auto shares = groundTruth ? datasetObjectShares(reader) : std::vector<PairObjectShare>();
    double coreSum = 0, spuriousSum = 0;
    int cores = 0, spurious = 0;
    for (std::size_t i = 0; i < reader.pairs().size(); ++i) {
        const DatasetPair& pair = reader.pairs()[i];
        Json row = {{"class", pair.classIndex},
                    {"wnid", pair.wnid},
                    {"feature", pair.feature},
                    {"rank", pair.rank},
                    {"label", pair.label},
                    {"sub_label", pair.subLabel},
                    {"masks", reader.masksOf(pair.classIndex, pair.feature).size()}};
        if (pair.agreement)
            row["agreement"] = *pair.agreement;
        if (pair.confidence)
            row["confidence"] = *pair.confidence;
        if (groundTruth) {
            row["object_share"] = shares[i].objectShare;
            (pair.spurious() ? spuriousSum : coreSum) += shares[i].objectShare;
            ++(pair.spurious() ? spurious : cores);
        }
        pairs.push_back(row);
    }
    Json out = {{"pairs", pairs}, {"images_root", reader.imagesRoot()}};
    if (groundTruth) {
        out["core_object_share"] = cores > 0 ? coreSum / cores : 0.0;
        out["spurious_object_share"] = spurious > 0 ? spuriousSum / spurious : 0.0;
    }
    if (json) {
        printJson(out);
        return 0;
    }
    std::cout << "class  wnid        feature  label     sub-label        masks"
              << (groundTruth ? "  on object" : "") << '\n';
    for (const Json& row : pairs) {
        std::cout << std::left << std::setw(7) << row["class"].get<int>() << std::setw(12)
                  << row["wnid"].get<std::string>() << std::setw(9) << row["feature"].get<int>()
                  << std::setw(10) << row["label"].get<std::string>() << std::setw(17)
                  << row["sub_label"].get<std::string>() << std::setw(7) << row["masks"].get<std::size_t>();
        if (groundTruth)
            std::cout << "  " << std::fixed << std::setprecision(1) << 100 * row["object_share"].get<double>()
                      << " %";
        std::cout << '\n';
    }
    if (groundTruth)
        std::cout << "mean share on the object: core " << std::fixed << std::setprecision(1)
                  << 100 * out["core_object_share"].get<double>() << " %, spurious "
                  << 100 * out["spurious_object_share"].get<double>() << " %\n";
    return 0;
}

} // namespace

int runDatasetCommand(const std::string& verb, Arguments& arguments)
{
    if (verb == "build")
        return build(arguments);
    if (verb == "export")
        return exportCommand(arguments);
    if (verb == "import")
        return importCommand(arguments);
    if (verb == "summary")
        return summary(arguments);
    throw UsageError("unknown dataset verb '" + verb + "' (build, export, import, summary)");
}

} // namespace salient::cli
