#pragma once

#include "core/sweep/SweepSource.h"

#include <string>
#include <vector>

namespace salient {

/// The demo world's ground truth as a sweep source: every image of a split with its mask file
/// `masks/<split>/<wnid>/<name>.png`, whose channels are the regions (value / 255 = soft coverage):
/// - red, the clothing item: the core mask, feature id -1 ("item");
/// - green, the background when it is a cue: a spurious mask, feature id -2 ("background");
/// - blue, the separate object: a spurious mask, feature id -3 ("object").
/// Negative ids keep these ground-truth regions apart from neural features (>= 0). An image lists a
/// spurious mask only when manifest.csv says it shows that cue. Classes are the sorted WordNet ids, as
/// in the split's ImageFolder; samples are sorted by class, then name.
class DemoSweepSource : public SweepSource
{
public:
    static constexpr int ItemFeature = -1;
    static constexpr int BackgroundFeature = -2;
    static constexpr int ObjectFeature = -3;

    /// Reads `datasetRoot`/manifest.csv; throws InputError naming the file for a missing or damaged
    /// manifest, and naming the split when it has no images.
    DemoSweepSource(const std::string& datasetRoot, const std::string& split);

    /// True when `datasetRoot` looks like a demo world (manifest.csv and masks/).
    static bool isDemoWorld(const std::string& datasetRoot);

    std::string description() const override;
    const std::vector<std::string>& classIds() const override { return m_classIds; }
    const std::vector<SweepSample>& samples() const override { return m_samples; }
    std::vector<SweepMask> loadMasks(std::size_t index) const override;
    std::string featureName(int classIndex, int feature) const override;

private:
    std::string m_root;
    std::string m_split;
    std::vector<std::string> m_classIds;
    std::vector<SweepSample> m_samples;
    std::vector<std::string> m_maskPaths;
};

} // namespace salient
