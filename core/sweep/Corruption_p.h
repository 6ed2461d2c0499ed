#pragma once

// Internal to core: includes LibTorch headers.
#include "core/sweep/SweepOptions.h"

#include <ATen/core/Tensor.h>

#include <array>
#include <cstdint>
#include <vector>

namespace salient {

/// The Gaussian blur of the Blur strategy: standard deviation max(1, side / 16) pixels for the input's
/// shorter side (3 px at 48 x 48, 14 px at 224 x 224), kernel radius ceil(3 * sigma) (at most side - 1),
/// reflected borders; torchvision's gaussian_blur(kernel_size = 2 * radius + 1, sigma) computes the same.
struct BlurSettings
{
    int radius = 0;
    double sigma = 0.0;
};
BlurSettings blurSettings(std::int64_t height, std::int64_t width);

/// N x C x H x W images blurred per channel (separably, with the normalised 1-D kernel of torchvision).
at::Tensor gaussianBlur(const at::Tensor& images, const BlurSettings& settings);

/// The 5 x 5 Gaussian blur (sigma 1) that GreyEdge smooths the region's edge with.
inline constexpr BlurSettings kEdgeBlur{2, 1.0};

/// What a strategy blends towards: for the fill strategies the fill (broadcastable to the images; Grey
/// and GreyEdge fill with `datasetMean`, the model's normalisation mean), for the random ones and Layer
/// an undefined tensor (their noise comes from corruptionNoise).
at::Tensor corruptionFill(SweepStrategy strategy, const at::Tensor& images,
                          const std::array<float, 3>& datasetMean);

/// The seed of one image's noise: (sweep seed, sample position, strategy, sigma).
std::uint64_t noiseSeed(std::uint64_t seed, std::size_t sample, SweepStrategy strategy, double sigma);

/// Standard normal (Noise) or U(-1, 1) (Uniform) values of `shape` = N x C x H x W on `device`, image i
/// drawn from its own generator seeded with seeds[i]: one image's noise never depends on the others.
at::Tensor corruptionNoise(SweepStrategy strategy, const std::vector<std::uint64_t>& seeds,
                           at::IntArrayRef shape, at::Device device);

/// The corrupted images (see SweepStrategy): `mask` is N x 1 x H x W, `noiseOrFill` what corruptionNoise
/// or corruptionFill gave for the same images. Throws InputError for Layer (not a pixel corruption).
at::Tensor corrupt(SweepStrategy strategy, double level, const at::Tensor& images, const at::Tensor& mask,
                   const at::Tensor& noiseOrFill);

/// The masking lab's removal with a pixel strategy: `keep` (N x 1 x H x W, 1 keeps, soft allowed) gives
/// x * keep + f * (1 - keep), with f the strategy's fill; the random strategies fill with noise instead
/// of adding it: Noise with N(mean, std^2) per channel (the model's normalisation, i.e. N(0, 1) once
/// normalised), Uniform with U(0, 1), both clipped to [0, 1] and drawn per image from `seeds`.
at::Tensor removeRegion(SweepStrategy strategy, const at::Tensor& images, const at::Tensor& keep,
                        const std::array<float, 3>& datasetMean, const std::array<float, 3>& datasetStd,
                        const std::vector<std::uint64_t>& seeds);

} // namespace salient
