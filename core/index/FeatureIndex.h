#pragma once

#include "core/Job.h"
#include "core/Runtime.h"

#include <cstdint>
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
/// - `index.json`: N, D, C, class ids, model checksum, batch size, and unreadable images with reasons.
/// While it runs, `progress.json` records how many images are done; a new run on the same folder, model
/// and data resumes there.
struct IndexOptions
{
    int batchSize = 128;
    DeviceChoice device = DeviceChoice::Auto;
};

struct IndexSummary
{
    std::int64_t images = 0;
    int featureWidth = 0;
    int classes = 0;
    std::int64_t resumedAt = 0; ///< images already done when this run started
    std::vector<std::pair<std::string, std::string>> unreadable; ///< path, reason
    double accuracy = 0.0; ///< predictions equal to labels, over readable images
};

IndexSummary buildFeatureIndex(const std::string& modelPath, const std::string& datasetRoot,
                               const std::string& indexDirectory, const IndexOptions& options,
                               const Job& job = {});

} // namespace salient
