#pragma once

#include "base/Job.h"
#include "core/Runtime.h"
#include "core/demo/DemoWorld.h"

#include <functional>
#include <string>

namespace salient {

/// Where the shipped demo models are: $SALIENT_RESOURCES/models, the source tree the program was built
/// from, or the installed share folder.
std::string shippedModelDirectory();

struct DemoSetupOptions
{
    DemoWorldOptions world;
    DeviceChoice device = DeviceChoice::Auto;
    bool index = true; ///< also index the training split and rank every class's features
    std::string modelDirectory = shippedModelDirectory();
};

/// `salient demo DIR` and the window's "Create Demo Workspace": the Spurious Fashion world, the shipped
/// models, their measured accuracies, the workspace settings that name them and (by default) the
/// feature index. Throws InputError when `directory` already holds a dataset.
void createDemoWorkspace(const std::string& directory, const DemoSetupOptions& options, const Job& job = {},
                         const std::function<void(const std::string&)>& log = {});

} // namespace salient
