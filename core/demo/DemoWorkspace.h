#pragma once

#include "base/Job.h"
#include "core/Runtime.h"
#include "core/demo/DemoWorld.h"

#include <functional>
#include <string>

namespace salient {

/// The accuracies `salient demo` measures and writes to demo.json.
struct DemoAccuracies
{
    double robustCorrelated = 0, robustBalanced = 0, robustPgd = 0;
    double standardCorrelated = 0, standardBalanced = 0, standardPgd = 0;
    double pgdEps = 0;
    int pgdSteps = 0;
    int pgdImages = 0;
};

/// Fills a new workspace folder with the Spurious Fashion world (`dataset/`), the shipped robust and
/// standard models from `modelDirectory` (`models/`), WordNet metadata of the classes (`classes.json`)
/// and the measured accuracies (`demo.json`, keys robust.correlated, robust.balanced, robust.pgd,
/// standard.correlated, ...). `directory` may exist but must not hold a dataset yet.
DemoAccuracies buildDemoWorkspace(const std::string& directory, const std::string& modelDirectory,
                                  const DemoWorldOptions& options, DeviceChoice device, const Job& job = {},
                                  const std::function<void(const std::string&)>& log = {});

} // namespace salient
