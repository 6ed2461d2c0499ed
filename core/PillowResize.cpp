#include "core/PillowResize.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace salient {
namespace {

/// Pillow's fixed point for 8-bit passes: 32 bits less 8 for the sample and 2 for headroom.
constexpr int PrecisionBits = 32 - 8 - 2;

double triangle(double x)
{
    x = std::fabs(x);
    return x < 1.0 ? 1.0 - x : 0.0;
}

/// One pass along an axis. `Sample` is uint8_t (fixed point, rounded) or float (exact). `count` lines of
/// `inSize` samples, `stride` apart along the axis, `lineStep` apart between lines.
template <typename Sample>
void resamplePass(const Sample* in, Sample* out, const std::vector<ResampleTaps>& taps, int lines,
                  std::ptrdiff_t inStride, std::ptrdiff_t outStride, std::ptrdiff_t inLineStep,
                  std::ptrdiff_t outLineStep)
{
    if constexpr (std::is_same_v<Sample, std::uint8_t>) {
        std::vector<std::vector<std::int64_t>> fixed(taps.size());
        for (std::size_t i = 0; i < taps.size(); ++i)
            for (const double w : taps[i].weights)
                fixed[i].push_back(
                    std::int64_t(w < 0 ? -0.5 + w * (1 << PrecisionBits) : 0.5 + w * (1 << PrecisionBits)));
        for (int line = 0; line < lines; ++line)
            for (std::size_t i = 0; i < taps.size(); ++i) {
                std::int64_t sum = std::int64_t(1) << (PrecisionBits - 1);
                const Sample* source = in + line * inLineStep + taps[i].first * inStride;
                for (std::size_t k = 0; k < fixed[i].size(); ++k)
                    sum += std::int64_t(source[std::ptrdiff_t(k) * inStride]) * fixed[i][k];
                out[line * outLineStep + std::ptrdiff_t(i) * outStride] =
                    std::uint8_t(std::clamp<std::int64_t>(sum >> PrecisionBits, 0, 255));
            }
    } else {
        for (int line = 0; line < lines; ++line)
            for (std::size_t i = 0; i < taps.size(); ++i) {
                double sum = 0.0;
                const Sample* source = in + line * inLineStep + taps[i].first * inStride;
                for (std::size_t k = 0; k < taps[i].weights.size(); ++k)
                    sum += double(source[std::ptrdiff_t(k) * inStride]) * taps[i].weights[k];
                out[line * outLineStep + std::ptrdiff_t(i) * outStride] = Sample(sum);
            }
    }
}

template <typename Sample>
std::vector<Sample> resize(const std::vector<Sample>& samples, int width, int height, int channels,
                           int newWidth, int newHeight)
{
    std::vector<Sample> current = samples;
    // Pillow skips a pass whose size does not change; each pass it makes rounds to 8 bits.
    if (newWidth != width) {
        const auto taps = bilinearTaps(width, newWidth);
        std::vector<Sample> next(std::size_t(newWidth) * height * channels);
        for (int c = 0; c < channels; ++c)
            resamplePass(current.data() + c, next.data() + c, taps, height, channels, channels,
                         std::ptrdiff_t(width) * channels, std::ptrdiff_t(newWidth) * channels);
        current = std::move(next);
        width = newWidth;
    }
    if (newHeight != height) {
        const auto taps = bilinearTaps(height, newHeight);
        std::vector<Sample> next(std::size_t(width) * newHeight * channels);
        const std::ptrdiff_t row = std::ptrdiff_t(width) * channels;
        // Each column of each channel is a line; lines are one sample apart.
        resamplePass(current.data(), next.data(), taps, width * channels, row, row, 1, 1);
        current = std::move(next);
    }
    return current;
}

} // namespace

std::vector<ResampleTaps> bilinearTaps(int inSize, int outSize)
{
    const double scale = double(inSize) / outSize;
    const double filterScale = std::max(scale, 1.0);
    const double support = 1.0 * filterScale; // the bilinear filter's support is 1
    std::vector<ResampleTaps> taps(static_cast<std::size_t>(outSize));
    for (int out = 0; out < outSize; ++out) {
        const double centre = (out + 0.5) * scale;
        // As Pillow computes them: C casts truncate toward zero.
        const int first = std::max(int(centre - support + 0.5), 0);
        const int last = std::min(int(centre + support + 0.5), inSize);
        ResampleTaps& t = taps[std::size_t(out)];
        t.first = first;
        double total = 0.0;
        for (int x = first; x < last; ++x) {
            const double w = triangle((x - centre + 0.5) / filterScale);
            t.weights.push_back(w);
            total += w;
        }
        if (total != 0.0)
            for (double& w : t.weights)
                w /= total;
    }
    return taps;
}

std::vector<std::uint8_t> resizeLikePillow(const std::vector<std::uint8_t>& samples, int width, int height,
                                           int channels, int newWidth, int newHeight)
{
    return resize(samples, width, height, channels, newWidth, newHeight);
}

std::vector<float> resizeLikePillow(const std::vector<float>& samples, int width, int height, int channels,
                                    int newWidth, int newHeight)
{
    return resize(samples, width, height, channels, newWidth, newHeight);
}

} // namespace salient
