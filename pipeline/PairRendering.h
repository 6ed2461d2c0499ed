#pragma once

#include "base/Job.h"
#include "core/Runtime.h"
#include "core/evidence/AttackSettings.h"

#include <optional>
#include <string>
#include <vector>

namespace salient {

/// `salient render`: the evidence of one (class, feature) pair written as numbered PNG files into a
/// folder, through the workspace's render cache when there is one.
struct PairRenderRequest
{
    std::string workspace = ".";      ///< a workspace folder, or any folder for a bare index
    std::optional<std::string> index; ///< default: the workspace's stored index
    std::string classText;            ///< a class id or index
    std::string featureText;          ///< a feature index
    std::string outDir;
    std::optional<std::string> model; ///< default: the index's model, else the workspace's robust model
    std::optional<std::string> data;  ///< default: the index's dataset, else the workspace's train split
    bool useCache = true;
    DeviceChoice device = DeviceChoice::Auto;
    AttackSettings attack;
};

struct RenderedImage
{
    std::string source; ///< relative to the dataset root
    float activation = 0.0f;
    std::string image, heatmap, attack; ///< the PNG files written into the folder
    float featureBefore = 0.0f, featureAfter = 0.0f;
    bool fromCache = false;
};

struct PairRenderResult
{
    int classIndex = 0;
    std::string classId;
    int feature = 0;
    int rank = 0;
    double importance = 0.0;
    std::string model;
    std::string device;
    AttackSettings attack;
    double effectiveStepSize = 0.0;
    double effectiveEps = 0.0;           ///< the attack's L2 bound on this model's input (0: none)
    std::optional<std::string> cacheDir; ///< the render cache used, if any
    std::vector<RenderedImage> images;
};

/// Renders the pair's top images, heatmaps and feature attacks into request.outDir. Throws InputError
/// for an unknown class or feature, a model that is not the index's, or a folder it cannot create.
PairRenderResult renderPairToFolder(const PairRenderRequest& request, const Job& job = {});

} // namespace salient
