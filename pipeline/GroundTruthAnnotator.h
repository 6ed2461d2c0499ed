#pragma once

#include "base/Job.h"

#include <optional>
#include <string>

namespace salient {

class Workspace;

/// Where the red region of a feature's neural activation maps lies, measured against the demo world's true
/// masks over a pair's top images: on the main object (red mask), on a separate object (blue) or on the
/// background (everything else, of which `backgroundCue` lies on a planted background cue, green).
struct MassShares
{
    double object = 0.0;
    double separateObject = 0.0;
    double background = 0.0;
    double backgroundCue = 0.0;
};

struct AutolabelSummary
{
    std::string study;
    int answered = 0;
    int mainObject = 0;
    int separateObject = 0;
    int background = 0;
};

/// Answers every open discovery HIT of the study (default: the latest) as the simulated annotator
/// `ground-truth`: the answer is the part with the largest NAM mass, the confidence grows with that
/// share, and the reason states the measured shares. Exists so the demo's pipeline runs without 50
/// manual HITs; throws InputError on a workspace without ground-truth masks.
AutolabelSummary autolabelFromGroundTruth(Workspace& workspace, const std::optional<std::string>& study,
                                          const std::string& device = "auto", const Job& job = {});

/// The shares of one image's red region — the NAM (H x W, divided by its maximum) where it is at least
/// 0.5, weighted by its value — against the true masks as an RGB image of the same size. All zeros when
/// the map has no such region.
MassShares namMassShares(const std::vector<float>& nam, const std::vector<float>& maskRgb);

} // namespace salient
