#include "pipeline/GeneralisationSample.h"

#include "base/Errors.h"
#include "core/index/IndexManifest.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace salient {

GeneralisationSample generalisationSample(Workspace& workspace, int classIndex, int feature, int count)
{
    for (const ClassFeature& ranked : classFeatures(workspace.database(), classIndex)) {
        if (ranked.feature != feature)
            continue;
        // The index names images relative to the folder it was built from (e.g. dataset/train).
        const fs::path dataset =
            IndexManifest::read(workspaceFile(workspace, WorkspaceKeys::FeatureIndex)).dataset;
        const auto& set = ranked.generalisation;
        const std::size_t k = std::min<std::size_t>(std::size_t(std::max(count, 0)), set.size() / 2);
        auto describe = [&](std::size_t from, std::size_t to) {
            std::vector<SampleImage> images;
            for (std::size_t i = from; i < to; ++i)
                if (const auto stored = indexedImage(workspace.database(), set[i].imageId))
                    images.push_back({(dataset / stored->path).string(), stored->path, set[i].activation});
            return images;
        };
        return {describe(0, k), describe(set.size() - k, set.size())};
    }
    throw InputError("feature " + std::to_string(feature) + " is not among the ranked features of class " +
                     std::to_string(classIndex));
}

} // namespace salient
