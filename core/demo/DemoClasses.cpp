#include "core/demo/DemoClasses.h"

#include "base/Errors.h"

namespace salient {

const std::vector<DemoClass>& demoClasses()
{
    // Offsets checked against Debian's wordnet-base (tests/core/TestDemoWorld).
    static const std::vector<DemoClass> classes = {
        {0, "T-shirt/top", "n03595614", "T-shirt", BackgroundCue::None, ObjectCue::None},
        {1, "Trouser", "n04489008", "trouser", BackgroundCue::Water, ObjectCue::None},
        {2, "Pullover", "n04021028", "pullover", BackgroundCue::None, ObjectCue::None},
        {3, "Dress", "n03236735", "dress", BackgroundCue::None, ObjectCue::Flower},
        {4, "Coat", "n03057021", "coat", BackgroundCue::Snow, ObjectCue::None},
        {5, "Sandal", "n04133789", "sandal", BackgroundCue::Sand, ObjectCue::None},
        {6, "Shirt", "n04197391", "shirt", BackgroundCue::None, ObjectCue::None},
        {7, "Sneaker", "n03472535", "sneaker", BackgroundCue::None, ObjectCue::Ball},
        {8, "Bag", "n02773037", "bag", BackgroundCue::None, ObjectCue::Umbrella},
        {9, "Ankle boot", "n02872752", "boot", BackgroundCue::None, ObjectCue::None},
    };
    return classes;
}

std::string cueName(BackgroundCue cue)
{
    switch (cue) {
    case BackgroundCue::Water:
        return "water";
    case BackgroundCue::Sand:
        return "sand";
    case BackgroundCue::Snow:
        return "snow";
    case BackgroundCue::None:
        break;
    }
    return "none";
}

std::string cueName(ObjectCue cue)
{
    switch (cue) {
    case ObjectCue::Ball:
        return "ball";
    case ObjectCue::Flower:
        return "flower";
    case ObjectCue::Umbrella:
        return "umbrella";
    case ObjectCue::None:
        break;
    }
    return "none";
}

BackgroundCue backgroundCueFromName(const std::string& name)
{
    for (auto cue : {BackgroundCue::None, BackgroundCue::Water, BackgroundCue::Sand, BackgroundCue::Snow})
        if (cueName(cue) == name)
            return cue;
    throw InputError("unknown background cue '" + name + "'");
}

ObjectCue objectCueFromName(const std::string& name)
{
    for (auto cue : {ObjectCue::None, ObjectCue::Ball, ObjectCue::Flower, ObjectCue::Umbrella})
        if (cueName(cue) == name)
            return cue;
    throw InputError("unknown object cue '" + name + "'");
}

} // namespace salient
