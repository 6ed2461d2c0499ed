#include "core/training/Checkpoint.h"

#include "base/AtomicFile.h"
#include "base/Errors.h"
#include "core/model/TorchPickle_p.h"

#include <ATen/ATen.h>
#include <torch/csrc/jit/serialization/pickle.h>

#include <nlohmann/json.hpp>

#include <filesystem>

namespace salient {
namespace {

const char* kCheckpointTag = "salient-studio-checkpoint";

c10::Dict<std::string, at::Tensor> toDict(const std::map<std::string, at::Tensor>& tensors)
{
    c10::Dict<std::string, at::Tensor> dict;
    for (const auto& [name, tensor] : tensors)
        dict.insert(name, tensor.detach().to(at::kCPU).contiguous());
    return dict;
}

std::map<std::string, at::Tensor> fromDict(const PickleValue* dict, const std::string& path, const char* key)
{
    if (!dict || !dict->isDict())
        throw ModelError(path + ": checkpoint without '" + key + "'");
    std::map<std::string, at::Tensor> tensors;
    for (const auto& [k, v] : *dict->entries)
        if (v.kind == PickleValue::Kind::Tensor)
            tensors[k.text] = v.tensor;
    return tensors;
}

std::string text(const PickleValue* value, const std::string& path, const char* key)
{
    if (!value || value->kind != PickleValue::Kind::String)
        throw ModelError(path + ": checkpoint without '" + key + "'");
    return value->text;
}

} // namespace

void saveCheckpoint(const std::string& path, const TrainingCheckpoint& checkpoint)
{
    c10::impl::GenericDict root(c10::StringType::get(), c10::AnyType::get());
    root.insert(std::string("format"), std::string(kCheckpointTag));
    root.insert(std::string("epoch"), int64_t(checkpoint.epoch));
    root.insert(std::string("recipe"), checkpoint.recipeJson);
    root.insert(std::string("history"), checkpoint.historyJson);
    root.insert(std::string("classes"), nlohmann::json(checkpoint.classes).dump());
    root.insert(std::string("state_dict"), toDict(checkpoint.stateDict));
    root.insert(std::string("momentum"), toDict(checkpoint.momentum));
    const std::vector<char> bytes = torch::jit::pickle_save(root);
    writeFileAtomically(path, std::string_view(bytes.data(), bytes.size()));
}

std::optional<TrainingCheckpoint> loadCheckpoint(const std::string& path)
{
    if (!std::filesystem::exists(path))
        return std::nullopt;
    const PickleValue root = readTorchSave(path);
    const PickleValue* tag = root.find("format");
    if (!tag || tag->text != kCheckpointTag)
        throw ModelError(path + ": not a Salient Studio training checkpoint");
    TrainingCheckpoint checkpoint;
    const PickleValue* epoch = root.find("epoch");
    checkpoint.epoch = epoch ? int(epoch->integer) : 0;
    checkpoint.recipeJson = text(root.find("recipe"), path, "recipe");
    checkpoint.historyJson = text(root.find("history"), path, "history");
    checkpoint.classes =
        nlohmann::json::parse(text(root.find("classes"), path, "classes")).get<std::vector<std::string>>();
    checkpoint.stateDict = fromDict(root.find("state_dict"), path, "state_dict");
    checkpoint.momentum = fromDict(root.find("momentum"), path, "momentum");
    return checkpoint;
}

} // namespace salient
