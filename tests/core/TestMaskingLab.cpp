// The masking lab's core. Layer masking against an independent port over torchvision's modules
// (tests/core/layer_masking.py, in float64): torchvision ResNet-18 and ResNet-50 with seeded random
// weights, a Bottleneck ResNet without the stem max-pool and the demo's narrow model, each with random
// binary masks. Also: an all-ones mask is the plain forward pass, removed pixels' values change nothing,
// an empty mask is refused, a soft mask is thresholded and says so, and the neighbour-mean fill on a
// hand-worked case. The removal curves against images painted by hand and run through the Classifier.
#include "DemoImages.h"
#include "TestSupport.h"

#include "base/Errors.h"
#include "core/Classifier.h"
#include "core/ImageDecoder.h"
#include "core/Runtime.h"
#include "core/masking/LayerMasking_p.h"
#include "core/masking/MaskingExperiment.h"
#include "core/model/ModelFile.h"
#include "core/sweep/DemoSweepSource.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>
#include <cstring>
#include <set>

using namespace salient;
using namespace salient::test;

namespace {

const std::string demoModel = std::string(SALIENT_SOURCE_DIR) + "/resources/models/standard.pt";

QString runPython(const QString& script, const QStringList& arguments)
{
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start("/usr/bin/python3",
                 QStringList{QString(SALIENT_SOURCE_DIR) + "/tests/core/" + script} + arguments);
    const bool ok = python.waitForFinished(600000) && python.exitStatus() == QProcess::NormalExit &&
                    python.exitCode() == 0;
    return ok ? QString() : QString::fromUtf8(python.readAll());
}

at::Tensor floatFile(const QString& path, at::IntArrayRef shape)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read " + path.toStdString());
    const QByteArray bytes = file.readAll();
    at::Tensor t = at::empty(shape, at::kFloat);
    if (std::size_t(bytes.size()) != std::size_t(t.numel()) * sizeof(float))
        throw std::runtime_error(path.toStdString() + " has the wrong size");
    std::memcpy(t.data_ptr<float>(), bytes.constData(), std::size_t(bytes.size()));
    return t;
}

/// A keep mask of random 4 x 4 blocks, the first block always kept.
at::Tensor blockMask(std::int64_t n, std::int64_t size, double keep, std::uint64_t seed)
{
    at::Generator generator = at::globalContext().defaultGenerator(at::kCPU).clone();
    generator.set_current_seed(seed);
    const std::int64_t cells = (size + 3) / 4;
    at::Tensor grid = at::empty({n, 1, cells, cells}).uniform_(0.0, 1.0, generator).lt(keep).to(at::kFloat);
    grid.index_put_({at::indexing::Slice(), 0, 0, 0}, 1.0);
    return grid.repeat_interleave(4, 2)
        .repeat_interleave(4, 3)
        .slice(2, 0, size)
        .slice(3, 0, size)
        .contiguous();
}

} // namespace

class TestMaskingLab : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    LoadedModel m_demo;

    std::string m_world;

private Q_SLOTS:
    void initTestCase()
    {
        configureTorchThreads();
        const QString failure = runPython("layer_masking.py", {"make", m_dir.path()});
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        m_demo = loadModel(demoModel, at::kCPU);
        m_world = writeDemoTestWorld(m_dir.filePath("world"), 40);
    }

    void agreesWithThePythonPort_data()
    {
        QTest::addColumn<int>("index");
        QTest::newRow("resnet18 at 128") << 0;
        QTest::newRow("resnet50 at 224") << 1;
        QTest::newRow("bottleneck, no stem max-pool, at 32") << 2;
        QTest::newRow("demo narrow model at 48") << 3;
    }

    void agreesWithThePythonPort()
    {
        QFETCH(int, index);
        QFile list(m_dir.filePath("cases.json"));
        QVERIFY(list.open(QIODevice::ReadOnly));
        const QJsonObject c =
            QJsonDocument::fromJson(list.readAll()).object()["cases"].toArray()[index].toObject();
        const QString name = c["name"].toString();
        const std::int64_t n = c["count"].toInt(), size = c["size"].toInt();
        const at::Tensor images = floatFile(m_dir.filePath(name + ".images.f32"), {n, 3, size, size});
        const at::Tensor masks = floatFile(m_dir.filePath(name + ".masks.f32"), {n, 1, size, size});
        const at::Tensor logits = floatFile(m_dir.filePath(name + ".logits.f32"), {n, c["classes"].toInt()});
        const at::Tensor features =
            floatFile(m_dir.filePath(name + ".features.f32"), {n, c["features"].toInt()});
        QVERIFY(masks.min().item<float>() == 0.0f); // the masks do remove pixels

        LoadedModel loaded = loadModel(c["model"].toString().toStdString(), at::kCPU);
        const LayerMaskedOutputs out = layerMaskedOutputs(*loaded.network, images, masks);
        QVERIFY(!out.report.thresholded());
        // Relative to the size of each image's output vector (random weights give logits in the
        // thousands), the float32 pass must stay within 1e-4 of the float64 reference.
        double worst = 0.0;
        for (std::int64_t i = 0; i < n; ++i) {
            for (const auto& [actual, expected, what] :
                 {std::tuple{out.outputs.logits[i], logits[i], "logits"},
                  std::tuple{out.outputs.features[i], features[i], "features"}}) {
                const double scale = expected.abs().max().item<double>();
                const double error = (actual - expected).abs().max().item<double>() / scale;
                worst = std::max(worst, error);
                QVERIFY2(
                    error <= 1e-4,
                    qPrintable(QString("%1 of image %2: relative error %3").arg(what).arg(i).arg(error)));
            }
            QCOMPARE(out.outputs.logits[i].argmax().item<std::int64_t>(),
                     logits[i].argmax().item<std::int64_t>());
        }
        qInfo("%s: largest relative error %.3g", qPrintable(name), worst);
    }

    void allOnesIsThePlainForward()
    {
        for (const QString& file : {QString::fromStdString(demoModel), m_dir.filePath("resnet18.pt")}) {
            LoadedModel loaded =
                file.endsWith("standard.pt") ? m_demo : loadModel(file.toStdString(), at::kCPU);
            const std::int64_t size = file.endsWith("standard.pt") ? 48 : 96;
            const at::Tensor images = at::rand({3, 3, size, size});
            const ResNetOutputs plain = loaded.network->outputs(images);
            const LayerMaskedOutputs masked =
                layerMaskedOutputs(*loaded.network, images, at::ones({3, 1, size, size}));
            SALIENT_COMPARE_TENSORS(masked.outputs.logits, plain.logits, 1e-4);
            SALIENT_COMPARE_TENSORS(masked.outputs.features, plain.features, 1e-4);
            SALIENT_COMPARE_TENSORS(masked.outputs.layer4, plain.layer4, 1e-4);
        }
    }

    void removedPixelsChangeNothing()
    {
        for (const QString& file : {QString::fromStdString(demoModel), m_dir.filePath("resnet18.pt")}) {
            LoadedModel loaded =
                file.endsWith("standard.pt") ? m_demo : loadModel(file.toStdString(), at::kCPU);
            const std::int64_t size = file.endsWith("standard.pt") ? 48 : 96;
            const at::Tensor keep = blockMask(2, size, 0.5, 11);
            const at::Tensor images = at::rand({2, 3, size, size});
            const at::Tensor other = images * keep + at::rand({2, 3, size, size}) * (1 - keep);
            QVERIFY(!other.equal(images));
            const auto a = layerMaskedOutputs(*loaded.network, images, keep);
            const auto b = layerMaskedOutputs(*loaded.network, other, keep);
            QVERIFY(a.outputs.logits.equal(b.outputs.logits));
            QVERIFY(a.outputs.features.equal(b.outputs.features));
            // ... while changing a kept pixel does change the output.
            const auto c = layerMaskedOutputs(*loaded.network, images * 0.5, keep);
            QVERIFY(!a.outputs.logits.equal(c.outputs.logits));
        }
    }

    void anEmptyMaskIsRefused()
    {
        at::Tensor keep = at::ones({2, 1, 48, 48});
        keep[1].zero_();
        try {
            layerMaskedOutputs(*m_demo.network, at::rand({2, 3, 48, 48}), keep);
            QFAIL("an all-zeros mask was accepted");
        } catch (const InputError& e) {
            QVERIFY2(std::string(e.what()).find("image 1 keeps no position") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(InputError, layerMaskedOutputs(*m_demo.network, at::rand({1, 3, 48, 48}),
                                                                at::ones({1, 1, 40, 48})));
        QVERIFY_THROWS_EXCEPTION(InputError,
                                 layerMaskedOutputs(*m_demo.network, at::rand({1, 3, 48, 48}),
                                                    at::ones({1, 1, 48, 48}), LayerMaskOptions{0.0}));
    }

    void aSoftMaskIsThresholdedAndSaysSo()
    {
        const at::Tensor images = at::rand({2, 3, 48, 48});
        const at::Tensor soft = at::rand({2, 1, 48, 48});
        for (double threshold : {0.5, 0.3}) {
            const auto out = layerMaskedOutputs(*m_demo.network, images, soft, LayerMaskOptions{threshold});
            QVERIFY(out.report.thresholded());
            QCOMPARE(out.report.softValues, soft.numel());
            QVERIFY(QString::fromStdString(out.report.describe()).startsWith("soft mask thresholded at"));
            const auto binary =
                layerMaskedOutputs(*m_demo.network, images, (soft >= threshold).to(at::kFloat));
            QVERIFY(!binary.report.thresholded());
            QVERIFY(binary.report.describe().empty());
            QVERIFY(out.outputs.logits.equal(binary.outputs.logits));
        }
    }

    void aBlackBoxIsRefused()
    {
        const QString script = m_dir.filePath("black_box.pt");
        const QString failure =
            runPython("check_sweep.py", {"script-model", QString::fromStdString(demoModel), script});
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        LoadedModel loaded = loadModel(script.toStdString(), at::kCPU);
        QVERIFY(!loaded.network->isNative());
        QVERIFY_THROWS_EXCEPTION(ModelError, layerMaskedOutputs(*loaded.network, at::rand({1, 3, 48, 48}),
                                                                at::ones({1, 1, 48, 48})));
    }

    /// One channel, 5 x 5, only the middle row kept (values 1..5): by hand, round 1 fills rows 1 and 3
    /// with the mean of the three (two at the ends) kept neighbours; round 2 rows 0 and 4 from row 1/3.
    void neighbourMeanFillByHand()
    {
        at::Tensor keep = at::zeros({1, 1, 5, 5});
        keep[0][0][2].fill_(1.0);
        at::Tensor x = at::zeros({1, 1, 5, 5});
        for (int j = 0; j < 5; ++j)
            x[0][0][2][j] = float(j + 1);
        const double e = 1e-5;
        const std::vector<double> row1{3.0 / (2 + e), 6.0 / (3 + e), 9.0 / (3 + e), 12.0 / (3 + e),
                                       9.0 / (2 + e)};
        const at::Tensor one = neighbourMeanFill(x, keep, 1);
        for (int j = 0; j < 5; ++j) {
            QVERIFY(std::abs(one[0][0][1][j].item<double>() - row1[std::size_t(j)]) < 1e-5);
            QVERIFY(std::abs(one[0][0][3][j].item<double>() - row1[std::size_t(j)]) < 1e-5);
            QCOMPARE(one[0][0][0][j].item<float>(), 0.0f);
            QCOMPARE(one[0][0][2][j].item<float>(), float(j + 1));
        }
        const at::Tensor two = neighbourMeanFill(x, keep, 2);
        // Row 0 in round 2: neighbours are row 1 (filled in round 1, working mask 1 there) only.
        const double expected = (row1[0] + row1[1]) / (2 + e);
        QVERIFY(std::abs(two[0][0][0][0].item<double>() - expected) < 1e-5);
        // A kernel-width of 1 fills one ring; a fully kept map is left as it is.
        QVERIFY(neighbourMeanFill(x, at::ones({1, 1, 5, 5}), 3).equal(x));
    }

    void patchesAndSimilarity()
    {
        QCOMPARE(patchSide(0, 224, 300), 16);
        QCOMPARE(patchSide(0, 48, 48), 3); // 16 * 48 / 224 = 3.4
        QCOMPARE(patchSide(0, 8, 8), 1);
        QCOMPARE(patchSide(5, 48, 48), 5);
        const std::vector<int> order = patchOrder(7, 3, 256);
        QCOMPARE(std::set<int>(order.begin(), order.end()).size(), std::size_t(256));
        QCOMPARE(patchOrder(7, 3, 256), order);
        QVERIFY(patchOrder(8, 3, 256) != order);
        QVERIFY(patchOrder(7, 4, 256) != order);
        // Wu-Palmer by hand: a -> b -> c -> root and d -> c -> root share c at depth 2: 2 * 2 / (4 + 3).
        QCOMPARE(wuPalmer({"a", "b", "c", "r"}, {"d", "c", "r"}), 4.0 / 7.0);
        QCOMPARE(wuPalmer({"a", "r"}, {"a", "r"}), 1.0);
        QCOMPARE(wuPalmer({"a"}, {"b"}), 0.0);
        CurvePoint point;
        point.images = 4;
        point.predicted = {{1, 2}, {3, 1}, {7, 1}}; // -(1/2 log2 1/2 + 2 * 1/4 log2 1/4) = 1.5 bits
        QCOMPARE(point.entropy(), 1.5);
    }

    /// The curves against images painted black patch by patch and run through the Classifier one by one.
    void curvesEqualHandPaintedImages()
    {
        const DemoSweepSource source(m_world, "test");
        MaskingOptions options;
        options.strategies = {MaskingStrategy::Black, MaskingStrategy::Layer};
        options.rates = {0.0, 0.3, 1.0};
        options.seed = 5;
        options.limit = 20;
        options.batchSize = 7;
        options.device = DeviceChoice::Cpu;
        const CurveResults r = runRemovalCurves(source, {demoModel}, options, {}, "/usr/share/wordnet");
        QCOMPARE(r.patch, 3);
        const Classifier classifier = Classifier::open(demoModel, DeviceChoice::Cpu);
        SweepScope scope;
        scope.limit = 20;
        const std::vector<std::size_t> positions = scopeSamples(source, scope);
        QCOMPARE(positions.size(), std::size_t(20));
        for (std::size_t k = 0; k < options.rates.size(); ++k) {
            const int count = int(std::lround(options.rates[k] * 256));
            std::int64_t correct = 0, unchanged = 0;
            std::map<std::int64_t, std::int64_t> histogram;
            for (std::size_t sample : positions) {
                const Image clean = decodeImageFile(source.samples()[sample].imagePath);
                Image painted = clean;
                const std::vector<int> order = patchOrder(options.seed, sample, 256);
                for (int p = 0; p < count; ++p)
                    for (int y = (order[std::size_t(p)] / 16) * 3; y < (order[std::size_t(p)] / 16) * 3 + 3;
                         ++y)
                        for (int x = (order[std::size_t(p)] % 16) * 3;
                             x < (order[std::size_t(p)] % 16) * 3 + 3; ++x)
                            for (int c = 0; c < 3; ++c)
                                painted.pixels[(std::size_t(y) * 48 + std::size_t(x)) * 3 + std::size_t(c)] =
                                    0.0f;
                const auto predictions = classifier.predict({clean, painted}, 1);
                const int before = predictions[0].front().index, after = predictions[1].front().index;
                correct += after == source.samples()[sample].label
                               ? 1
                               : 0; // the demo model's classes are the source's
                unchanged += after == before ? 1 : 0;
                ++histogram[after];
            }
            const CurvePoint& black = r.points.at({0, MaskingStrategy::Black, int(k)});
            QCOMPARE(black.images, std::int64_t(20));
            QCOMPARE(black.correct, correct);
            QCOMPARE(black.unchanged, unchanged);
            QCOMPARE(black.predicted, histogram);
        }
        // Nothing removed: every strategy is the clean model, and a right prediction has similarity 1.
        const CurvePoint& layerClean = r.points.at({0, MaskingStrategy::Layer, 0});
        QCOMPARE(layerClean.unchanged, std::int64_t(20));
        QCOMPARE(layerClean.correct, r.points.at({0, MaskingStrategy::Black, 0}).correct);
        QCOMPARE(layerClean.similarityImages, std::int64_t(20));
        QVERIFY(layerClean.meanSimilarity() >= layerClean.accuracy() && layerClean.meanSimilarity() <= 1.0);
        // Everything removed: no point for layer masking, and the run says why.
        QVERIFY(!r.points.count({0, MaskingStrategy::Layer, 2}));
        QVERIFY(r.points.at({0, MaskingStrategy::Black, 2}).unchangedFraction() <= 1.0);
        QVERIFY(!r.info.notes.empty());
    }
};

QTEST_GUILESS_MAIN(TestMaskingLab)
#include "TestMaskingLab.moc"
