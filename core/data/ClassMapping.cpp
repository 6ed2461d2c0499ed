#include "core/data/ClassMapping.h"

#include "base/Errors.h"

#include <algorithm>

namespace salient {

std::vector<std::int64_t> mapFolderClasses(const ModelInfo& model, const ImageFolder& folder)
{
    std::vector<std::int64_t> mapping;
    for (std::size_t i = 0; i < folder.classes.size(); ++i) {
        if (model.classIds.empty()) {
            if (int(i) >= model.numClasses)
                throw InputError(folder.root + ": more class folders than the model has classes");
            mapping.push_back(std::int64_t(i));
            continue;
        }
        if (folder.classes[i].empty()) { // a gap in a list of classes (no image has it): maps nowhere
            mapping.push_back(-1);
            continue;
        }
        const auto it = std::find(model.classIds.begin(), model.classIds.end(), folder.classes[i]);
        if (it == model.classIds.end())
            throw InputError(folder.root + ": class folder '" + folder.classes[i] + "' is not a class of " +
                             model.path);
        mapping.push_back(it - model.classIds.begin());
    }
    return mapping;
}

} // namespace salient
