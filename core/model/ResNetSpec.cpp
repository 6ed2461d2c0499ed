#include "core/model/ResNetSpec.h"

#include "base/Errors.h"

#include <nlohmann/json.hpp>

namespace salient {
namespace {

struct StandardShape
{
    const char* name;
    BlockType block;
    std::array<int, 4> blocks;
};

constexpr StandardShape kStandardShapes[] = {{"resnet18", BlockType::Basic, {2, 2, 2, 2}},
                                             {"resnet34", BlockType::Basic, {3, 4, 6, 3}},
                                             {"resnet50", BlockType::Bottleneck, {3, 4, 6, 3}},
                                             {"resnet101", BlockType::Bottleneck, {3, 4, 23, 3}},
                                             {"resnet152", BlockType::Bottleneck, {3, 8, 36, 3}}};

const std::vector<std::int64_t>& shapeOf(const TensorShapes& shapes, const std::string& key)
{
    const auto it = shapes.find(key);
    if (it == shapes.end())
        throw ModelError("missing key '" + key + "'");
    return it->second;
}

std::int64_t dimension(const TensorShapes& shapes, const std::string& key, std::size_t rank,
                       std::size_t index)
{
    const auto& shape = shapeOf(shapes, key);
    if (shape.size() != rank)
        throw ModelError("unexpected shape " + formatShape(shape) + " for key '" + key + "'");
    return shape[index];
}

} // namespace

std::string formatShape(const std::vector<std::int64_t>& shape)
{
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

std::string ResNetSpec::name() const
{
    const std::array<int, 4> standardWidths{64, 128, 256, 512};
    if (widths == standardWidths && stemWidth == 64 && !smallInputStem)
        for (const auto& shape : kStandardShapes)
            if (shape.block == block && shape.blocks == blocks)
                return shape.name;
    return "resnet-narrow";
}

ResNetSpec ResNetSpec::standard(const std::string& name, int numClasses)
{
    for (const auto& shape : kStandardShapes) {
        if (name == shape.name) {
            ResNetSpec spec;
            spec.block = shape.block;
            spec.blocks = shape.blocks;
            spec.numClasses = numClasses;
            return spec;
        }
    }
    throw ModelError("unknown architecture '" + name +
                     "' (expected resnet18, resnet34, resnet50, resnet101 or "
                     "resnet152)");
}

nlohmann::json ResNetSpec::toJson() const
{
    return {{"name", name()},           {"block", block == BlockType::Bottleneck ? "bottleneck" : "basic"},
            {"blocks", blocks},         {"widths", widths},
            {"stem_width", stemWidth},  {"small_input_stem", smallInputStem},
            {"num_classes", numClasses}};
}

ResNetSpec ResNetSpec::fromJson(const nlohmann::json& json)
{
    try {
        ResNetSpec spec;
        const std::string block = json.at("block").get<std::string>();
        if (block != "basic" && block != "bottleneck")
            throw ModelError("unknown block type '" + block + "'");
        spec.block = block == "bottleneck" ? BlockType::Bottleneck : BlockType::Basic;
        spec.blocks = json.at("blocks").get<std::array<int, 4>>();
        spec.widths = json.at("widths").get<std::array<int, 4>>();
        spec.stemWidth = json.value("stem_width", 64);
        spec.smallInputStem = json.value("small_input_stem", false);
        spec.numClasses = json.at("num_classes").get<int>();
        return spec;
    } catch (const nlohmann::json::exception& e) {
        throw ModelError(std::string("malformed architecture description: ") + e.what());
    }
}

bool ResNetSpec::operator==(const ResNetSpec& other) const
{
    return block == other.block && blocks == other.blocks && widths == other.widths &&
           stemWidth == other.stemWidth && smallInputStem == other.smallInputStem &&
           numClasses == other.numClasses;
}

bool looksLikeResNet(const TensorShapes& shapes)
{
    return shapes.count("conv1.weight") && shapes.count("layer1.0.conv1.weight") && shapes.count("fc.weight");
}

ResNetSpec inferResNetSpec(const TensorShapes& shapes)
{
    if (!shapes.count("conv1.weight")) {
        const std::string first = shapes.empty() ? std::string("none") : "'" + shapes.begin()->first + "'";
        throw ModelError("unknown architecture: no 'conv1.weight' key, so not a torchvision-style ResNet "
                         "(first key: " +
                         first + ")");
    }
    ResNetSpec spec;
    spec.stemWidth = int(dimension(shapes, "conv1.weight", 4, 0));
    const std::int64_t kernel = dimension(shapes, "conv1.weight", 4, 2);
    if (kernel != 7 && kernel != 3)
        throw ModelError("unexpected shape " + formatShape(shapeOf(shapes, "conv1.weight")) +
                         " for key 'conv1.weight' (expected a 7x7 or 3x3 stem)");
    spec.smallInputStem = kernel == 3;
    spec.block = shapes.count("layer1.0.conv3.weight") ? BlockType::Bottleneck : BlockType::Basic;
    for (int stage = 0; stage < 4; ++stage) {
        const std::string prefix = "layer" + std::to_string(stage + 1) + ".";
        int count = 0;
        while (shapes.count(prefix + std::to_string(count) + ".conv1.weight"))
            ++count;
        if (count == 0)
            throw ModelError("missing key '" + prefix + "0.conv1.weight'");
        spec.blocks[stage] = count;
        // The last conv of a block gives planes * expansion; conv1 of block 1 gives the planes.
        spec.widths[stage] = int(dimension(shapes, prefix + "0.conv1.weight", 4, 0));
    }
    spec.numClasses = int(dimension(shapes, "fc.weight", 2, 0));
    return spec;
}

} // namespace salient
