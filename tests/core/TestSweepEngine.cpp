// The sweep engine: repeatable numbers, sigma 0 = clean, and known answers on hand-made masks.
#include "base/Errors.h"
#include "core/Classifier.h"
#include "core/ImageDecoder.h"
#include "core/Runtime.h"
#include "core/demo/DemoWorld.h"
#include "core/sweep/DemoSweepSource.h"
#include "core/sweep/Sweep.h"
#include "core/training/Evaluation.h"

#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <atomic>

using namespace salient;

namespace {

const std::string standardModel = std::string(SALIENT_SOURCE_DIR) + "/resources/models/standard.pt";
const std::string robustModel = std::string(SALIENT_SOURCE_DIR) + "/resources/models/robust.pt";

/// A source made by hand: chosen images of the world with masks drawn in the test.
class HandMadeSource : public SweepSource
{
public:
    HandMadeSource(std::vector<std::string> classIds) : m_classIds(std::move(classIds)) {}

    void add(const std::string& path, int label, std::vector<std::pair<MaskRef, SweepMask>> masks)
    {
        SweepSample sample{path, label, {}};
        std::vector<SweepMask> planes;
        for (auto& [ref, mask] : masks) {
            sample.masks.push_back(ref);
            planes.push_back(std::move(mask));
        }
        m_samples.push_back(sample);
        m_masks.push_back(std::move(planes));
    }

    std::string description() const override { return "hand-made masks"; }
    const std::vector<std::string>& classIds() const override { return m_classIds; }
    const std::vector<SweepSample>& samples() const override { return m_samples; }
    std::vector<SweepMask> loadMasks(std::size_t index) const override { return m_masks.at(index); }

private:
    std::vector<std::string> m_classIds;
    std::vector<SweepSample> m_samples;
    std::vector<std::vector<SweepMask>> m_masks;
};

/// A size x size mask: 1 where inside(x, y), else 0.
template <typename Inside> SweepMask drawMask(int size, Inside inside)
{
    SweepMask mask{size, size, std::vector<float>(std::size_t(size) * size, 0.0f)};
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            mask.values[std::size_t(y * size + x)] = inside(x, y) ? 1.0f : 0.0f;
    return mask;
}

/// The image with `fill(channel)` blended in where inside(x, y), written out pixel by pixel.
template <typename Inside, typename Fill> Image paint(Image image, Inside inside, Fill fill)
{
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (inside(x, y))
                for (int c = 0; c < 3; ++c)
                    image.pixels[(std::size_t(y) * image.width + x) * 3 + c] = fill(c);
    return image;
}

int predicted(const Classifier& classifier, const Image& image)
{
    return classifier.predict({image}, 1).front().front().index;
}

} // namespace

class TestSweepEngine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_root;

    SweepOptions options() const
    {
        SweepOptions o;
        o.device = DeviceChoice::Cpu;
        o.batchSize = 32;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        configureTorchThreads();
        DemoWorldOptions world;
        world.trainCount = world.valCount = world.balancedCount = 10;
        world.testCount = 100;
        m_root = m_dir.filePath("world").toStdString();
        writeDemoWorld(m_root, world);
    }

    /// The same run twice, with other batch sizes, gives the same counts; a class alone gets its share.
    void repeatsExactlyWhateverTheBatching()
    {
        const DemoSweepSource source(m_root, "test");
        SweepOptions o = options();
        o.sigmas = {0.0, 1.0};
        o.strategies = {SweepStrategy::Noise, SweepStrategy::Blur};
        o.seed = 5;
        int batches = 0;
        const SweepResults first =
            runSweep(source, {standardModel, robustModel}, o, {}, [&](const SweepResults&) { ++batches; });
        QCOMPARE(batches, 4); // 100 images in batches of 32
        QCOMPARE(first.imagesDone, std::int64_t(100));
        QVERIFY(first.finished());
        QCOMPARE(first.models.size(), std::size_t(2));
        QCOMPARE(first.models[0].name, std::string("standard"));
        QCOMPARE(first.models[0].sha256.size(), std::size_t(64));
        QVERIFY(first.cells.size() > 100);

        o.batchSize = 47;
        const SweepResults second = runSweep(source, {standardModel, robustModel}, o);
        QVERIFY(second.cells == first.cells);
        QVERIFY(second.clean == first.clean);

        // Noise moves the numbers at all (else this test could not fail).
        bool moved = false;
        for (const auto& [key, tally] : first.cells)
            moved |= key.level == 1 && key.strategy == SweepStrategy::Noise &&
                     tally.corruptedCorrect != tally.cleanCorrect;
        QVERIFY(moved);

        o.scope.classIndex = 3;
        const SweepResults one = runSweep(source, {standardModel, robustModel}, o);
        int compared = 0;
        for (const auto& [key, tally] : one.cells) {
            if (key.classIndex != 3)
                continue;
            QVERIFY(tally == first.cell(key));
            ++compared;
        }
        QVERIFY(compared > 10);

        o.scope = {};
        o.seed = 6;
        const SweepResults reseeded = runSweep(source, {standardModel}, o);
        bool differs = false;
        for (const auto& [key, tally] : reseeded.cells)
            differs |= isRandomStrategy(key.strategy) && !(tally == first.cell(key));
        QVERIFY2(differs, "another seed draws other noise");
    }

    void sigmaZeroIsTheCleanAccuracy()
    {
        const DemoSweepSource source(m_root, "test");
        SweepOptions o = options();
        o.sigmas = {0.0, 0.75};
        o.strategies = allSweepStrategies();
        const SweepResults r = runSweep(source, {standardModel}, o);
        int zeroCells = 0;
        for (const auto& [key, tally] : r.cells) {
            if (key.level != 0)
                continue;
            QVERIFY2(tally.corruptedCorrect == tally.cleanCorrect,
                     qPrintable(QString("%1 %2 class %3")
                                    .arg(QString::fromStdString(strategyName(key.strategy)),
                                         QString::fromStdString(measureName(key.measure)))
                                    .arg(key.classIndex)));
            ++zeroCells;
        }
        QVERIFY(zeroCells > 6 * 20);
        // The clean accuracy is the model's accuracy on the split, as `salient model evaluate` measures it.
        const EvaluationResult evaluated =
            evaluateModel(standardModel, m_root + "/test", {}, DeviceChoice::Cpu);
        QCOMPARE(r.cleanTally(0).images, std::int64_t(100));
        QCOMPARE(r.cleanTally(0).accuracy(), evaluated.clean);
        // Every image has its item (core) mask, so spurious accuracy covers the whole split.
        QCOMPARE(r.cell({0, SweepStrategy::Black, 1, SweepMeasure::Spurious}).images, std::int64_t(100));
    }

    /// Masks drawn by hand, answers worked out pixel by pixel and run through the classifier.
    void knownAnswersOnHandMadeMasks()
    {
        const DemoSweepSource world(m_root, "test");
        const Classifier classifier = Classifier::open(standardModel, DeviceChoice::Cpu);
        HandMadeSource source(world.classIds());
        const std::string a = world.samples()[10].imagePath, b = world.samples()[40].imagePath,
                          c = world.samples()[60].imagePath, d = world.samples()[90].imagePath;
        const Image black = paint(
            decodeImageFile(a), [](int, int) { return true; }, [](int) { return 0.0f; });
        const int blackClass = predicted(classifier, black);
        const auto all = [](int, int) {
            return true;
        };
        const auto left = [](int x, int) {
            return x < 24;
        };
        const auto top = [](int, int y) {
            return y < 20;
        };
        const auto leftOrTop = [&](int x, int y) {
            return left(x, y) || top(x, y);
        };
        // a: whole core mask, labelled as what a black image is taken for; b: whole core mask drawn at half
        // resolution, labelled otherwise; c: two spurious masks (left, top); d: an empty spurious mask.
        source.add(a, blackClass, {{{MaskRole::Core, 7}, drawMask(48, all)}});
        source.add(b, (blackClass + 1) % 10, {{{MaskRole::Core, 7}, drawMask(24, all)}});
        const int cLabel = world.samples()[60].label, dLabel = world.samples()[90].label;
        source.add(
            c, cLabel,
            {{{MaskRole::Spurious, 1}, drawMask(48, left)}, {{MaskRole::Spurious, 2}, drawMask(48, top)}});
        source.add(d, dLabel, {{{MaskRole::Spurious, 1}, drawMask(48, [](int, int) { return false; })}});

        SweepOptions o = options();
        o.sigmas = {1.0};
        o.strategies = {SweepStrategy::Black, SweepStrategy::Mean};
        const SweepResults r = runSweep(source, {standardModel}, o);

        const Image cImage = decodeImageFile(c), dImage = decodeImageFile(d);
        const bool cClean = predicted(classifier, cImage) == cLabel,
                   dClean = predicted(classifier, dImage) == dLabel;
        std::array<float, 3> mean{};
        for (std::size_t p = 0; p < cImage.pixels.size(); ++p)
            mean[p % 3] += cImage.pixels[p] / float(cImage.pixels.size() / 3);
        for (SweepStrategy s : o.strategies) {
            const auto fill = [&](int channel) {
                return s == SweepStrategy::Black ? 0.0f : mean[std::size_t(channel)];
            };
            // Spurious accuracy: a and b turned wholly black (mean: their own mean colour).
            const Tally spurious = r.cell({0, s, 0, SweepMeasure::Spurious});
            QCOMPARE(spurious.images, std::int64_t(2));
            if (s == SweepStrategy::Black)
                QCOMPARE(spurious.corruptedCorrect, std::int64_t(1));
            // Core accuracy: c with the union (max) of its masks filled; d untouched.
            const Tally core = r.cell({0, s, 0, SweepMeasure::Core});
            QCOMPARE(core.images, std::int64_t(2));
            const bool cUnion = predicted(classifier, paint(cImage, leftOrTop, fill)) == cLabel;
            QCOMPARE(core.corruptedCorrect, std::int64_t(cUnion) + std::int64_t(dClean));
            QCOMPARE(core.cleanCorrect, std::int64_t(cClean) + std::int64_t(dClean));
            // Each of c's two masks alone.
            const Tally leftOnly = r.cell({0, s, 0, SweepMeasure::Feature, cLabel, 1});
            const Tally topOnly = r.cell({0, s, 0, SweepMeasure::Feature, cLabel, 2});
            QCOMPARE(topOnly.images, std::int64_t(1));
            QCOMPARE(topOnly.corruptedCorrect,
                     std::int64_t(predicted(classifier, paint(cImage, top, fill)) == cLabel));
            const bool leftCorrect = predicted(classifier, paint(cImage, left, fill)) == cLabel;
            // Feature 1 of class cLabel also holds d's empty mask when d is of the same class.
            QCOMPARE(leftOnly.images, std::int64_t(cLabel == dLabel ? 2 : 1));
            QCOMPARE(leftOnly.corruptedCorrect,
                     std::int64_t(leftCorrect) + (cLabel == dLabel ? std::int64_t(dClean) : 0));
        }
    }

    void cancelStopsTheSweep()
    {
        const DemoSweepSource source(m_root, "test");
        std::atomic<bool> cancel{false};
        Job job;
        job.cancelRequested = &cancel;
        int batches = 0;
        SweepOptions o = options();
        QVERIFY_THROWS_EXCEPTION(JobCancelled,
                                 runSweep(source, {standardModel}, o, job, [&](const SweepResults&) {
                                     ++batches;
                                     cancel = true;
                                 }));
        QCOMPARE(batches, 1);
    }

    void refusesBadInput()
    {
        const DemoSweepSource source(m_root, "test");
        SweepOptions o = options();
        QVERIFY_THROWS_EXCEPTION(InputError, runSweep(source, {}, o));
        o.sigmas = {0.5, 0.5};
        QVERIFY_THROWS_EXCEPTION(InputError, runSweep(source, {standardModel}, o));
        o.sigmas = {-1.0};
        QVERIFY_THROWS_EXCEPTION(InputError, runSweep(source, {standardModel}, o));
        o = options();
        o.scope.feature = 12345;
        try {
            runSweep(source, {standardModel}, o);
            QFAIL("an empty scope must be refused");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("is in the sweep's scope"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(ModelError, runSweep(source, {m_root + "/manifest.csv"}, options()));
        QCOMPARE(parseSigmas("0,0.1,1"), (std::vector<double>{0.0, 0.1, 1.0}));
        QVERIFY_THROWS_EXCEPTION(InputError, parseSigmas("0,,1"));
        QVERIFY_THROWS_EXCEPTION(InputError, parseSigmas("0,x"));
        QVERIFY_THROWS_EXCEPTION(InputError, parseStrategy("pink"));
    }
};

QTEST_GUILESS_MAIN(TestSweepEngine)
#include "TestSweepEngine.moc"
