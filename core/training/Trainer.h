#pragma once

#include "base/Job.h"
#include "core/Runtime.h"
#include "core/training/Recipe.h"

#include <functional>
#include <string>
#include <vector>

namespace salient {

struct EpochLog
{
    int epoch = 0; ///< 1-based
    double loss = 0.0;
    double accuracy = 0.0; ///< on the (adversarial, when robust) training batches
    double seconds = 0.0;
    double imagesPerSecond = 0.0;
};

struct TrainingResult
{
    std::vector<EpochLog> epochs;
    int resumedAfterEpoch = 0; ///< 0 when the run started fresh
    std::vector<std::string> classes;
};

/// Trains a ResNet as the recipe says (standard or L2-PGD adversarial; SGD with momentum, weight decay
/// and a cosine schedule) and saves it to `outPath` in the program's own format, with the recipe and the
/// training log in its metadata. After every epoch a checkpoint `outPath.checkpoint` is written
/// atomically; a run that finds one for the same recipe resumes after its epoch, and ends where an
/// uninterrupted run would. `log` receives one line per event (resume, epoch summary).
TrainingResult trainModel(const Recipe& recipe, const std::string& outPath, DeviceChoice device,
                          const Job& job = {}, const std::function<void(const std::string&)>& log = {});

} // namespace salient
