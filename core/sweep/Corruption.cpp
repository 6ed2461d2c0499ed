#include "core/sweep/Corruption_p.h"

#include "base/Errors.h"
#include "base/SeededRandom.h"

#include <ATen/ATen.h>
#include <ATen/Context.h>

#include <cmath>
#include <cstring>

namespace salient {

BlurSettings blurSettings(std::int64_t height, std::int64_t width)
{
    const std::int64_t side = std::min(height, width);
    BlurSettings settings;
    settings.sigma = std::max(1.0, double(side) / 16.0);
    settings.radius = int(std::min<std::int64_t>(std::int64_t(std::ceil(3.0 * settings.sigma)),
                                                 std::max<std::int64_t>(0, side - 1)));
    return settings;
}

at::Tensor gaussianBlur(const at::Tensor& images, const BlurSettings& settings)
{
    if (settings.radius == 0)
        return images.clone();
    const int r = settings.radius;
    const std::int64_t channels = images.size(1);
    // torchvision's _get_gaussian_kernel1d, in float32 as there.
    const at::Tensor x = at::linspace(-r, r, 2 * r + 1, images.options());
    const at::Tensor pdf = at::exp((x / settings.sigma).pow(2) * -0.5);
    const at::Tensor kernel = pdf / pdf.sum();
    const at::Tensor padded = at::reflection_pad2d(images, {r, r, r, r});
    // Depthwise: each channel with the same kernel, first along rows, then along columns.
    auto depthwise = [channels](const at::Tensor& x, const at::Tensor& weight) {
        const std::vector<std::int64_t> one{1, 1}, zero{0, 0};
        return at::conv2d(x, weight.expand({channels, 1, weight.size(2), weight.size(3)}), at::Tensor(), one,
                          zero, one, channels);
    };
    return depthwise(depthwise(padded, kernel.view({1, 1, 1, -1})), kernel.view({1, 1, -1, 1}));
}

namespace {

at::Tensor channelTensor(const std::array<float, 3>& values, const at::Tensor& like)
{
    return at::tensor(std::vector<float>(values.begin(), values.end()), like.options()).view({1, 3, 1, 1});
}

/// x + a m (f - x): the blend of the fill strategies.
at::Tensor blend(const at::Tensor& images, const at::Tensor& mask, double strength, const at::Tensor& fill)
{
    return images + mask * strength * (fill - images);
}

/// GreyEdge's fill: `grey` composited into the region, then that composite blurred inside the region.
at::Tensor smoothedGrey(const at::Tensor& images, const at::Tensor& mask, const at::Tensor& grey)
{
    const at::Tensor composite = blend(images, mask, 1.0, grey);
    return blend(composite, mask, 1.0, gaussianBlur(composite, kEdgeBlur));
}

} // namespace

at::Tensor corruptionFill(SweepStrategy strategy, const at::Tensor& images,
                          const std::array<float, 3>& datasetMean)
{
    switch (strategy) {
    case SweepStrategy::Black:
        return at::zeros({1}, images.options());
    case SweepStrategy::Grey:
    case SweepStrategy::GreyEdge:
        return channelTensor(datasetMean, images);
    case SweepStrategy::Mean:
        return images.mean({2, 3}, true);
    case SweepStrategy::Blur:
        return gaussianBlur(images, blurSettings(images.size(2), images.size(3)));
    case SweepStrategy::Noise:
    case SweepStrategy::Uniform:
    case SweepStrategy::Layer:
        break;
    }
    return {};
}

std::uint64_t noiseSeed(std::uint64_t seed, std::size_t sample, SweepStrategy strategy, double sigma)
{
    std::uint64_t sigmaBits = 0;
    std::memcpy(&sigmaBits, &sigma, sizeof sigma);
    const std::uint64_t level = SeededRandom::derive(sigmaBits, std::uint64_t(strategy) + 1);
    return SeededRandom::derive(seed, std::uint64_t(sample) + 1, level);
}

at::Tensor corruptionNoise(SweepStrategy strategy, const std::vector<std::uint64_t>& seeds,
                           at::IntArrayRef shape, at::Device device)
{
    at::Tensor noise = at::empty(shape, at::TensorOptions().dtype(at::kFloat).device(device));
    // A private generator of the device's kind (CPU or CUDA) per image, reseeded for each.
    at::Generator generator = at::globalContext().defaultGenerator(device).clone();
    for (std::size_t i = 0; i < seeds.size(); ++i) {
        generator.set_current_seed(seeds[i]);
        at::Tensor image = noise[std::int64_t(i)];
        if (strategy == SweepStrategy::Uniform)
            image.uniform_(-1.0, 1.0, generator);
        else
            image.normal_(0.0, 1.0, generator);
    }
    return noise;
}

at::Tensor corrupt(SweepStrategy strategy, double level, const at::Tensor& images, const at::Tensor& mask,
                   const at::Tensor& noiseOrFill)
{
    if (strategy == SweepStrategy::Layer)
        throw InputError("layer masking is not a pixel corruption: it runs inside the network");
    if (isRandomStrategy(strategy))
        return (images + noiseOrFill * level * mask).clamp_(0.0, 1.0);
    const double strength = std::min(level, 1.0);
    if (strategy == SweepStrategy::GreyEdge)
        return blend(images, mask, strength, smoothedGrey(images, mask, noiseOrFill));
    return blend(images, mask, strength, noiseOrFill);
}

at::Tensor removeRegion(SweepStrategy strategy, const at::Tensor& images, const at::Tensor& keep,
                        const std::array<float, 3>& datasetMean, const std::array<float, 3>& datasetStd,
                        const std::vector<std::uint64_t>& seeds)
{
    const at::Tensor region = 1 - keep;
    if (!isRandomStrategy(strategy))
        return corrupt(strategy, 1.0, images, region, corruptionFill(strategy, images, datasetMean));
    const at::Tensor noise = corruptionNoise(strategy, seeds, images.sizes(), images.device());
    const at::Tensor fill = strategy == SweepStrategy::Noise ? channelTensor(datasetMean, images) +
                                                                   noise * channelTensor(datasetStd, images)
                                                             : (noise + 1) * 0.5;
    return blend(images, region, 1.0, fill.clamp_(0.0, 1.0));
}

} // namespace salient
