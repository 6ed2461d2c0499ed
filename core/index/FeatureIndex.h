#pragma once

#include "base/Job.h"
#include "core/Runtime.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace salient {

/// Step 1 of the method: the robust model's penultimate features of every image of a dataset.
///
/// The index folder holds
/// - `features.f32`: N x D float32, little-endian, row-major (image i at byte i * D * 4), memory-mappable;
/// - `labels.i32`, `predictions.i32`: N int32 each (-1 for an unreadable image);
/// - `fc.f32`: the model's last linear layer, C x D float32 (for the importance of step 2);
/// - `images.txt`: the N image paths relative to the dataset root, one per line, in index order;
/// - `index.json`: N, D, C, class ids, model checksum, shard range, and unreadable images with reasons
///   (IndexManifest).
/// While it runs, `progress.json` records how many images are done; a new run on the same folder, model
/// and data resumes there.
struct IndexOptions
{
    int batchSize = 128;
    DeviceChoice device = DeviceChoice::Auto;
    int shard = 0;      ///< this run's part, 0 .. shardCount - 1: a contiguous run of the sorted images
    int shardCount = 1; ///< e.g. a Slurm job array's size; mergeFeatureIndexes joins the parts
};

struct IndexSummary
{
    std::int64_t images = 0;
    int featureWidth = 0;
    int classes = 0;
    std::int64_t resumedAt = 0; ///< images already done when this run started
    std::vector<std::pair<std::string, std::string>> unreadable; ///< path, reason
    double accuracy = 0.0;                 ///< predictions equal to labels, over readable images
    std::vector<std::string> emptyClasses; ///< class folders without a single image
    std::vector<std::pair<std::string, std::string>> skipped; ///< not indexed at all: path, reason
};

IndexSummary buildFeatureIndex(const std::string& modelPath, const std::string& datasetRoot,
                               const std::string& indexDirectory, const IndexOptions& options,
                               const Job& job = {});

/// The summary of the finished index in `indexDirectory` when it was built from this model file (same
/// checksum and preprocessing) and this dataset as it is now; nullopt otherwise (none, unfinished, stale,
/// unreadable). Building it again would only write the same rows.
std::optional<IndexSummary> completedFeatureIndex(const std::string& modelPath,
                                                  const std::string& datasetRoot,
                                                  const std::string& indexDirectory,
                                                  const IndexOptions& options = {});

/// Joins the shard folders of one dataset and model into a whole index in `outDirectory`; throws
/// InputError when they belong to different runs, overlap or leave a gap.
void mergeFeatureIndexes(const std::vector<std::string>& shardDirectories, const std::string& outDirectory);

} // namespace salient
