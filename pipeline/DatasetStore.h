#pragma once

#include "base/Job.h"
#include "core/Preprocessing.h"
#include "core/dataset/MaskFile.h"
#include "core/dataset/SoftMask.h"
#include "database/DatasetTables.h"

#include <optional>
#include <string>
#include <vector>

namespace salient {

class Workspace;

/// Workspace settings of the Salient dataset.
namespace DatasetKeys {
/// The folder the masks' image paths are relative to (the indexed train folder, or an import's
/// <imagenet>/train).
inline constexpr const char* Images = "salient_dataset_images";
/// The discovery study whose labels the dataset holds; absent for an imported dataset.
inline constexpr const char* Study = "salient_dataset_study";
/// The model input a built dataset's masks were computed on ("<resize> <crop>"); absent for an import,
/// whose masks cover their whole image.
inline constexpr const char* MaskGeometry = "salient_dataset_mask_geometry";
/// The mask file under salient-dataset/: masks.u8, or masks-b.u8 after an import wrote its masks beside
/// the old ones (absent: masks.u8).
inline constexpr const char* MaskFileName = "salient_dataset_mask_file";
} // namespace DatasetKeys

/// The geometry (resize and crop only) a built dataset's masks lie on; empty for an imported dataset.
std::optional<Preprocessing> datasetMaskGeometry(const Workspace& workspace);
void setDatasetMaskGeometry(Workspace& workspace, const Preprocessing& geometry);

/// The folder the dataset's image paths are relative to; empty when none is recorded.
std::string datasetImagesRoot(const Workspace& workspace);

/// `<workspace>/salient-dataset/masks.u8` (or masks-b.u8: the setting salient_dataset_mask_file).
std::string datasetMaskFilePath(const Workspace& workspace);
/// The other of masks.u8 and masks-b.u8: where an import writes the new masks while the dataset's own
/// stay intact until the rows that name the new ones are committed.
std::string spareDatasetMaskFileName(const Workspace& workspace);

/// The dataset's mask file for reading; throws InputError when the workspace has no dataset.
MaskFile openDatasetMasks(Workspace& workspace);

/// The per-image unions the sensitivity sweeps corrupt (step 7): the element-wise max of the image's
/// spurious masks (noise there measures core accuracy) and of its core masks (spurious accuracy). A
/// union is empty when the image has no mask of that label.
struct ImageMaskUnions
{
    std::string image; ///< relative to the images root
    int classIndex = 0;
    SoftMask spurious;
    SoftMask core;
    int spuriousCount = 0;
    int coreCount = 0;
};

/// Reads the Salient dataset of a workspace: its pairs, its masks and the images they belong to.
/// Not thread-safe (one mask file position).
class DatasetReader
{
public:
    /// Throws InputError when the workspace has no dataset (run salient dataset build or import).
    explicit DatasetReader(Workspace& workspace);

    const std::vector<DatasetPair>& pairs() const { return m_pairs; }
    const DatasetPair* pair(int classIndex, int feature) const;
    /// The folder image paths are relative to.
    const std::string& imagesRoot() const { return m_imagesRoot; }
    std::string imagePath(const DatasetMask& mask) const;

    SoftMask mask(const DatasetMask& mask) const;
    std::vector<DatasetMask> masksOf(int classIndex, int feature) const;
    /// The unions of one image (`image` relative to the images root).
    ImageMaskUnions unions(const std::string& image) const;
    /// Every image's unions, by image path; reports progress and stops when cancelled.
    std::vector<ImageMaskUnions> allUnions(const Job& job = {}) const;

private:
    ImageMaskUnions unionsOf(const std::string& image, const std::vector<DatasetMask>& masks) const;

    Workspace* m_workspace;
    std::vector<DatasetPair> m_pairs;
    std::string m_imagesRoot;
    MaskFile m_file;
};

} // namespace salient
