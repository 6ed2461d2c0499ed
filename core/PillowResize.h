#pragma once

#include <cstdint>
#include <vector>

namespace salient {

/// The source samples and weights of one output sample of a resampling pass.
struct ResampleTaps
{
    int first = 0;               ///< the first source sample used
    std::vector<double> weights; ///< one per source sample from `first` on; they sum to 1
};

/// Pillow's bilinear filter for resizing `inSize` samples to `outSize`: a triangle whose support grows
/// with the shrinking factor, so shrinking averages every source sample (antialiasing), as
/// torchvision's Resize does on PIL images.
std::vector<ResampleTaps> bilinearTaps(int inSize, int outSize);

/// Resizes 8-bit interleaved samples (`channels` per pixel) as Pillow's Image.resize(BILINEAR) does:
/// a horizontal pass, then a vertical one, each in Pillow's 22-bit fixed point and rounded to 8 bits.
std::vector<std::uint8_t> resizeLikePillow(const std::vector<std::uint8_t>& samples, int width, int height,
                                           int channels, int newWidth, int newHeight);

/// The same filter on float samples without 8-bit rounding (soft masks).
std::vector<float> resizeLikePillow(const std::vector<float>& samples, int width, int height, int channels,
                                    int newWidth, int newHeight);

} // namespace salient
