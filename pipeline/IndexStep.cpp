#include "pipeline/IndexStep.h"

#include "base/Parse.h"
#include "core/index/IndexManifest.h"
#include "core/index/IndexView.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"

#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace salient {
namespace {

std::vector<FeatureImage> featureImages(const IndexView& index, const std::vector<std::int64_t>& rows,
                                        int feature)
{
    std::vector<FeatureImage> images;
    images.reserve(rows.size());
    for (std::int64_t row : rows)
        images.push_back({row, double(index.features(row)[feature])});
    return images;
}

std::vector<IndexedClass> classCounts(const IndexView& index)
{
    std::vector<IndexedClass> classes(std::size_t(index.classes()));
    for (int c = 0; c < index.classes(); ++c) {
        classes[std::size_t(c)].classIndex = c;
        classes[std::size_t(c)].wnid = index.classIds()[std::size_t(c)];
    }
    for (std::int64_t i = 0; i < index.images(); ++i) {
        const int prediction = index.prediction(i);
        if (prediction < 0)
            continue;
        IndexedClass& labelled = classes[std::size_t(index.label(i))];
        ++labelled.images;
        labelled.correct += prediction == index.label(i) ? 1 : 0;
        ++classes[std::size_t(prediction)].predicted;
    }
    return classes;
}

/// Deletes the folder of the index a rebuild replaced, once nothing refers to it any more: only a
/// folder inside the workspace that this program named (index, index-N), never one the user chose.
void removeReplacedIndex(const Workspace& workspace, const std::optional<std::string>& previous,
                         const std::string& current)
{
    if (!previous)
        return;
    const fs::path old = fs::path(*previous).lexically_normal();
    if (old == fs::absolute(current).lexically_normal() || old.parent_path() != fs::path(workspace.path()))
        return;
    const std::string name = old.filename().string();
    if (name != "index" && name.rfind("index-", 0) != 0)
        return;
    std::error_code ignored; // a folder left behind costs disk space, not correctness
    fs::remove_all(old, ignored);
}

} // namespace

void storeFeatureIndex(Workspace& workspace, const std::string& directory, const RankingOptions& ranking,
                       const Job& job)
{
    const IndexView index = IndexView::open(directory);
    const IndexManifest manifest = IndexManifest::read(directory);
    std::map<std::string, std::string> problems;
    for (const auto& [path, reason] : manifest.unreadable)
        problems[fs::path(path).lexically_relative(index.datasetRoot()).string()] = reason;

    job.report(0, 3, "Ranking features");
    const auto ranked = rankAllClassFeatures(index, ranking);
    job.throwIfCancelled();
    job.report(1, 3, "Storing the index");
    IndexTablesWriter writer(workspace.database());
    for (const IndexedClass& cls : classCounts(index))
        writer.addClass(cls);
    for (std::int64_t i = 0; i < index.images(); ++i) {
        IndexedImage image;
        image.imageId = i;
        image.path = index.imagePaths()[std::size_t(i)];
        image.label = index.label(i);
        image.prediction = index.prediction(i);
        if (image.prediction < 0) {
            const auto problem = problems.find(image.path);
            image.problem = problem != problems.end() ? problem->second : "unreadable";
        }
        writer.addImage(image);
        if (i % 65536 == 0)
            job.throwIfCancelled();
    }
    job.report(2, 3, "Storing the ranking");
    for (std::size_t c = 0; c < ranked.size(); ++c) {
        for (const RankedFeature& feature : ranked[c]) {
            ClassFeature stored;
            stored.classIndex = int(c);
            stored.feature = feature.feature;
            stored.rank = feature.rank;
            stored.importance = feature.importance;
            stored.discovery = featureImages(index, feature.topPredicted, feature.feature);
            stored.generalisation = featureImages(index, feature.topLabelled, feature.feature);
            writer.addFeature(stored);
        }
    }
    job.throwIfCancelled();
    // The folder the workspace reads its index from changes in the same transaction as the tables.
    setWorkspaceFile(workspace, WorkspaceKeys::FeatureIndex, directory);
    writer.commit();
    job.report(3, 3, "Stored");
}

std::string nextIndexFolder(const Workspace& workspace)
{
    const std::optional<std::string> current = workspace.configValue(WorkspaceKeys::FeatureIndex);
    if (!current)
        return "index";
    const std::string name = fs::path(*current).filename().string();
    const std::string prefix = "index-";
    const int generation =
        name.rfind(prefix, 0) == 0 ? parseInt(std::string_view(name).substr(prefix.size())).value_or(1) : 1;
    return prefix + std::to_string(generation + 1);
}

IndexStepResult runIndexStep(Workspace& workspace, const IndexStepOptions& options, const Job& job)
{
    const IndexOptions& indexOptions = options.index;
    const std::string defaultFolder = indexOptions.shardCount > 1
                                          ? "index-shard-" + std::to_string(indexOptions.shard)
                                          : nextIndexFolder(workspace);
    const std::optional<std::string> previous =
        workspace.configValue(WorkspaceKeys::FeatureIndex)
            ? std::optional(workspaceFile(workspace, WorkspaceKeys::FeatureIndex))
            : std::nullopt;
    IndexStepResult result;
    result.directory = options.directory.value_or((fs::path(workspace.path()) / defaultFolder).string());
    const std::string model =
        options.model ? *options.model : workspaceFile(workspace, WorkspaceKeys::RobustModel);
    const std::string data =
        options.data ? *options.data : workspaceFile(workspace, WorkspaceKeys::Dataset, "train");
    // The current index is reused when nothing it was made from has changed; otherwise the new one is
    // built beside it, so that a cancelled rebuild leaves the old one whole.
    std::optional<IndexSummary> reused;
    if (!options.directory && indexOptions.shardCount <= 1 && previous && !options.rebuild)
        reused = completedFeatureIndex(model, data, *previous);
    if (reused) {
        result.directory = *previous;
        result.summary = *reused;
        result.reused = true;
    } else {
        result.summary = buildFeatureIndex(model, data, result.directory, indexOptions, job);
    }
    if (indexOptions.shardCount > 1)
        return result;
    storeFeatureIndex(workspace, result.directory, options.ranking, job);
    result.stored = true;
    removeReplacedIndex(workspace, previous, result.directory);
    return result;
}

} // namespace salient
