#pragma once

// Internal to core: includes LibTorch headers.
#include "base/Job.h"
#include "core/Preprocessing.h"
#include "core/data/ImageFolder.h"

#include <ATen/core/Tensor.h>

namespace salient {

/// Decodes every image of a folder (in parallel), applies the resize and crop, and stacks them as an
/// N x 3 x H x W uint8 tensor; throws ImageError naming an unreadable image or one of another size.
at::Tensor loadImageTensor(const ImageFolder& folder, const Preprocessing& preprocessing,
                           const Job& job = {});

/// The labels of a folder's entries as an N int64 tensor.
at::Tensor labelTensor(const ImageFolder& folder);

} // namespace salient
