#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace salient {

enum class BlockType
{
    Basic,
    Bottleneck
};

/// The shape of a ResNet with torchvision's layout and parameter names. Standard members are resnet18,
/// 34, 50, 101 and 152; "narrow" variants change the stage widths and may use a small-image stem.
struct ResNetSpec
{
    BlockType block = BlockType::Basic;
    std::array<int, 4> blocks{2, 2, 2, 2};        ///< blocks per stage (layer1..layer4)
    std::array<int, 4> widths{64, 128, 256, 512}; ///< planes per stage, before the bottleneck expansion
    int stemWidth = 64;
    bool smallInputStem = false; ///< 3x3 stride-1 conv1 and no max-pool, for images of 32-64 pixels
    int numClasses = 1000;

    int expansion() const { return block == BlockType::Bottleneck ? 4 : 1; }
    int featureWidth() const { return widths[3] * expansion(); }
    /// "resnet18" ... "resnet152" for the standard shapes, else "resnet-narrow".
    std::string name() const;

    static ResNetSpec standard(const std::string& name, int numClasses = 1000); ///< throws ModelError
    nlohmann::json toJson() const;
    static ResNetSpec fromJson(const nlohmann::json& json); ///< throws ModelError

    bool operator==(const ResNetSpec& other) const;
};

using TensorShapes = std::map<std::string, std::vector<std::int64_t>>;

/// Reads the architecture off a state dict's tensor shapes. Throws ModelError naming the first key that
/// is missing or has an unexpected shape; the full check happens when the weights are loaded.
ResNetSpec inferResNetSpec(const TensorShapes& shapes);

/// Whether a state dict looks like a ResNet at all (the keys every member has).
bool looksLikeResNet(const TensorShapes& shapes);

/// "[64, 3, 7, 7]"
std::string formatShape(const std::vector<std::int64_t>& shape);

} // namespace salient
