#include "core/masking/MaskingStrategy.h"

#include "base/Errors.h"

#include <algorithm>
#include <sstream>

namespace salient {

const std::vector<MaskingStrategyInfo>& maskingStrategies()
{
    using S = MaskingStrategy;
    static const std::vector<MaskingStrategyInfo> registry = {
        {S::Noise, "noise", "Gaussian noise", true, false, true},
        {S::Uniform, "uniform", "uniform noise", true, false, true},
        {S::Black, "black", "black (0)", false, false, true},
        {S::Grey, "grey", "the dataset's per-channel mean", false, false, true},
        {S::Mean, "mean", "the image's own per-channel mean", false, false, true},
        {S::Blur, "blur", "the image blurred", false, false, true},
        {S::GreyEdge, "grey-edge", "grey, then a 5x5 Gaussian blur (sigma 1) inside the region", false, false,
         true},
        {S::Layer, "layer", "layer masking: the mask applied at every layer (native ResNets)", false, true,
         false},
    };
    return registry;
}

const MaskingStrategyInfo& strategyInfo(MaskingStrategy strategy)
{
    return maskingStrategies().at(std::size_t(strategy));
}

std::string strategyName(MaskingStrategy strategy)
{
    return strategyInfo(strategy).name;
}

std::vector<MaskingStrategy> allMaskingStrategies()
{
    std::vector<MaskingStrategy> all;
    for (const MaskingStrategyInfo& info : maskingStrategies())
        all.push_back(info.strategy);
    return all;
}

std::string strategyNames(const std::vector<MaskingStrategy>& strategies)
{
    std::string text;
    for (std::size_t i = 0; i < strategies.size(); ++i) {
        if (i > 0)
            text += i + 1 == strategies.size() ? " or " : ", ";
        text += strategyName(strategies[i]);
    }
    return text;
}

MaskingStrategy parseStrategy(const std::string& name)
{
    for (const MaskingStrategyInfo& info : maskingStrategies())
        if (info.name == name)
            return info.strategy;
    throw InputError("unknown strategy '" + name + "' (expected " + strategyNames(allMaskingStrategies()) +
                     ")");
}

std::vector<MaskingStrategy> parseStrategyList(const std::string& text)
{
    std::vector<MaskingStrategy> strategies;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        const MaskingStrategy strategy = parseStrategy(item);
        if (std::find(strategies.begin(), strategies.end(), strategy) != strategies.end())
            throw InputError("strategy " + item + " is listed twice");
        strategies.push_back(strategy);
    }
    if (strategies.empty())
        throw InputError("no strategy in '" + text + "'");
    return strategies;
}

} // namespace salient
