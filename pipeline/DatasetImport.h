#pragma once

#include "base/Job.h"

#include <cstdint>
#include <string>

namespace salient {

class Workspace;

struct DatasetImportOptions
{
    std::string directory;  ///< a dataset in the Salient ImageNet layout (see exportDataset)
    std::string imagesRoot; ///< ROOT: the images lie in ROOT/train/<wnid>/ (or ROOT/<wnid>/)
};

struct DatasetImportResult
{
    int classes = 0;
    int pairs = 0;
    std::int64_t masks = 0;
    std::int64_t missingImages = 0; ///< masks whose image is not under the images root
    bool labelsFromManifest = false;
    std::string imagesRoot; ///< the folder image paths are relative to
};

/// Reads a dataset in the Salient ImageNet layout into the workspace for browsing and sweeps, replacing
/// the dataset it held. Labels, ranks, agreement and confidence come from manifest.csv when the folder
/// has one (an export of this program); without it (the published masks) every feature is labelled
/// spurious with no sub-label, as the published folders hold the spurious features only. Image paths
/// come from manifest.csv, else <wnid>/<name>.JPEG. Throws InputError naming the file for a missing
/// wordnet_dict.py, a malformed CSV, a missing, truncated or undecodable mask and a name that would lead
/// outside the folder. All or nothing: every mask is read and checked into the spare mask file before
/// one transaction replaces the old dataset, so a failure (or a cancel) leaves the old one as it was.
DatasetImportResult importDataset(Workspace& workspace, const DatasetImportOptions& options,
                                  const Job& job = {});

} // namespace salient
