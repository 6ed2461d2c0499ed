#pragma once

// Internal to core: includes LibTorch headers.
#include "core/Runtime.h"

#include <c10/core/Device.h>

namespace salient {

/// The torch device for a choice; throws InputError when CUDA is asked for but unavailable.
at::Device torchDevice(DeviceChoice choice);

} // namespace salient
