#include "pipeline/DatasetBuild.h"

#include "base/Errors.h"
#include "core/Runtime.h"
#include "core/dataset/MaskFile.h"
#include "core/evidence/EvidenceRenderer.h"
#include "core/index/IndexManifest.h"
#include "database/DatasetTables.h"
#include "database/IndexTables.h"
#include "database/Labels.h"
#include "database/Responses.h"
#include "database/Studies.h"
#include "database/Workspace.h"
#include "database/WriteTransaction.h"
#include "pipeline/DatasetStore.h"
#include "pipeline/WorkspacePaths.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace salient {
namespace {

Study discoveryStudy(Database& db, const std::optional<std::string>& name)
{
    if (name) {
        const Study study = chooseStudy(db, name);
        if (study.kind != StudyKind::Discovery)
            throw InputError("study '" + study.name +
                             "' is not a discovery study; the dataset needs core and "
                             "spurious labels");
        return study;
    }
    const std::vector<Study> all = studies(db);
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (it->kind == StudyKind::Discovery)
            return *it;
    throw InputError("the workspace has no discovery study; run salient hits create --study discovery and "
                     "label its pairs first");
}

/// The labelled pairs of the study as dataset rows: final label, sub-label, agreement, mean confidence.
std::vector<DatasetPair> labelledDatasetPairs(Database& db, const Study& study)
{
    std::map<std::int64_t, std::pair<double, int>> confidence; // hit -> sum, count
    for (const Response& response : studyResponses(db, study.id)) {
        auto& [sum, count] = confidence[response.hitId];
        sum += response.confidence;
        ++count;
    }
    std::vector<DatasetPair> pairs;
    for (const PairLabel& label : pairLabels(db, study)) {
        if (label.finalLabel != "core" && label.finalLabel != "spurious")
            continue;
        DatasetPair pair;
        pair.classIndex = label.hit.pair.classIndex;
        pair.wnid = label.hit.pair.wnid;
        pair.feature = label.hit.pair.feature;
        pair.rank = label.hit.pair.rank;
        pair.label = label.finalLabel;
        pair.subLabel = label.finalSubLabel;
        if (label.majority.answers > 0)
            pair.agreement = label.majority.agreement;
        if (const auto found = confidence.find(label.hit.id); found != confidence.end())
            pair.confidence = found->second.first / found->second.second;
        pairs.push_back(pair);
    }
    return pairs;
}

std::vector<FeatureImage> topLabelledImages(Database& db, const DatasetPair& pair, int top)
{
    for (const ClassFeature& ranked : classFeatures(db, pair.classIndex))
        if (ranked.feature == pair.feature) {
            std::vector<FeatureImage> images = ranked.generalisation;
            if (int(images.size()) > top)
                images.resize(std::size_t(top));
            return images;
        }
    return {};
}

/// The stored masks are of the same images, in the same order (the index was not rebuilt since).
bool sameImages(const std::vector<DatasetMask>& stored, const std::vector<FeatureImage>& top)
{
    if (stored.size() != top.size() || top.empty())
        return false;
    for (std::size_t i = 0; i < top.size(); ++i)
        if (stored[i].imageId != top[i].imageId)
            return false;
    return true;
}

bool sameLabels(const DatasetPair& a, const DatasetPair& b)
{
    return a.label == b.label && a.subLabel == b.subLabel && a.rank == b.rank;
}

} // namespace

DatasetBuildResult buildDataset(Workspace& workspace, const DatasetBuildOptions& options, const Job& job)
{
    if (options.top < 1)
        throw InputError("--top must be at least 1");
    Database& db = workspace.database();
    const IndexManifest manifest = IndexManifest::read(workspaceFile(workspace, WorkspaceKeys::FeatureIndex));
    const Study study = discoveryStudy(db, options.study);
    const std::vector<DatasetPair> labelled = labelledDatasetPairs(db, study);
    if (labelled.empty())
        throw InputError("study '" + study.name +
                         "' has no pair labelled core or spurious yet; annotate it first");

    // A dataset of other images (an import) or another study is replaced, not mixed in.
    const std::string imagesRoot = fs::path(manifest.dataset).lexically_normal().string();
    const bool sameSource = workspace.configValue(DatasetKeys::Images) &&
                            workspaceFile(workspace, DatasetKeys::Images) == imagesRoot &&
                            workspace.configValue(DatasetKeys::Study) == study.uid;
    {
        WriteTransaction transaction(db);
        if (options.rebuild || !sameSource)
            clearDataset(db);
        // Pairs no longer labelled (an adjudication to "tie", another study) leave the dataset.
        for (const DatasetPair& stored : datasetPairs(db)) {
            const bool kept = std::any_of(labelled.begin(), labelled.end(), [&](const DatasetPair& pair) {
                return pair.classIndex == stored.classIndex && pair.feature == stored.feature;
            });
            if (!kept)
                db.prepare("DELETE FROM dataset_pairs WHERE class_index = ?1 AND feature = ?2")
                    .bind(1, stored.classIndex)
                    .bind(2, stored.feature)
                    .step();
        }
        transaction.commit();
    }
    setWorkspaceFile(workspace, DatasetKeys::Images, imagesRoot);
    workspace.setConfigValue(DatasetKeys::Study, study.uid);

    DatasetBuildResult result;
    result.study = study.name;
    result.pairs = int(labelled.size());
    MaskFile file = MaskFile::openForAppend(datasetMaskFilePath(workspace), datasetMaskBytes(db));
    std::optional<EvidenceRenderer> renderer; // opened only when a pair needs computing
    const std::string model =
        fs::exists(manifest.model) ? manifest.model : workspaceFile(workspace, WorkspaceKeys::RobustModel);

    for (std::size_t p = 0; p < labelled.size(); ++p) {
        const DatasetPair& pair = labelled[p];
        job.throwIfCancelled();
        job.report(std::int64_t(p), std::int64_t(labelled.size()), "Computing soft masks");
        (pair.spurious() ? result.spuriousPairs : result.corePairs)++;
        const std::vector<FeatureImage> top = topLabelledImages(db, pair, options.top);
        if (int(top.size()) < options.top)
            ++result.shortPairs;
        const auto stored = datasetPair(db, pair.classIndex, pair.feature);
        const std::vector<DatasetMask> storedMasks = pairMasks(db, pair.classIndex, pair.feature);
        if (stored && sameImages(storedMasks, top)) {
            if (!sameLabels(*stored, pair)) {
                WriteTransaction transaction(db);
                storeDatasetPair(db, pair, storedMasks); // new labels, same masks
                transaction.commit();
            }
            result.masks += std::int64_t(storedMasks.size());
            result.width = storedMasks.front().width;
            result.height = storedMasks.front().height;
            continue;
        }
        if (!renderer) {
            renderer = EvidenceRenderer::open(model, parseDeviceChoice(options.device));
            setDatasetMaskGeometry(workspace, renderer->info().preprocessing);
        }
        std::vector<DatasetMask> masks;
        std::vector<Image> images;
        for (const FeatureImage& image : top) {
            DatasetMask mask;
            mask.classIndex = pair.classIndex;
            mask.feature = pair.feature;
            mask.position = int(masks.size()) + 1;
            mask.image = indexedImage(db, image.imageId).value().path;
            mask.imageId = image.imageId;
            mask.activation = image.activation;
            images.push_back(renderer->prepareFile((fs::path(imagesRoot) / mask.image).string()));
            masks.push_back(std::move(mask));
        }
        const std::vector<ActivationMap> maps =
            images.empty() ? std::vector<ActivationMap>()
                           : renderer->activationMaps(images, pair.feature, std::max(1, options.batchSize));
        for (std::size_t i = 0; i < maps.size(); ++i) {
            masks[i].width = maps[i].width;
            masks[i].height = maps[i].height;
            masks[i].offset = file.append(softMaskFromValues(maps[i].values, maps[i].width, maps[i].height));
            result.width = maps[i].width;
            result.height = maps[i].height;
        }
        file.flush(); // the bytes first, then the rows that name them
        WriteTransaction transaction(db);
        storeDatasetPair(db, pair, masks);
        transaction.commit();
        result.masks += std::int64_t(masks.size());
        ++result.computedPairs;
    }
    job.report(std::int64_t(labelled.size()), std::int64_t(labelled.size()), "Computed soft masks");
    return result;
}

} // namespace salient
