#pragma once

#include <string>
#include <vector>

namespace salient {

/// Every way the program removes or corrupts a region of an image: one registry for sweeps and the
/// masking lab. The order is fixed (a strategy's position seeds its noise in sweeps); new ones go last.
enum class MaskingStrategy
{
    Noise,    ///< Gaussian noise
    Uniform,  ///< uniform noise
    Black,    ///< 0
    Grey,     ///< the dataset's per-channel mean (the model's normalisation mean)
    Mean,     ///< the image's own per-channel mean
    Blur,     ///< the image blurred (Gaussian, sigma max(1, side / 16))
    GreyEdge, ///< grey, then a 5 x 5 Gaussian blur (sigma 1) inside the region, smoothing its edge
    Layer,    ///< layer masking: the mask applied at every layer of a native ResNet
};

struct MaskingStrategyInfo
{
    MaskingStrategy strategy;
    const char* name;    ///< what the command line and the database call it
    const char* summary; ///< one line for help texts
    bool random;         ///< draws random numbers, seeded per image
    bool insideNetwork;  ///< works inside the network's layers: needs a native ResNet
    bool inSweeps;       ///< offered by `salient sweep`
};

/// The registry, in enum order.
const std::vector<MaskingStrategyInfo>& maskingStrategies();
const MaskingStrategyInfo& strategyInfo(MaskingStrategy strategy);
std::string strategyName(MaskingStrategy strategy);
/// Throws InputError naming the value and listing the known names.
MaskingStrategy parseStrategy(const std::string& name);
/// "a, b or c" of the names of `strategies`.
std::string strategyNames(const std::vector<MaskingStrategy>& strategies);
/// "black,grey,layer" as strategies; throws InputError for an unknown or repeated name.
std::vector<MaskingStrategy> parseStrategyList(const std::string& text);
/// Every strategy of the registry.
std::vector<MaskingStrategy> allMaskingStrategies();

} // namespace salient
