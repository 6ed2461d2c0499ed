#pragma once

#include "base/Job.h"
#include "base/SeededRandom.h"
#include "core/demo/DemoClasses.h"
#include "core/demo/Idx.h"

#include <cstdint>
#include <string>
#include <vector>

namespace salient {

/// The "Spurious Fashion" world: Fashion-MNIST items composited on backgrounds, with cues that go with
/// their class in train, val and test, and are independent of the class in test_balanced.
struct DemoWorldOptions
{
    std::uint64_t seed = 2022;
    int imageSize = 48;
    int trainCount = 12000;   ///< from Fashion-MNIST's training items, in order
    int valCount = 2000;      ///< the training items after those
    int testCount = 2000;     ///< from Fashion-MNIST's test items: cues correlated as in train
    int balancedCount = 2000; ///< the test items after those: cues independent of the class
    double correlation = 0.9; ///< chance that an image of a cue class shows its cue (correlated splits)
    double strayCue = 0.1;    ///< chance of some other cue of each kind (correlated splits)
    std::string fashionDirectory = kDebianFashionMnistDir;
};

/// One image of the world, as the manifest lists it.
struct DemoSample
{
    std::string split;
    int classIndex = 0;
    int sourceIndex = 0; ///< index in the Fashion-MNIST split it comes from
    BackgroundCue background = BackgroundCue::None;
    ObjectCue object = ObjectCue::None;

    std::string name() const; ///< "train_00042"
};

/// The four splits' names, in the order they are generated.
const std::vector<std::string>& demoSplitNames();

/// Decides which cues an image shows. Correlated splits: a cue class shows its own cue with
/// `correlation`, and each kind of cue it does not own appears at random with `strayCue`. Balanced split:
/// each kind is drawn uniformly from none and its three cues, whatever the class.
void chooseCues(DemoSample& sample, bool balanced, const DemoWorldOptions& options, SeededRandom& random);

/// Every sample of every split, without rendering (cheap: used for statistics and tests).
std::vector<DemoSample> planDemoWorld(const DemoWorldOptions& options, const IdxArray& trainLabels,
                                      const IdxArray& testLabels);

/// Writes the world into `directory` (which must not exist yet): `<split>/<wnid>/<name>.png`,
/// ground-truth masks in `masks/<split>/<wnid>/<name>.png` (red = item, green = background cue,
/// blue = separate object), `manifest.csv` and `world.json`. Built in `directory + ".partial"` and
/// renamed at the end, so a crash never leaves a half world. Throws InputError for a bad option or
/// missing Fashion-MNIST files.
void writeDemoWorld(const std::string& directory, const DemoWorldOptions& options, const Job& job = {});

} // namespace salient
