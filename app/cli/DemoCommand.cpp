#include "Commands.h"
#include "ProgressBar.h"

#include "pipeline/DemoSetup.h"

#include <filesystem>
#include <iostream>

namespace salient::cli {

int runDemoCommand(Arguments& arguments)
{
    DemoSetupOptions options;
    DemoWorldOptions& world = options.world;
    world.seed = std::uint64_t(arguments.intOption("seed", int(world.seed)));
    world.trainCount = arguments.intOption("train", world.trainCount);
    world.valCount = arguments.intOption("val", world.valCount);
    world.testCount = arguments.intOption("test", world.testCount);
    world.balancedCount = arguments.intOption("balanced", world.balancedCount);
    const bool worldOnly = arguments.flag("world-only");
    options.index = !arguments.flag("no-index");
    options.device = parseDeviceChoice(arguments.option("device", "auto"));
    const auto words = arguments.positionals();
    if (words.size() != 1)
        throw UsageError("demo takes one DIR (a new or empty folder)");
    const std::string directory = words[0];
    const std::string dataset = (std::filesystem::path(directory) / "dataset").string();
    if (std::filesystem::exists(dataset))
        throw InputError(directory + ": already holds a dataset; choose a new folder");

    ProgressBar progress;
    if (worldOnly) {
        writeDemoWorld(dataset, world, progress.job());
        progress.finishLine();
        std::cerr << "Wrote the Spurious Fashion world to " << dataset << '\n';
        return 0;
    }
    createDemoWorkspace(directory, options, progress.job(), [&](const std::string& line) {
        progress.finishLine();
        std::cerr << line << '\n';
    });
    progress.finishLine();
    std::cerr << "Demo workspace ready in " << directory << '\n';
    return 0;
}

} // namespace salient::cli
