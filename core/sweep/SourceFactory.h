#pragma once

#include "core/sweep/SweepSource.h"

#include <memory>
#include <string>

namespace salient {

/// The sweep source a dataset folder offers for `split`: today the demo world's ground-truth masks
/// (DemoSweepSource). Throws InputError naming the folder when it holds no masks to sweep with.
std::unique_ptr<SweepSource> openSweepSource(const std::string& datasetRoot, const std::string& split);

} // namespace salient
