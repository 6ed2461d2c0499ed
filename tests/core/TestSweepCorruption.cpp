// The corruption strategies of a sweep on hand-made tensors (formulas, blur kernel, per-image noise), and
// the masking lab's removals against a NumPy and OpenCV reference.
#include "base/Errors.h"
#include "core/sweep/Corruption_p.h"

#include <ATen/ATen.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace salient;

namespace {

const std::array<float, 3> kMidGrey{0.5f, 0.5f, 0.5f};

at::Tensor rampImages(std::int64_t n, std::int64_t size)
{
    return at::linspace(0.0, 1.0, n * 3 * size * size).view({n, 3, size, size});
}

double maxDifference(const at::Tensor& a, const at::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

void writeFloats(const QString& path, const at::Tensor& t)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const at::Tensor c = t.contiguous();
    file.write(reinterpret_cast<const char*>(c.data_ptr<float>()), qint64(c.numel() * sizeof(float)));
}

at::Tensor readFloats(const QString& path, at::IntArrayRef shape)
{
    QFile file(path);
    at::Tensor t = at::zeros(shape);
    if (file.open(QIODevice::ReadOnly) && file.size() == qint64(t.numel() * sizeof(float)))
        file.read(reinterpret_cast<char*>(t.data_ptr<float>()), file.size());
    return t;
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
        QCOMPARE(corruptionFill(SweepStrategy::Black, x, kMidGrey).sum().item<double>(), 0.0);
        QCOMPARE(corruptionFill(SweepStrategy::Grey, x, kMidGrey).sizes().vec(),
                 (std::vector<std::int64_t>{1, 3, 1, 1}));
        // Grey is the dataset's per-channel mean (the model's normalisation mean).
        const at::Tensor imageNetGrey = corruptionFill(SweepStrategy::Grey, x, {0.485f, 0.456f, 0.406f});
        QCOMPARE(imageNetGrey[0][1][0][0].item<float>(), 0.456f);
        const at::Tensor mean = corruptionFill(SweepStrategy::Mean, x, kMidGrey);
        QCOMPARE(mean.sizes().vec(), (std::vector<std::int64_t>{2, 3, 1, 1}));
        QVERIFY(std::abs(mean[1][2][0][0].item<double>() - x[1][2].mean().item<double>()) < 1e-6);
        QVERIFY(maxDifference(corruptionFill(SweepStrategy::Blur, x, kMidGrey),
                              gaussianBlur(x, blurSettings(8, 8))) == 0.0);
        QVERIFY(!corruptionFill(SweepStrategy::Noise, x, kMidGrey).defined());
    }

    void aZeroMaskOrLevelLeavesTheImage()
    {
        const at::Tensor x = rampImages(2, 8);
        const at::Tensor zero = at::zeros({2, 1, 8, 8}), ones = at::ones({2, 1, 8, 8});
        const at::Tensor noise = corruptionNoise(SweepStrategy::Noise, {1, 2}, x.sizes(), at::kCPU);
        for (SweepStrategy s : allSweepStrategies()) {
            const at::Tensor with = isRandomStrategy(s) ? noise : corruptionFill(s, x, kMidGrey);
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
            corrupt(SweepStrategy::Black, 1.0, x, mask, corruptionFill(SweepStrategy::Black, x, kMidGrey));
        QCOMPARE(black[0][1][0][2].item<float>(), 0.0f);
        QVERIFY(std::abs(black[0][1][1][2].item<double>() - 0.5 * x[0][1][1][2].item<double>()) < 1e-7);
        QCOMPARE(black[0][1][3][2].item<float>(), x[0][1][3][2].item<float>());
        const at::Tensor grey =
            corrupt(SweepStrategy::Grey, 0.5, x, mask, corruptionFill(SweepStrategy::Grey, x, kMidGrey));
        const double v = x[0][2][0][1].item<double>();
        QVERIFY(std::abs(grey[0][2][0][1].item<double>() - (v + 0.5 * (0.5 - v))) < 1e-7);
        // Strength above 1 acts as 1.
        QVERIFY(corrupt(SweepStrategy::Black, 3.0, x, mask, corruptionFill(SweepStrategy::Black, x, kMidGrey))
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

    /// The masking lab's removals against NumPy and OpenCV (tests/core/masking_fills.py): a soft keep
    /// mask, a non-square image and a dataset mean that is not mid-grey.
    void removalsEqualTheOpenCvReference()
    {
        QTemporaryDir dir;
        const std::int64_t n = 2, h = 40, w = 56;
        const std::array<float, 3> mean{0.485f, 0.456f, 0.406f}, std{0.229f, 0.224f, 0.225f};
        const at::Tensor images = at::rand({n, 3, h, w});
        at::Tensor keep = at::ones({n, 1, h, w});
        keep.index_put_({0, 0, at::indexing::Slice(8, 30), at::indexing::Slice(10, 40)}, 0.0);
        keep.index_put_({1, 0, at::indexing::Slice(0, 20), at::indexing::Slice()}, 0.25);
        keep.index_put_({1, 0, at::indexing::Slice(20, 26), at::indexing::Slice(5, 50)}, 0.0);
        writeFloats(dir.filePath("images.f32"), images);
        writeFloats(dir.filePath("keep.f32"), keep);
        QProcess python;
        python.setProcessChannelMode(QProcess::MergedChannels);
        python.start("/usr/bin/python3",
                     {QString(SALIENT_SOURCE_DIR) + "/tests/core/masking_fills.py", dir.path(),
                      QString::number(n), QString::number(h), QString::number(w),
                      QString::number(double(mean[0]), 'g', 9), QString::number(double(mean[1]), 'g', 9),
                      QString::number(double(mean[2]), 'g', 9)});
        QVERIFY(python.waitForFinished(120000));
        QVERIFY2(python.exitCode() == 0, python.readAll().constData());
        for (SweepStrategy s : {SweepStrategy::Black, SweepStrategy::Grey, SweepStrategy::Mean,
                                SweepStrategy::Blur, SweepStrategy::GreyEdge}) {
            const at::Tensor expected =
                readFloats(dir.filePath(QString::fromStdString(strategyName(s)) + ".f32"), images.sizes());
            const at::Tensor removed = removeRegion(s, images, keep, mean, std, {});
            QVERIFY2(maxDifference(removed, expected) < 1e-5,
                     qPrintable(QString("%1: %2")
                                    .arg(QString::fromStdString(strategyName(s)))
                                    .arg(maxDifference(removed, expected))));
        }
        // The sweep at full strength is the same removal: region = 1 - keep.
        QVERIFY(maxDifference(corrupt(SweepStrategy::GreyEdge, 1.0, images, 1 - keep,
                                      corruptionFill(SweepStrategy::GreyEdge, images, mean)),
                              removeRegion(SweepStrategy::GreyEdge, images, keep, mean, std, {})) < 1e-6);
    }

    void noiseRemovalsReplaceTheRegionWithSeededNoise()
    {
        const std::array<float, 3> mean{0.5f, 0.4f, 0.3f}, std{0.1f, 0.1f, 0.1f};
        const at::Tensor images = at::rand({2, 3, 64, 64});
        at::Tensor keep = at::ones({2, 1, 64, 64});
        keep.index_put_({at::indexing::Slice(), 0, at::indexing::Slice(0, 48)}, 0.0);
        const auto removedPart = [](const at::Tensor& t) {
            return t.slice(2, 0, 48);
        };
        for (SweepStrategy s : {SweepStrategy::Noise, SweepStrategy::Uniform}) {
            const at::Tensor a = removeRegion(s, images, keep, mean, std, {3, 4});
            QVERIFY(a.slice(2, 48).equal(images.slice(2, 48))); // kept rows untouched
            QVERIFY(a.equal(removeRegion(s, images, keep, mean, std, {3, 4})));
            QVERIFY(!a.equal(removeRegion(s, images, keep, mean, std, {3, 5})));
            QVERIFY(a.min().item<double>() >= 0.0 && a.max().item<double>() <= 1.0);
            // Nothing of the image is left in the region: its values do not follow the image's.
            const at::Tensor region = removedPart(a);
            if (s == SweepStrategy::Noise) {
                for (int c = 0; c < 3; ++c) {
                    const at::Tensor channel = region.select(1, c);
                    QVERIFY(std::abs(channel.mean().item<double>() - mean[std::size_t(c)]) < 0.005);
                    QVERIFY(std::abs(channel.std().item<double>() - 0.1) < 0.005);
                }
            } else {
                QVERIFY(std::abs(region.mean().item<double>() - 0.5) < 0.01);
                QVERIFY(std::abs(region.var().item<double>() - 1.0 / 12.0) < 0.005);
            }
        }
    }

    void layerMaskingIsNoPixelCorruption()
    {
        const at::Tensor x = rampImages(1, 4);
        QVERIFY(!corruptionFill(SweepStrategy::Layer, x, kMidGrey).defined());
        QVERIFY_THROWS_EXCEPTION(InputError,
                                 corrupt(SweepStrategy::Layer, 1.0, x, at::ones({1, 1, 4, 4}), {}));
        QVERIFY(std::find(allSweepStrategies().begin(), allSweepStrategies().end(), SweepStrategy::Layer) ==
                allSweepStrategies().end());
        SweepOptions options;
        options.strategies = {SweepStrategy::Layer};
        QVERIFY_THROWS_EXCEPTION(InputError, options.validate());
        QCOMPARE(parseStrategy("grey-edge"), SweepStrategy::GreyEdge);
        QCOMPARE(strategyName(MaskingStrategy::Layer), std::string("layer"));
        QVERIFY_THROWS_EXCEPTION(InputError, parseStrategy("pink"));
        QCOMPARE(parseStrategyList("black,layer"),
                 (std::vector<MaskingStrategy>{MaskingStrategy::Black, MaskingStrategy::Layer}));
        QVERIFY_THROWS_EXCEPTION(InputError, parseStrategyList("black,black"));
    }
};

QTEST_GUILESS_MAIN(TestSweepCorruption)
#include "TestSweepCorruption.moc"
