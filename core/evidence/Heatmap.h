#pragma once

#include "core/Image.h"
#include "core/evidence/ActivationMap.h"

namespace salient {

/// The reference code's heatmap of a neural activation map over its image (same size), in RGB:
///   jet  = cv2.applyColorMap(uint8(255 * nam), COLORMAP_JET) / 255, reordered BGR -> RGB
///          (uint8() truncates as NumPy's does; high activation is red, low is dark blue)
///   sum  = jet + image                  (image in [0, 1], float32)
///   heat = sum / max(sum)               (max over every pixel and channel; it is >= 0.5 since
///                                        JET never goes fully black)
/// Throws InputError when the sizes differ.
Image heatmapOverlay(const Image& image, const ActivationMap& nam);

} // namespace salient
