#pragma once

#include "database/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace salient {

/// A labelled (class, feature) pair of the Salient dataset.
struct DatasetPair
{
    int classIndex = 0;
    std::string wnid;
    int feature = 0;
    int rank = 0;                     ///< the feature's rank for the class; 0 when unknown
    std::string label;                ///< core | spurious
    std::string subLabel;             ///< spurious: background | separate_object | ambiguous; else empty
    std::optional<double> agreement;  ///< Fleiss' P_i of the answers
    std::optional<double> confidence; ///< mean answer confidence, 1-5

    bool spurious() const { return label == "spurious"; }
};

/// One soft mask: a pair's image at `position` (1 = highest activation), its bytes in masks.u8.
struct DatasetMask
{
    int classIndex = 0;
    int feature = 0;
    int position = 0;
    std::string image; ///< relative to the dataset's images root
    std::optional<std::int64_t> imageId;
    std::optional<double> activation;
    int width = 0;
    int height = 0;
    std::uint64_t offset = 0;

    std::uint64_t bytes() const { return std::uint64_t(width) * std::uint64_t(height); }
};

/// Adds or replaces a pair's row and its masks (the pair's old masks are dropped). Runs inside the
/// caller's transaction.
void storeDatasetPair(Database& db, const DatasetPair& pair, const std::vector<DatasetMask>& masks);
/// Removes every pair and mask (before an import or a rebuild). Runs inside the caller's transaction.
void clearDataset(Database& db);

/// Every pair, by class and rank.
std::vector<DatasetPair> datasetPairs(Database& db);
std::optional<DatasetPair> datasetPair(Database& db, int classIndex, int feature);
/// The masks of one pair, by position.
std::vector<DatasetMask> pairMasks(Database& db, int classIndex, int feature);
/// Every mask of one image, by class and feature.
std::vector<DatasetMask> imageMasks(Database& db, const std::string& image);
/// Every mask, by class, feature and position.
std::vector<DatasetMask> datasetMasks(Database& db);
std::int64_t datasetPairCount(Database& db);
std::int64_t datasetMaskCount(Database& db);
/// The end of the last mask in masks.u8 (0 when there is none): what a resumed build appends after.
std::uint64_t datasetMaskBytes(Database& db);

} // namespace salient
