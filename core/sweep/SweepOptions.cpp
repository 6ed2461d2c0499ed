#include "core/sweep/SweepOptions.h"
#include "base/Parse.h"

#include "base/Errors.h"

#include <cmath>
#include <sstream>

namespace salient {

const std::vector<SweepStrategy>& allSweepStrategies()
{
    static const std::vector<SweepStrategy> strategies = [] {
        std::vector<SweepStrategy> offered;
        for (const MaskingStrategyInfo& info : maskingStrategies())
            if (info.inSweeps)
                offered.push_back(info.strategy);
        return offered;
    }();
    return strategies;
}

bool isRandomStrategy(SweepStrategy strategy)
{
    return strategyInfo(strategy).random;
}

std::string measureName(SweepMeasure measure)
{
    switch (measure) {
    case SweepMeasure::Core:
        return "core";
    case SweepMeasure::Spurious:
        return "spurious";
    case SweepMeasure::Feature:
        return "feature";
    }
    return "core";
}

SweepMeasure parseMeasure(const std::string& name)
{
    for (SweepMeasure measure : {SweepMeasure::Core, SweepMeasure::Spurious, SweepMeasure::Feature})
        if (measureName(measure) == name)
            return measure;
    throw InputError("unknown measure '" + name + "' (expected core, spurious or feature)");
}

std::vector<double> defaultSigmas()
{
    return {0.0, 0.1, 0.25, 0.5, 0.75, 1.0};
}

std::vector<double> parseSigmas(const std::string& text)
{
    std::vector<double> sigmas;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        const std::optional<double> value = parseDouble(item);
        if (!value || *value < 0.0)
            throw InputError("sigmas must be numbers >= 0 separated by commas, not '" + text + "'");
        sigmas.push_back(*value);
    }
    if (sigmas.empty())
        throw InputError("sigmas must be numbers >= 0 separated by commas, not '" + text + "'");
    return sigmas;
}

void SweepOptions::validate() const
{
    if (sigmas.empty())
        throw InputError("a sweep needs at least one sigma");
    for (double sigma : sigmas)
        if (!std::isfinite(sigma) || sigma < 0.0)
            throw InputError("sigma " + std::to_string(sigma) + " is not a number >= 0");
    for (std::size_t i = 0; i < sigmas.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (sigmas[i] == sigmas[j])
                throw InputError("sigma " + std::to_string(sigmas[i]) + " is listed twice");
    if (strategies.empty())
        throw InputError("a sweep needs at least one strategy");
    for (SweepStrategy strategy : strategies)
        if (!strategyInfo(strategy).inSweeps)
            throw InputError("strategy " + strategyName(strategy) + " is not offered in sweeps (expected " +
                             strategyNames(allSweepStrategies()) + "); run it with `salient masking`");
    for (std::size_t i = 0; i < strategies.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (strategies[i] == strategies[j])
                throw InputError("strategy " + strategyName(strategies[i]) + " is listed twice");
    if (batchSize < 1)
        throw InputError("the batch size must be at least 1");
    if (scope.limit < 0)
        throw InputError("the image limit must be 0 (all) or more");
}

} // namespace salient
