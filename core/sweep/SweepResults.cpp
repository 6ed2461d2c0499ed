#include "core/sweep/SweepResults.h"

namespace salient {

Tally SweepResults::cell(const SweepCellKey& key) const
{
    const auto it = cells.find(key);
    return it != cells.end() ? it->second : Tally{};
}

Tally SweepResults::cleanTally(int model, int classIndex) const
{
    const auto it = clean.find({model, classIndex});
    return it != clean.end() ? it->second : Tally{};
}

std::string SweepResults::featureName(int classIndex, int feature) const
{
    const auto it = featureNames.find({classIndex, feature});
    return it != featureNames.end() ? it->second : "feature " + std::to_string(feature);
}

int SweepResults::levelOf(double sigma) const
{
    for (std::size_t i = 0; i < sigmas.size(); ++i)
        if (sigmas[i] == sigma)
            return int(i);
    return -1;
}

} // namespace salient
