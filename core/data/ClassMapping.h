#pragma once

#include "core/ModelInfo.h"
#include "core/data/ImageFolder.h"

#include <cstdint>
#include <vector>

namespace salient {

/// The model's class index for each class folder: by id (e.g. WordNet id) when the model names its
/// classes, else by sorted position; -1 for an empty id (a class no image has). Throws InputError for a
/// folder the model does not know.
std::vector<std::int64_t> mapFolderClasses(const ModelInfo& model, const ImageFolder& folder);

} // namespace salient
