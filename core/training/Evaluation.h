#pragma once

#include "base/Job.h"
#include "core/Runtime.h"

#include <cstdint>
#include <string>

namespace salient {

struct EvaluationOptions
{
    bool attack = false; ///< also measure accuracy under the L2 PGD attack
    double eps = 0.5;
    int attackSteps = 10;
    double attackStepSize = 0.0; ///< 0: 2.5 * eps / steps
    int attackLimit = 0;         ///< attack at most this many images, spread evenly over the folder; 0 = all
    int batchSize = 200;
};

struct EvaluationResult
{
    std::int64_t images = 0;
    double clean = 0.0; ///< fraction correct
    std::int64_t attacked = 0;
    double underAttack = 0.0; ///< fraction correct on the attacked images (when attacked > 0)
};

/// Accuracy of a model file on an ImageFolder. Folder classes are matched to the model's classes by id
/// when the model names them (e.g. WordNet ids), else by sorted position.
EvaluationResult evaluateModel(const std::string& modelPath, const std::string& folderRoot,
                               const EvaluationOptions& options, DeviceChoice device, const Job& job = {});

} // namespace salient
