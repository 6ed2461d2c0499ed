#include "core/model/ModelFile.h"

#include "base/AtomicFile.h"
#include "base/Errors.h"
#include "base/Sha256.h"
#include "core/model/ScriptClassifier.h"
#include "core/model/TorchErrors_p.h"
#include "core/model/TorchPickle_p.h"
#include "core/model/ZipArchive.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/pickle.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>

namespace salient {
namespace {

using Json = nlohmann::json;
using WeightMap = std::map<std::string, at::Tensor>;

const char* kFormatTag = "salient-studio-model";
constexpr int kFormatVersion = 1;

enum class FileKind
{
    Zip,
    LegacyPickle,
    Unknown
};

FileKind sniff(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ModelError(path + ": cannot open file");
    char head[4] = {};
    in.read(head, 4);
    if (in.gcount() == 0)
        throw ModelError(path + ": empty file, not a model");
    if (in.gcount() == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
        return FileKind::Zip;
    if (std::uint8_t(head[0]) == 0x80)
        return FileKind::LegacyPickle;
    return FileKind::Unknown;
}

bool isTorchScriptArchive(const std::string& path)
{
    try {
        caffe2::serialize::PyTorchStreamReader archive(path);
        if (archive.hasRecord("constants.pkl"))
            return true;
        for (const auto& record : archive.getAllRecords())
            if (record.rfind("code/", 0) == 0)
                return true;
        return false;
    } catch (const c10::Error& e) {
        throw ModelError(path + ": damaged or truncated zip archive (" + torchMessage(e) + ")");
    }
}

std::array<float, 3> channelValues(const Json& json, const char* key)
{
    const auto values = json.at(key).get<std::vector<float>>();
    if (values.size() != 3)
        throw ModelError(std::string("'") + key + "' needs three values (R, G, B)");
    return {values[0], values[1], values[2]};
}

/// A side length of the model's input: a whole number from 0 (none) to 4096, far above any classifier's
/// input; a larger one would only make every image allocate gigabytes.
int inputSide(const Json& preprocessing, const char* key, int fallback)
{
    if (!preprocessing.contains(key))
        return fallback;
    const Json& value = preprocessing.at(key);
    constexpr int kLargest = 4096;
    if (!value.is_number_integer() || value.get<std::int64_t>() < 0 || value.get<std::int64_t>() > kLargest)
        throw ModelError(std::string("'") + key + "' must be a whole number of pixels from 0 to " +
                         std::to_string(kLargest) + ", not " + value.dump());
    return value.get<int>();
}

/// Fills preprocessing and classes from a metadata object (the file's own or a sidecar).
void applyMetadata(ModelInfo& info, const Json& meta)
{
    if (meta.contains("preprocessing")) {
        const Json& p = meta.at("preprocessing");
        info.preprocessing.resize = inputSide(p, "resize", info.preprocessing.resize);
        info.preprocessing.crop = inputSide(p, "crop", info.preprocessing.crop);
        if (p.contains("mean"))
            info.preprocessing.mean = channelValues(p, "mean");
        if (p.contains("std"))
            info.preprocessing.std = channelValues(p, "std");
        for (float v : info.preprocessing.std)
            if (!(v > 0.0f) || !std::isfinite(v))
                throw ModelError("'std' must be positive: the model divides by it");
        for (float v : info.preprocessing.mean)
            if (!std::isfinite(v))
                throw ModelError("'mean' must be finite numbers");
    }
    if (meta.contains("classes"))
        info.classNames = meta.at("classes").get<std::vector<std::string>>();
    if (meta.contains("class_ids"))
        info.classIds = meta.at("class_ids").get<std::vector<std::string>>();
    if (meta.contains("extra"))
        info.extraJson = meta.at("extra").dump();
}

void applySidecar(ModelInfo& info)
{
    const std::string sidecar = info.path + ".json";
    std::ifstream in(sidecar);
    if (!in)
        return;
    try {
        applyMetadata(info, Json::parse(in));
    } catch (const std::exception& e) {
        throw ModelError(sidecar + ": malformed model description (" + e.what() + ")");
    }
}

TensorShapes shapesOf(const WeightMap& weights)
{
    TensorShapes shapes;
    for (const auto& [name, tensor] : weights)
        shapes[name] = std::vector<std::int64_t>(tensor.sizes().begin(), tensor.sizes().end());
    return shapes;
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

/// The tensors of a dict, dropping the DataParallel "module." prefix when every key has it.
WeightMap tensorEntries(const PickleValue& dict)
{
    WeightMap weights;
    bool allPrefixed = true;
    for (const auto& [key, value] : *dict.entries) {
        if (key.kind != PickleValue::Kind::String || value.kind != PickleValue::Kind::Tensor)
            continue;
        weights[key.text] = value.tensor;
        allPrefixed = allPrefixed && startsWith(key.text, "module.");
    }
    if (!allPrefixed || weights.empty())
        return weights;
    WeightMap stripped;
    for (auto& [key, tensor] : weights)
        stripped[key.substr(7)] = tensor;
    return stripped;
}

/// robustness-library checkpoints: module.model.* is the classifier, module.attacker.model.* a copy
/// used by its attacker, module.normalizer.new_mean/new_std the input normalisation.
WeightMap robustnessWeights(const WeightMap& all, ModelInfo& info)
{
    WeightMap weights;
    for (const auto& [key, tensor] : all) {
        if (startsWith(key, "model."))
            weights[key.substr(6)] = tensor;
        else if (key == "normalizer.new_mean" || key == "normalizer.new_std") {
            if (tensor.numel() != 3)
                throw ModelError("'module." + key + "' should hold 3 values");
            const at::Tensor values = tensor.to(at::kFloat).contiguous().view({3});
            auto& target = key == "normalizer.new_mean" ? info.preprocessing.mean : info.preprocessing.std;
            for (int c = 0; c < 3; ++c)
                target[std::size_t(c)] = values[c].item<float>();
        }
    }
    return weights;
}

/// Builds the native ResNet for `weights` and completes `info` with what the architecture tells.
LoadedModel nativeModel(const WeightMap& weights, ModelInfo info, at::Device device)
{
    const ResNetSpec spec = inferResNetSpec(shapesOf(weights));
    ResNet resnet(spec);
    resnet.loadStateDict(weights);
    resnet.to(device);
    info.native = true;
    info.architecture = spec.name();
    info.numClasses = spec.numClasses;
    info.featureWidth = spec.featureWidth();
    info.parameterCount = resnet.parameterCount();
    auto network = std::make_shared<Network>(std::move(resnet), info.preprocessing);
    return {std::move(info), std::move(network)};
}

LoadedModel loadTorchScript(ModelInfo info, at::Device device)
{
    info.format = "torchscript";
    applySidecar(info);
    auto script = ScriptClassifier::load(info.path, device);
    WeightMap weights;
    for (auto& [name, tensor] : script->namedTensors())
        weights[name] = tensor;
    if (looksLikeResNet(shapesOf(weights)))
        return nativeModel(weights, info, device);

    auto network = std::make_shared<Network>(script, info.preprocessing);
    info.architecture = "torchscript";
    info.parameterCount = script->parameterCount();
    // A black box tells its class count only by running it.
    const int side = info.preprocessing.crop > 0 ? info.preprocessing.crop : 224;
    at::NoGradGuard noGrad;
    info.numClasses = int(network->logits(at::zeros({1, 3, side, side}, network->device())).size(1));
    return {info, network};
}

LoadedModel loadTorchSave(ModelInfo info, at::Device device)
{
    const PickleValue root = readTorchSave(info.path);
    if (!root.isDict())
        throw ModelError(info.path + ": torch.save archive without a dict at its top, so no state dict");

    if (const PickleValue* tag = root.find("format"); tag && tag->text == kFormatTag) {
        info.format = "salient";
        const PickleValue* version = root.find("version");
        if (!version || version->integer > kFormatVersion)
            throw ModelError(info.path + ": written by a newer Salient Studio (model format version " +
                             std::to_string(version ? version->integer : -1) + ")");
        const PickleValue* meta = root.find("metadata");
        const PickleValue* stateDict = root.find("state_dict");
        if (!meta || !stateDict || !stateDict->isDict())
            throw ModelError(info.path + ": Salient Studio model without metadata or state_dict");
        try {
            applyMetadata(info, Json::parse(meta->text));
        } catch (const std::exception& e) {
            throw ModelError(info.path + ": malformed metadata (" + e.what() + ")");
        }
        return nativeModel(tensorEntries(*stateDict), info, device);
    }

    applySidecar(info);
    if (const PickleValue* model = root.find("model"); model && model->isDict()) {
        const WeightMap all = tensorEntries(*model);
        info.format = "robustness";
        const WeightMap weights = robustnessWeights(all, info); // also reads the normaliser into info
        return nativeModel(weights, info, device);
    }
    if (const PickleValue* stateDict = root.find("state_dict"); stateDict && stateDict->isDict()) {
        info.format = "state-dict";
        return nativeModel(tensorEntries(*stateDict), info, device);
    }
    info.format = "state-dict";
    const WeightMap weights = tensorEntries(root);
    if (weights.empty()) {
        std::string keys;
        for (const auto& entry : *root.entries)
            if (entry.first.kind == PickleValue::Kind::String)
                keys += (keys.empty() ? "" : ", ") + entry.first.text;
        throw ModelError(info.path + ": no tensors found in the saved dict (its keys: " +
                         (keys.empty() ? std::string("none") : keys) + ")");
    }
    return nativeModel(weights, info, device);
}

} // namespace

LoadedModel loadModel(const std::string& path, at::Device device)
{
    ModelInfo info;
    info.path = path;
    const FileKind kind = sniff(path);
    if (kind == FileKind::LegacyPickle)
        throw ModelError(path + ": legacy torch.save format (before PyTorch 1.6); re-save it in Python with "
                                "torch.save(obj, path) from a recent PyTorch");
    if (kind == FileKind::Unknown)
        throw ModelError(path + ": not a PyTorch model (neither a torch.save nor a TorchScript zip archive)");
    try {
        checkModelArchive(path); // before anything unpacks an entry
        info.sha256 = sha256OfFile(path);
        LoadedModel loaded =
            isTorchScriptArchive(path) ? loadTorchScript(info, device) : loadTorchSave(info, device);
        if (!loaded.info.classNames.empty() && int(loaded.info.classNames.size()) != loaded.info.numClasses)
            throw ModelError("the model has " + std::to_string(loaded.info.numClasses) + " classes but " +
                             std::to_string(loaded.info.classNames.size()) + " class names");
        return loaded;
    } catch (const ModelError& e) {
        const std::string what = e.what();
        throw ModelError(startsWith(what, path) ? what : path + ": " + what);
    } catch (const c10::Error& e) {
        throw ModelError(path + ": " + torchMessage(e));
    }
}

void saveModel(const std::string& path, ResNet& resnet, const ModelInfo& info)
{
    const Preprocessing& p = info.preprocessing;
    Json meta = {
        {"architecture", resnet.spec().toJson()},
        {"preprocessing", {{"resize", p.resize}, {"crop", p.crop}, {"mean", p.mean}, {"std", p.std}}},
        {"classes", info.classNames},
        {"class_ids", info.classIds},
        {"extra", Json::parse(info.extraJson.empty() ? "{}" : info.extraJson)}};

    c10::Dict<std::string, at::Tensor> stateDict;
    for (const auto& [name, tensor] : resnet.stateDict())
        stateDict.insert(name, tensor.detach().to(at::kCPU).contiguous().clone());
    c10::impl::GenericDict root(c10::StringType::get(), c10::AnyType::get());
    root.insert(std::string("format"), std::string(kFormatTag));
    root.insert(std::string("version"), int64_t(kFormatVersion));
    root.insert(std::string("metadata"), meta.dump());
    root.insert(std::string("state_dict"), stateDict);

    const std::vector<char> bytes = torch::jit::pickle_save(root);
    writeFileAtomically(path, std::string_view(bytes.data(), bytes.size()));
}

} // namespace salient
