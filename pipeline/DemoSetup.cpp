#include "pipeline/DemoSetup.h"

#include "base/Errors.h"
#include "core/demo/DemoWorkspace.h"
#include "database/Workspace.h"
#include "pipeline/IndexStep.h"
#include "pipeline/WorkspacePaths.h"

#include <cstdlib>
#include <filesystem>

namespace salient {

std::string shippedModelDirectory()
{
    if (const char* env = std::getenv("SALIENT_RESOURCES"))
        return std::string(env) + "/models";
    for (const std::string& candidate :
         {std::string(SALIENT_SOURCE_RESOURCES), std::string(SALIENT_INSTALLED_RESOURCES)})
        if (std::filesystem::exists(candidate + "/models/robust.pt"))
            return candidate + "/models";
    return std::string(SALIENT_SOURCE_RESOURCES) + "/models";
}

void createDemoWorkspace(const std::string& directory, const DemoSetupOptions& options, const Job& job,
                         const std::function<void(const std::string&)>& log)
{
    if (std::filesystem::exists(std::filesystem::path(directory) / "dataset"))
        throw InputError(directory + ": already holds a dataset; choose a new folder");
    buildDemoWorkspace(directory, options.modelDirectory, options.world, options.device, job, log);
    Workspace workspace = Workspace::open(directory, true);
    workspace.setConfigValue("demo", "spurious-fashion");
    workspace.setConfigValue(WorkspaceKeys::Dataset, "dataset");
    workspace.setConfigValue(WorkspaceKeys::RobustModel, "models/robust.pt");
    workspace.setConfigValue(WorkspaceKeys::StandardModel, "models/standard.pt");
    if (!options.index)
        return;
    IndexStepOptions indexOptions;
    indexOptions.index.device = options.device;
    runIndexStep(workspace, indexOptions, job);
    if (log)
        log("Indexed the training images and ranked every class's features");
}

} // namespace salient
