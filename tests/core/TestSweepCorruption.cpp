// The corruption strategies of a sweep on hand-made tensors: formulas, blur kernel, per-image noise.
#include "core/sweep/Corruption_p.h"

#include <ATen/ATen.h>

#include <QtTest>

#include <cmath>

using namespace salient;

namespace {

at::Tensor rampImages(std::int64_t n, std::int64_t size)
{
    return at::linspace(0.0, 1.0, n * 3 * size * size).view({n, 3, size, size});
}

double maxDifference(const at::Tensor& a, const at::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

} // namespace

class TestSweepCorruption : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void blurSettingsFollowTheImageSide()
    {
        QCOMPARE(blurSettings(48, 48).sigma, 3.0);
        QCOMPARE(blurSettings(48, 48).radius, 9);
        QCOMPARE(blurSettings(224, 300).sigma, 14.0);
        QCOMPARE(blurSettings(224, 300).radius, 42);
        QCOMPARE(blurSettings(8, 8).sigma, 1.0);
        QCOMPARE(blurSettings(8, 8).radius, 3);
        QCOMPARE(blurSettings(3, 9).radius, 2); // reflection needs radius < side
    }

    void blurOfAnImpulseIsTheKernel()
    {
        at::Tensor image = at::zeros({1, 3, 21, 21});
        image.index_put_({0, at::indexing::Slice(), 10, 10}, 1.0);
        const BlurSettings settings{3, 1.5};
        const at::Tensor blurred = gaussianBlur(image, settings);
        // The normalised 1-D Gaussian, in double, by hand.
        std::vector<double> kernel;
        double sum = 0;
        for (int x = -3; x <= 3; ++x) {
            kernel.push_back(std::exp(-0.5 * (x / 1.5) * (x / 1.5)));
            sum += kernel.back();
        }
        for (int dy = -3; dy <= 3; ++dy)
            for (int dx = -3; dx <= 3; ++dx) {
                const double expected =
                    kernel[std::size_t(dy + 3)] * kernel[std::size_t(dx + 3)] / (sum * sum);
                for (int c = 0; c < 3; ++c)
                    QVERIFY(std::abs(blurred[0][c][10 + dy][10 + dx].item<double>() - expected) < 1e-6);
            }
        QVERIFY(std::abs(blurred[0][0][0][0].item<double>()) < 1e-9);
    }

    void blurKeepsAConstantImageAndReflectsAtTheBorder()
    {
        const at::Tensor grey = at::full({2, 3, 12, 12}, 0.25);
        QVERIFY(maxDifference(gaussianBlur(grey, blurSettings(12, 12)), grey) < 1e-6);
        // A left-right ramp: reflection mirrors it at the border, so the corner is not pulled towards 0.
        const at::Tensor ramp =
            at::linspace(0.5, 1.0, 12).view({1, 1, 1, 12}).expand({1, 3, 12, 12}).contiguous();
        const at::Tensor blurred = gaussianBlur(ramp, {3, 1.0});
        QVERIFY(blurred[0][0][0][0].item<double>() > 0.5);
    }

    void fillsAreBlackGreyMeanAndBlur()
    {
        const at::Tensor x = rampImages(2, 8);
        QCOMPARE(corruptionFill(SweepStrategy::Black, x).sum().item<double>(), 0.0);
        QCOMPARE(corruptionFill(SweepStrategy::Grey, x).item<double>(), 0.5);
        const at::Tensor mean = corruptionFill(SweepStrategy::Mean, x);
        QCOMPARE(mean.sizes().vec(), (std::vector<std::int64_t>{2, 3, 1, 1}));
        QVERIFY(std::abs(mean[1][2][0][0].item<double>() - x[1][2].mean().item<double>()) < 1e-6);
        QVERIFY(maxDifference(corruptionFill(SweepStrategy::Blur, x), gaussianBlur(x, blurSettings(8, 8))) ==
                0.0);
        QVERIFY(!corruptionFill(SweepStrategy::Noise, x).defined());
    }

    void aZeroMaskOrLevelLeavesTheImage()
    {
        const at::Tensor x = rampImages(2, 8);
        const at::Tensor zero = at::zeros({2, 1, 8, 8}), ones = at::ones({2, 1, 8, 8});
        const at::Tensor noise = corruptionNoise(SweepStrategy::Noise, {1, 2}, x.sizes(), at::kCPU);
        for (SweepStrategy s : allSweepStrategies()) {
            const at::Tensor with = isRandomStrategy(s) ? noise : corruptionFill(s, x);
            QVERIFY2(corrupt(s, 0.75, x, zero, with).equal(x), strategyName(s).c_str());
            QVERIFY2(corrupt(s, 0.0, x, ones, with).equal(x), strategyName(s).c_str());
        }
    }

    void fillsBlendBySoftMaskAndStrength()
    {
        const at::Tensor x = rampImages(1, 4);
        at::Tensor mask = at::zeros({1, 1, 4, 4});
        mask.index_put_({0, 0, 0, at::indexing::Slice()}, 1.0);
        mask.index_put_({0, 0, 1, at::indexing::Slice()}, 0.5);
        const at::Tensor black =
            corrupt(SweepStrategy::Black, 1.0, x, mask, corruptionFill(SweepStrategy::Black, x));
        QCOMPARE(black[0][1][0][2].item<float>(), 0.0f);
        QVERIFY(std::abs(black[0][1][1][2].item<double>() - 0.5 * x[0][1][1][2].item<double>()) < 1e-7);
        QCOMPARE(black[0][1][3][2].item<float>(), x[0][1][3][2].item<float>());
        const at::Tensor grey =
            corrupt(SweepStrategy::Grey, 0.5, x, mask, corruptionFill(SweepStrategy::Grey, x));
        const double v = x[0][2][0][1].item<double>();
        QVERIFY(std::abs(grey[0][2][0][1].item<double>() - (v + 0.5 * (0.5 - v))) < 1e-7);
        // Strength above 1 acts as 1.
        QVERIFY(corrupt(SweepStrategy::Black, 3.0, x, mask, corruptionFill(SweepStrategy::Black, x))
                    .equal(black));
    }

    void noiseIsScaledByTheMaskAndClipped()
    {
        const at::Tensor x = at::full({1, 3, 2, 2}, 0.5);
        const at::Tensor z = at::tensor({1.0f, -1.0f, 0.2f, 3.0f}).view({1, 1, 2, 2}).expand({1, 3, 2, 2});
        const at::Tensor mask = at::tensor({1.0f, 1.0f, 0.5f, 0.0f}).view({1, 1, 2, 2});
        const at::Tensor out = corrupt(SweepStrategy::Noise, 0.4, x, mask, z);
        QVERIFY(std::abs(out[0][0][0][0].item<double>() - 0.9) < 1e-6);
        QVERIFY(std::abs(out[0][0][0][1].item<double>() - 0.1) < 1e-6);
        QVERIFY(std::abs(out[0][0][1][0].item<double>() - 0.54) < 1e-6);
        QCOMPARE(out[0][0][1][1].item<float>(), 0.5f);
        QCOMPARE(corrupt(SweepStrategy::Noise, 10.0, x, mask, z)[0][0][0][0].item<float>(), 1.0f);
        QCOMPARE(corrupt(SweepStrategy::Uniform, 10.0, x, mask, z)[0][0][0][1].item<float>(), 0.0f);
    }

    void eachImageHasItsOwnNoise()
    {
        const std::vector<std::int64_t> shape{3, 3, 16, 16};
        const at::Tensor three = corruptionNoise(SweepStrategy::Noise, {11, 22, 33}, shape, at::kCPU);
        const at::Tensor alone = corruptionNoise(SweepStrategy::Noise, {22}, {1, 3, 16, 16}, at::kCPU);
        QVERIFY(three[1].equal(alone[0])); // whatever else is in the batch
        QVERIFY(corruptionNoise(SweepStrategy::Noise, {11, 22, 33}, shape, at::kCPU).equal(three));
        QVERIFY(!three[0].equal(three[2]));
        const at::Tensor many = corruptionNoise(SweepStrategy::Noise, {5, 6, 7, 8}, {4, 3, 64, 64}, at::kCPU);
        QVERIFY(std::abs(many.mean().item<double>()) < 0.02);
        QVERIFY(std::abs(many.std().item<double>() - 1.0) < 0.02);
        const at::Tensor uniform =
            corruptionNoise(SweepStrategy::Uniform, {5, 6, 7, 8}, {4, 3, 64, 64}, at::kCPU);
        QVERIFY(uniform.min().item<double>() >= -1.0 && uniform.max().item<double>() <= 1.0);
        QVERIFY(std::abs(uniform.var().item<double>() - 1.0 / 3.0) < 0.01);
    }

    void noiseSeedsDependOnEveryPart()
    {
        const std::uint64_t base = noiseSeed(7, 3, SweepStrategy::Noise, 0.5);
        QCOMPARE(noiseSeed(7, 3, SweepStrategy::Noise, 0.5), base);
        QVERIFY(noiseSeed(8, 3, SweepStrategy::Noise, 0.5) != base);
        QVERIFY(noiseSeed(7, 4, SweepStrategy::Noise, 0.5) != base);
        QVERIFY(noiseSeed(7, 3, SweepStrategy::Uniform, 0.5) != base);
        QVERIFY(noiseSeed(7, 3, SweepStrategy::Noise, 0.25) != base);
    }
};

QTEST_GUILESS_MAIN(TestSweepCorruption)
#include "TestSweepCorruption.moc"
