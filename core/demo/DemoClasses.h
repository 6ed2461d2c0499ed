#pragma once

#include <string>
#include <vector>

namespace salient {

/// Backgrounds that stand for a class the way water stands for drake.
enum class BackgroundCue
{
    None,
    Water,
    Sand,
    Snow
};

/// Separate objects that come with a class the way fingers come with band aid.
enum class ObjectCue
{
    None,
    Ball,
    Flower,
    Umbrella
};

/// A class of the Spurious Fashion world: a Fashion-MNIST label, its WordNet 3.0 noun synset, and the
/// cue planted with it (at most one of the two).
struct DemoClass
{
    int fashionLabel;
    std::string fashionName; ///< Fashion-MNIST's own label text
    std::string wnid;        ///< "n" + WordNet 3.0 offset
    std::string lemma;       ///< the lemma the synset is looked up by
    BackgroundCue background;
    ObjectCue object;
};

/// The ten classes, indexed by Fashion-MNIST label.
const std::vector<DemoClass>& demoClasses();

std::string cueName(BackgroundCue cue);
std::string cueName(ObjectCue cue);
BackgroundCue backgroundCueFromName(const std::string& name); ///< throws InputError
ObjectCue objectCueFromName(const std::string& name);         ///< throws InputError

} // namespace salient
