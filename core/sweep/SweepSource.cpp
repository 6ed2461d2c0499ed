#include "core/sweep/SweepSource.h"
#include "base/Parse.h"

#include "base/Errors.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace salient {
namespace {

bool inScope(const SweepSample& sample, const SweepScope& scope)
{
    if (scope.classIndex && sample.label != *scope.classIndex)
        return false;
    if (scope.feature)
        return std::any_of(sample.masks.begin(), sample.masks.end(),
                           [&](const MaskRef& mask) { return mask.feature == *scope.feature; });
    return true;
}

} // namespace

std::string SweepSource::featureName(int, int feature) const
{
    return "feature " + std::to_string(feature);
}

std::vector<std::size_t> scopeSamples(const SweepSource& source, const SweepScope& scope)
{
    std::vector<std::size_t> chosen;
    const auto& samples = source.samples();
    for (std::size_t i = 0; i < samples.size(); ++i)
        if (inScope(samples[i], scope))
            chosen.push_back(i);
    const std::size_t count = chosen.size();
    if (scope.limit <= 0 || std::size_t(scope.limit) >= count)
        return chosen;
    // Evenly spread, so that every class of a sorted source keeps its share.
    std::vector<std::size_t> thinned;
    const std::size_t limit = std::size_t(scope.limit);
    for (std::size_t k = 0; k < limit; ++k)
        thinned.push_back(chosen[k * count / limit]);
    return thinned;
}

std::vector<SourceFeature> sourceFeatures(const SweepSource& source)
{
    std::set<std::tuple<int, int, int>> seen;
    for (const SweepSample& sample : source.samples())
        for (const MaskRef& mask : sample.masks)
            seen.insert({sample.label, mask.feature, int(mask.role)});
    std::vector<SourceFeature> features;
    for (const auto& [cls, feature, role] : seen)
        features.push_back({cls, feature, MaskRole(role)});
    return features;
}

int findSourceClass(const SweepSource& source, const std::string& text)
{
    const auto& ids = source.classIds();
    const auto it = std::find(ids.begin(), ids.end(), text);
    if (it != ids.end())
        return int(it - ids.begin());
    if (const auto index = parseInt(text); index && *index >= 0 && *index < int(ids.size()))
        return *index;
    throw InputError("unknown class '" + text + "' (a class id such as a WordNet id, or 0-" +
                     std::to_string(int(ids.size()) - 1) + ")");
}

int findSourceFeature(const SweepSource& source, const std::string& text)
{
    std::set<int> known;
    for (const SweepSample& sample : source.samples())
        for (const MaskRef& mask : sample.masks) {
            if (source.featureName(sample.label, mask.feature) == text)
                return mask.feature;
            known.insert(mask.feature);
        }
    if (const auto feature = parseInt(text); feature && known.count(*feature))
        return *feature;
    throw InputError("unknown feature '" + text + "': no image of " + source.description() +
                     " has a mask of it");
}

} // namespace salient
