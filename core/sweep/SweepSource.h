#pragma once

#include "core/Preprocessing.h"
#include "core/sweep/SweepOptions.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace salient {

/// A soft mask in [0, 1] (1 = fully in the region), rows top to bottom.
using SweepMask = Plane;

enum class MaskRole
{
    Core,
    Spurious,
};

/// One labelled feature's mask on an image. The feature belongs to the image's class: in the Salient
/// dataset it is a neural feature index (>= 0) of the pair (class, feature); a source of ground-truth regions
/// uses negative ids (see DemoSweepSource).
struct MaskRef
{
    MaskRole role = MaskRole::Core;
    int feature = 0;
};

struct SweepSample
{
    std::string imagePath;
    int label = 0; ///< index into SweepSource::classIds()
    std::vector<MaskRef> masks;
};

/// Where a sweep gets its images and masks. Samples are listed up front (cheap); masks are loaded only
/// when a batch needs them. The union of several masks is their element-wise maximum, as in the paper.
class SweepSource
{
public:
    virtual ~SweepSource() = default;

    /// A line naming the data, e.g. "demo world /data/ws/dataset, split test".
    virtual std::string description() const = 0;
    /// Class ids (e.g. WordNet ids) in label order; matched to a model's classes as ImageFolder classes are.
    virtual const std::vector<std::string>& classIds() const = 0;
    /// Every sample, in a fixed order: a sample's position is its identity (it seeds its noise).
    virtual const std::vector<SweepSample>& samples() const = 0;
    /// The masks of sample `index`, in the order of its `masks`, each at any resolution (a mask of another
    /// size than the image is resized to the image first). Called from several threads at once.
    virtual std::vector<SweepMask> loadMasks(std::size_t index) const = 0;
    /// A feature's display name, e.g. "feature 1234" or "background".
    virtual std::string featureName(int classIndex, int feature) const;
    /// Where the masks lie. Empty (the default): each mask covers its whole image. Otherwise the
    /// masks were made on a model's input (NAMs of the resized, centre-cropped image) and cover the crop
    /// this geometry takes of the image; outside it they are zero.
    virtual std::optional<Preprocessing> maskGeometry() const { return std::nullopt; }
};

/// The positions of the samples in `scope` (in source order), evenly thinned to `scope.limit`.
std::vector<std::size_t> scopeSamples(const SweepSource& source, const SweepScope& scope);

/// Every (class, feature) pair that some sample has a mask of, with its role, sorted by class then feature.
struct SourceFeature
{
    int classIndex = 0;
    int feature = 0;
    MaskRole role = MaskRole::Core;
};
std::vector<SourceFeature> sourceFeatures(const SweepSource& source);

/// A class given as its id (e.g. a WordNet id) or its index; throws InputError naming the text.
int findSourceClass(const SweepSource& source, const std::string& text);
/// A feature given as its number or its name (e.g. "background"); throws InputError naming the text.
int findSourceFeature(const SweepSource& source, const std::string& text);

} // namespace salient
