#pragma once

#include "core/Runtime.h"
#include "core/masking/MaskingStrategy.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace salient {

/// How a sweep corrupts a region: a strategy of the masking registry (core/masking/MaskingStrategy.h)
/// that is offered in sweeps. With m the soft mask in [0, 1], x the image in [0, 1] and s the level:
/// - Noise:   x' = clip(x + s * z * m, 0, 1), z ~ N(0, I)          (s is the noise's standard deviation)
/// - Uniform: x' = clip(x + s * u * m, 0, 1), u ~ U(-1, 1)
/// - Black, Grey, Mean, Blur, GreyEdge: x' = x + a * m * (f - x), a = min(s, 1) the blend strength, with
///   the fill f = 0, the model's normalisation mean, the image's per-channel mean, the image blurred
///   (Gaussian, see Corruption_p.h), or grey with its edge smoothed (grey composited into the region,
///   then blurred 5 x 5, sigma 1, inside it).
/// At a = 1 the fill strategies are the usual x * (1 - m) + f * m; at s = 0 every strategy is the identity.
/// Layer masking is not a sweep strategy (it runs inside the network; see `salient masking`).
using SweepStrategy = MaskingStrategy;

/// What a result measures, always beside the clean accuracy on the same images.
/// - Core: "core accuracy", the union of the image's spurious masks is corrupted (images that have one);
/// - Spurious: "spurious accuracy", the union of its core masks is corrupted (images that have one);
/// - Feature: one (class, feature) mask alone is corrupted (images that have it).
enum class SweepMeasure
{
    Core,
    Spurious,
    Feature,
};

/// The registry's strategies that sweeps offer, in registry order.
const std::vector<SweepStrategy>& allSweepStrategies();
bool isRandomStrategy(SweepStrategy strategy); ///< noise and uniform draw random numbers

std::string measureName(SweepMeasure measure); ///< "core", "spurious", "feature"
SweepMeasure parseMeasure(const std::string& name);

/// The paper's noise levels.
std::vector<double> defaultSigmas();

/// "0,0.1,0.25" as levels; throws InputError for anything that is not a list of numbers >= 0.
std::vector<double> parseSigmas(const std::string& text);

/// Which images a sweep runs on: all of the source's, one class's, and/or those that have a feature's mask.
struct SweepScope
{
    std::optional<int> classIndex; ///< the source's class index
    std::optional<int> feature;    ///< images that have a mask of this feature
    std::int64_t limit = 0;        ///< at most this many images, spread evenly over the scope; 0 = all
};

struct SweepOptions
{
    std::vector<double> sigmas = defaultSigmas();
    std::vector<SweepStrategy> strategies{SweepStrategy::Noise};
    SweepScope scope;
    std::uint64_t seed = 0;
    int batchSize = 128;
    DeviceChoice device = DeviceChoice::Auto;
    bool featureDrops = true; ///< also corrupt each feature's mask alone (SweepMeasure::Feature)

    /// Throws InputError naming the first bad option.
    void validate() const;
};

} // namespace salient
