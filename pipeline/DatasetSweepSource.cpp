#include "pipeline/DatasetSweepSource.h"

#include "base/Errors.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "pipeline/DatasetStore.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace salient {
namespace {

/// The workspace's classes in index order; without an index, the pairs' WordNet ids at their class index
/// (a class no pair names stays an empty id: no sample has it).
std::vector<std::string> classIdsOf(Database& db, const std::vector<DatasetPair>& pairs)
{
    std::vector<std::string> ids;
    for (const IndexedClass& indexed : indexedClasses(db)) {
        if (indexed.classIndex >= int(ids.size()))
            ids.resize(std::size_t(indexed.classIndex) + 1);
        ids[std::size_t(indexed.classIndex)] = indexed.wnid;
    }
    for (const DatasetPair& pair : pairs) {
        if (pair.classIndex >= int(ids.size()))
            ids.resize(std::size_t(pair.classIndex) + 1);
        if (ids[std::size_t(pair.classIndex)].empty())
            ids[std::size_t(pair.classIndex)] = pair.wnid;
        else if (ids[std::size_t(pair.classIndex)] != pair.wnid)
            throw InputError("the Salient dataset names class " + std::to_string(pair.classIndex) + " '" +
                             pair.wnid + "', the workspace's index '" + ids[std::size_t(pair.classIndex)] +
                             "'; rebuild or re-import the dataset");
    }
    return ids;
}

} // namespace

DatasetSweepSource::DatasetSweepSource(Workspace& workspace)
    : m_geometry(datasetMaskGeometry(workspace)), m_file(openDatasetMasks(workspace))
{
    Database& db = workspace.database();
    const std::vector<DatasetPair> pairs = datasetPairs(db);
    m_classIds = classIdsOf(db, pairs);
    std::map<std::pair<int, int>, MaskRole> roles;
    for (const DatasetPair& pair : pairs)
        roles[{pair.classIndex, pair.feature}] = pair.spurious() ? MaskRole::Spurious : MaskRole::Core;

    // One sample per (class, image), its masks by feature.
    std::map<std::pair<int, std::string>, std::vector<DatasetMask>> byImage;
    for (DatasetMask& mask : datasetMasks(db))
        if (roles.count({mask.classIndex, mask.feature}))
            byImage[{mask.classIndex, mask.image}].push_back(std::move(mask));
    const std::string imagesRoot = datasetImagesRoot(workspace);
    for (auto& [key, masks] : byImage) {
        std::sort(masks.begin(), masks.end(),
                  [](const DatasetMask& a, const DatasetMask& b) { return a.feature < b.feature; });
        SweepSample sample;
        sample.imagePath = (fs::path(imagesRoot) / key.second).string();
        sample.label = key.first;
        for (const DatasetMask& mask : masks)
            sample.masks.push_back({roles.at({mask.classIndex, mask.feature}), mask.feature});
        m_samples.push_back(std::move(sample));
        m_masks.push_back(std::move(masks));
    }
    m_description = "Salient dataset of " + workspace.path() + " (" + std::to_string(pairs.size()) +
                    " pairs, " + std::to_string(m_samples.size()) + " images)";
}

std::vector<SweepMask> DatasetSweepSource::loadMasks(std::size_t index) const
{
    std::vector<SweepMask> planes;
    for (const DatasetMask& mask : m_masks.at(index)) {
        SoftMask bytes;
        {
            const std::lock_guard<std::mutex> lock(m_fileMutex);
            bytes = m_file.read(mask.offset, mask.width, mask.height);
        }
        planes.push_back(SweepMask{bytes.width, bytes.height, softMaskValues(bytes)});
    }
    return planes;
}

} // namespace salient
