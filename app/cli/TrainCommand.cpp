#include "Commands.h"
#include "ProgressBar.h"

#include "core/training/Trainer.h"

#include <iostream>

namespace salient::cli {

int runTrainCommand(Arguments& arguments)
{
    const auto recipePath = arguments.option("recipe");
    const auto out = arguments.option("out");
    const auto data = arguments.option("data");
    const int epochs = arguments.intOption("epochs", 0);
    const DeviceChoice device = parseDeviceChoice(arguments.option("device", "auto"));
    if (!arguments.positionals().empty() || !recipePath || !out)
        throw UsageError(
            "train takes --recipe FILE and --out FILE (optionally --data DIR, --epochs N, --device D)");
    Recipe recipe = Recipe::load(*recipePath);
    if (data)
        recipe.dataRoot = *data;
    if (epochs > 0)
        recipe.epochs = epochs;

    ProgressBar progress;
    const TrainingResult result =
        trainModel(recipe, *out, device, progress.job(), [&](const std::string& line) {
            progress.finishLine();
            std::cerr << line << '\n';
        });
    progress.finishLine();
    std::cerr << "Saved " << *out << " (" << result.classes.size() << " classes, " << result.epochs.size()
              << " epochs)\n";
    return 0;
}

} // namespace salient::cli
