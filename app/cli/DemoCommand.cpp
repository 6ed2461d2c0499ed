#include "Commands.h"
#include "ProgressBar.h"

#include "core/demo/DemoWorkspace.h"
#include "database/Workspace.h"
#include "pipeline/IndexStep.h"
#include "pipeline/WorkspacePaths.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace salient::cli {
namespace {

/// Where the shipped models are: $SALIENT_RESOURCES, the source tree this binary was built from, or the
/// installed share folder.
std::string modelDirectory()
{
    if (const char* env = std::getenv("SALIENT_RESOURCES"))
        return std::string(env) + "/models";
    for (const std::string& candidate :
         {std::string(SALIENT_SOURCE_RESOURCES), std::string(SALIENT_INSTALLED_RESOURCES)})
        if (std::filesystem::exists(candidate + "/models/robust.pt"))
            return candidate + "/models";
    return std::string(SALIENT_SOURCE_RESOURCES) + "/models";
}

} // namespace

int runDemoCommand(Arguments& arguments)
{
    DemoWorldOptions options;
    options.seed = std::uint64_t(arguments.intOption("seed", int(options.seed)));
    options.trainCount = arguments.intOption("train", options.trainCount);
    options.valCount = arguments.intOption("val", options.valCount);
    options.testCount = arguments.intOption("test", options.testCount);
    options.balancedCount = arguments.intOption("balanced", options.balancedCount);
    const bool worldOnly = arguments.flag("world-only");
    const bool index = !arguments.flag("no-index");
    const DeviceChoice device = parseDeviceChoice(arguments.option("device", "auto"));
    const auto words = arguments.positionals();
    if (words.size() != 1)
        throw UsageError("demo takes one DIR (a new or empty folder)");
    const std::string directory = words[0];
    if (std::filesystem::exists(std::filesystem::path(directory) / "dataset"))
        throw InputError(directory + ": already holds a dataset; choose a new folder");

    ProgressBar progress;
    if (worldOnly) {
        writeDemoWorld((std::filesystem::path(directory) / "dataset").string(), options, progress.job());
        progress.finishLine();
        std::cerr << "Wrote the Spurious Fashion world to " << directory << "/dataset\n";
        return 0;
    }
    buildDemoWorkspace(directory, modelDirectory(), options, device, progress.job(),
                       [&](const std::string& line) {
                           progress.finishLine();
                           std::cerr << line << '\n';
                       });
    progress.finishLine();
    Workspace workspace = Workspace::open(directory, true);
    workspace.setConfigValue("demo", "spurious-fashion");
    workspace.setConfigValue(WorkspaceKeys::Dataset, "dataset");
    workspace.setConfigValue(WorkspaceKeys::RobustModel, "models/robust.pt");
    workspace.setConfigValue(WorkspaceKeys::StandardModel, "models/standard.pt");
    if (index) {
        IndexStepOptions indexOptions;
        indexOptions.index.device = device;
        runIndexStep(workspace, indexOptions, progress.job());
        progress.finishLine();
        std::cerr << "Indexed the training images and ranked every class's features\n";
    }
    std::cerr << "Demo workspace ready in " << directory << '\n';
    return 0;
}

} // namespace salient::cli
