#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace salient {

/// index.json: what a feature index (or one shard of it) holds.
struct IndexManifest
{
    std::int64_t images = 0;      ///< rows in this folder
    std::int64_t first = 0;       ///< the dataset position of row 0 (non-zero for later shards)
    std::int64_t totalImages = 0; ///< images in the whole dataset
    int shard = 0;
    int shardCount = 1;
    int featureWidth = 0;
    int classes = 0;
    std::vector<std::string> classIds;
    std::string model;
    std::string modelSha256;
    std::string dataset;
    /// Preprocessing::describe() of what made the features; empty in indexes older than the record.
    std::string preprocessing;
    double accuracy = 0.0;
    std::vector<std::pair<std::string, std::string>> unreadable; ///< path, reason

    /// Throws InputError naming the file when it is missing or malformed.
    static IndexManifest read(const std::string& directory);
    void write(const std::string& directory) const;
};

/// Accuracy over readable rows (prediction >= 0) of a folder's labels.i32 and predictions.i32.
double indexAccuracy(const std::string& directory, std::int64_t rows);

} // namespace salient
