#include "core/sweep/SourceFactory.h"

#include "base/Errors.h"
#include "core/sweep/DemoSweepSource.h"

namespace salient {

std::unique_ptr<SweepSource> openSweepSource(const std::string& datasetRoot, const std::string& split)
{
    if (DemoSweepSource::isDemoWorld(datasetRoot))
        return std::make_unique<DemoSweepSource>(datasetRoot, split);
    throw InputError(datasetRoot + ": no masks to sweep with (a demo world has manifest.csv and masks/)");
}

} // namespace salient
