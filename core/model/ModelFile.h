#pragma once

// Internal to core: includes LibTorch headers.
#include "core/ModelInfo.h"
#include "core/model/Network.h"

#include <memory>
#include <string>

namespace salient {

struct LoadedModel
{
    ModelInfo info;
    std::shared_ptr<Network> network;
};

/// Loads any model file the program understands:
/// - TorchScript archives (torch.jit.save): a torchvision-style ResNet runs natively, anything else
///   as a black-box classifier;
/// - torch.save state dicts (zip format), plain or under "state_dict", with or without "module.";
/// - robustness-library checkpoints ("model" with module.model.* weights and module.normalizer.*);
/// - the program's own saves (see saveModel).
/// Preprocessing and class names come from the file's metadata, else from a sidecar "FILE.json", else the
/// ImageNet defaults. Throws ModelError naming the file and, for architecture problems, the first key.
LoadedModel loadModel(const std::string& path, at::Device device);

/// Writes a native model as torch.save would: a dict that Python reads with torch.load, holding
/// "format" ("salient-studio-model"), "version", "metadata" (a JSON string: architecture,
/// preprocessing, classes, extra) and "state_dict" (torchvision key names, CPU tensors).
/// Written to a temporary file and renamed, so a crash never leaves half a model.
void saveModel(const std::string& path, ResNet& resnet, const ModelInfo& info);

} // namespace salient
