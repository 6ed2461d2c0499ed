// `salient hits autolabel --ground-truth`: the demo's simulated annotator.
#include "HitsSupport.h"
#include "JsonOutput.h"
#include "ProgressBar.h"
#include "base/Text.h"

#include "pipeline/GroundTruthAnnotator.h"

#include <iostream>

namespace salient::cli {

int runHitsAutolabel(Arguments& arguments)
{
    const std::string usage =
        "hits autolabel --ground-truth [--study NAME] [--workspace DIR] [--device D] [--json]";
    Workspace workspace = Workspace::open(arguments.option("workspace", "."), false);
    const bool groundTruth = arguments.flag("ground-truth");
    const auto study = arguments.option("study");
    const std::string device = arguments.option("device", "auto");
    const bool json = arguments.flag("json");
    expectNoPositionals(arguments, usage);
    if (!groundTruth)
        throw UsageError(
            "autolabel answers from the demo's true masks only: pass --ground-truth; usage: salient " +
            usage);
    ProgressBar progress;
    const AutolabelSummary summary = autolabelFromGroundTruth(workspace, study, device, progress.job());
    progress.finishLine();
    if (json) {
        printJson(Json{{"study", summary.study},
                       {"annotator", "ground-truth"},
                       {"answered", summary.answered},
                       {"main_object", summary.mainObject},
                       {"separate_object", summary.separateObject},
                       {"background", summary.background}});
        return 0;
    }
    std::cout << "Answered " << counted(summary.answered, "HIT") << " of '" << summary.study
              << "' as ground-truth: " << summary.mainObject << " main object, " << summary.separateObject
              << " separate object, " << summary.background << " background\n";
    return 0;
}

} // namespace salient::cli
