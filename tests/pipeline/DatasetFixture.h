#pragma once

// Salient datasets made without a model, stored in a workspace as buildDataset stores them: constructed
// masks (smooth blobs like upsampled NAMs), or a demo world's ground-truth regions.
#include "core/dataset/MaskFile.h"
#include "core/sweep/DemoSweepSource.h"
#include "database/DatasetTables.h"
#include "database/Workspace.h"
#include "database/WriteTransaction.h"
#include "pipeline/DatasetStore.h"
#include "pipeline/WorkspacePaths.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace fixture {

/// A soft mask like a NAM: a few Gaussian blobs, normalised so the maximum is 1.
inline salient::SoftMask blobMask(int size, std::mt19937& random)
{
    std::uniform_real_distribution<float> where(0.0f, float(size)), spread(float(size) / 10, float(size) / 3);
    std::vector<float> values(std::size_t(size) * size, 0.0f);
    for (int blob = 0; blob < 3; ++blob) {
        const float cx = where(random), cy = where(random), s = spread(random);
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x)
                values[std::size_t(y) * size + x] +=
                    std::exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * s * s));
    }
    const float top = *std::max_element(values.begin(), values.end());
    for (float& v : values)
        v /= top;
    return salient::softMaskFromValues(values, size, size);
}

struct PairSpec
{
    int classIndex;
    std::string wnid;
    int feature;
    std::string label;
    std::string subLabel;
};

inline const std::vector<PairSpec>& defaultPairs()
{
    static const std::vector<PairSpec> pairs = {
        {0, "n00000000", 7, "core", ""},
        {0, "n00000000", 3, "spurious", "background"},
        {1, "n00000001", 7, "spurious", "separate_object"},
    };
    return pairs;
}

/// Stores `imagesPerPair` masks of `size` x `size` per pair; the images of a class are shared by its
/// pairs (img_0.png ... in <wnid>/), and empty image files are made under `imagesRoot`.
inline void storeDataset(salient::Workspace& workspace, const std::string& imagesRoot, int imagesPerPair,
                         int size = 48, const std::vector<PairSpec>& specs = defaultPairs())
{
    namespace fs = std::filesystem;
    std::mt19937 random(7);
    salient::MaskFile file = salient::MaskFile::openForAppend(
        salient::datasetMaskFilePath(workspace), salient::datasetMaskBytes(workspace.database()));
    int rank = 0;
    for (const PairSpec& spec : specs) {
        salient::DatasetPair pair;
        pair.classIndex = spec.classIndex;
        pair.wnid = spec.wnid;
        pair.feature = spec.feature;
        pair.rank = ++rank;
        pair.label = spec.label;
        pair.subLabel = spec.subLabel;
        pair.agreement = 0.6;
        pair.confidence = 3.5 + 0.25 * rank;
        std::vector<salient::DatasetMask> masks;
        for (int i = 0; i < imagesPerPair; ++i) {
            salient::DatasetMask mask;
            mask.classIndex = spec.classIndex;
            mask.feature = spec.feature;
            mask.position = i + 1;
            // Reversed for spurious pairs, so two pairs of a class list images differently.
            mask.image = spec.wnid + "/img_" +
                         std::to_string(spec.label == "spurious" ? imagesPerPair - 1 - i : i) + ".png";
            mask.width = size;
            mask.height = size;
            mask.offset = file.append(blobMask(size, random));
            masks.push_back(mask);
            if (!imagesRoot.empty()) {
                fs::create_directories(fs::path(imagesRoot) / spec.wnid);
                std::ofstream(fs::path(imagesRoot) / mask.image) << "";
            }
        }
        file.flush();
        salient::WriteTransaction transaction(workspace.database());
        salient::storeDatasetPair(workspace.database(), pair, masks);
        transaction.commit();
    }
    if (!imagesRoot.empty())
        salient::setWorkspaceFile(workspace, salient::DatasetKeys::Images, imagesRoot);
}

/// Stores the ground truth of `truth` as a Salient dataset: item, background and object become the
/// features 1, 2 and 3 of every class, labelled core, spurious and spurious as their regions are.
inline void storeGroundTruthAsDataset(salient::Workspace& workspace, const salient::DemoSweepSource& truth,
                                      const std::string& imagesRoot)
{
    std::map<std::pair<int, int>, std::vector<salient::DatasetMask>> pairs;
    salient::MaskFile file = salient::MaskFile::openForAppend(salient::datasetMaskFilePath(workspace), 0);
    for (std::size_t i = 0; i < truth.samples().size(); ++i) {
        const salient::SweepSample& sample = truth.samples()[i];
        const std::vector<salient::SweepMask> planes = truth.loadMasks(i);
        for (std::size_t m = 0; m < planes.size(); ++m) {
            salient::DatasetMask mask;
            mask.classIndex = sample.label;
            mask.feature = -sample.masks[m].feature;
            mask.image = std::filesystem::relative(sample.imagePath, imagesRoot).generic_string();
            mask.width = planes[m].width;
            mask.height = planes[m].height;
            mask.offset =
                file.append(salient::softMaskFromValues(planes[m].values, planes[m].width, planes[m].height));
            auto& masks = pairs[{mask.classIndex, mask.feature}];
            mask.position = int(masks.size()) + 1;
            masks.push_back(mask);
        }
    }
    file.flush();
    salient::WriteTransaction transaction(workspace.database());
    for (const auto& [key, masks] : pairs) {
        salient::DatasetPair pair;
        pair.classIndex = key.first;
        pair.wnid = truth.classIds()[std::size_t(key.first)];
        pair.feature = key.second;
        pair.label = key.second == 1 ? "core" : "spurious";
        salient::storeDatasetPair(workspace.database(), pair, masks);
    }
    transaction.commit();
    salient::setWorkspaceFile(workspace, salient::DatasetKeys::Images, imagesRoot);
}

} // namespace fixture
