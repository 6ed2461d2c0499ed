#pragma once

#include "core/Preprocessing.h"

#include <cstdint>
#include <string>
#include <vector>

namespace salient {

/// What a model file holds, as `salient model info` reports it.
struct ModelInfo
{
    std::string path;
    std::string sha256;
    std::string format;       ///< "salient", "torchscript", "state-dict" or "robustness"
    std::string architecture; ///< "resnet18" ... "resnet152", "resnet-narrow", or "torchscript" (black box)
    bool native = false;      ///< a ResNet run natively: features, layer4 maps and gradients are available
    std::int64_t parameterCount = 0;
    int numClasses = 0;
    int featureWidth = 0; ///< penultimate width; 0 for black-box classifiers
    Preprocessing preprocessing;
    std::vector<std::string> classNames; ///< may be empty
    std::vector<std::string> classIds;   ///< e.g. WordNet ids; may be empty
    std::string extraJson = "{}";        ///< training recipe, measured accuracies, ...

    /// "TorchScript archive", "robustness-library checkpoint", ...
    std::string formatDescription() const;
    /// The class's display name: its name when known, else "class N".
    std::string className(int index) const;
};

} // namespace salient
