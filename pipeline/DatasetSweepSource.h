#pragma once

#include "core/dataset/MaskFile.h"
#include "core/sweep/SweepSource.h"
#include "database/DatasetTables.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace salient {

class Workspace;

/// A workspace's Salient dataset (built or imported) as a sweep source: every image that has a soft
/// mask, with the masks of its class's labelled features (core or spurious; feature ids are the neural
/// features). Classes are the workspace's indexed classes in index order (or, without an index, the
/// pairs' WordNet ids at their class index), so labels line up with the model's outputs. Samples are
/// sorted by class, then image path. The masks are read from salient-dataset/masks.u8 when a batch needs
/// them; a built dataset's masks lie on the crop of the model that made them (maskGeometry), an imported
/// one's cover their whole image.
class DatasetSweepSource : public SweepSource
{
public:
    /// Throws InputError when the workspace has no dataset.
    explicit DatasetSweepSource(Workspace& workspace);

    std::string description() const override { return m_description; }
    const std::vector<std::string>& classIds() const override { return m_classIds; }
    const std::vector<SweepSample>& samples() const override { return m_samples; }
    std::vector<SweepMask> loadMasks(std::size_t index) const override;
    std::optional<Preprocessing> maskGeometry() const override { return m_geometry; }

private:
    std::string m_description;
    std::vector<std::string> m_classIds;
    std::vector<SweepSample> m_samples;
    std::vector<std::vector<DatasetMask>> m_masks; ///< per sample, in the order of its MaskRefs
    std::optional<Preprocessing> m_geometry;
    mutable std::mutex m_fileMutex; ///< the mask file has one read position
    MaskFile m_file;
};

} // namespace salient
