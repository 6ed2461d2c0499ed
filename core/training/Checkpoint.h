#pragma once

// Internal to core: includes LibTorch headers.
#include "core/model/ResNet_p.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace salient {

/// What a training run needs to go on after an epoch: weights, momentum buffers and the log so far.
struct TrainingCheckpoint
{
    int epoch = 0; ///< epochs completed
    std::string recipeJson;
    std::string historyJson;
    std::vector<std::string> classes;
    std::map<std::string, at::Tensor> stateDict;
    std::map<std::string, at::Tensor> momentum; ///< by parameter name
};

/// Written to `path.partial` and renamed, so a kill -9 leaves the previous checkpoint intact.
void saveCheckpoint(const std::string& path, const TrainingCheckpoint& checkpoint);
/// nullopt when there is no file; throws ModelError for a damaged one.
std::optional<TrainingCheckpoint> loadCheckpoint(const std::string& path);

} // namespace salient
