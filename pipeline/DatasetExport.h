#pragma once

#include "base/Job.h"
#include "core/dataset/MaskJpeg.h"

#include <cstdint>
#include <string>

namespace salient {

class Workspace;

struct DatasetExportOptions
{
    std::string directory; ///< DIR: created; written as DIR.partial, renamed at the end
    bool force = false;    ///< replace an existing DIR
    int jpegQuality = MaskJpegQuality;
};

struct DatasetExportResult
{
    std::string directory; ///< absolute
    int classes = 0;
    int pairs = 0;
    std::int64_t masks = 0;
    std::int64_t written = 0; ///< mask files this run wrote
    std::int64_t reused = 0;  ///< found complete in DIR.partial from an interrupted run
    /// DIR.partial was left by an export of another dataset (or other settings) and was deleted.
    bool discardedPartial = false;
};

/// Step 6: writes the workspace's Salient dataset in the published Salient ImageNet layout:
///   wordnet_dict.py                       class index -> wnid (a Python dict literal)
///   <wnid>/image_names_map.csv            one column per feature (header = the feature index), the
///                                         image names without extension, highest activation first
///   <wnid>/feature_<j>/<name>.JPEG        the soft mask, grayscale JPEG (255 = most active)
///   manifest.csv                          image, class, wnid, feature, feature_rank, rank, label,
///                                         sub_label, agreement, confidence (one row per mask)
///   annotations.csv                       the discovery study's answers as MTurk CSV (when the dataset
///                                         came from a study)
/// Everything goes to DIR.partial first and is renamed to DIR at the end; a cancelled or killed export
/// resumes there (mask files already written are kept) when DIR.partial was started on the same dataset:
/// it holds a SHA-256 of the masks' rows and pixels and the JPEG quality, and a folder with another digest
/// is deleted and written anew (discardedPartial). Throws InputError when DIR exists without
/// `force`, and when a wnid or image name would lead outside DIR or two images of a class share a name.
DatasetExportResult exportDataset(Workspace& workspace, const DatasetExportOptions& options,
                                  const Job& job = {});

} // namespace salient
