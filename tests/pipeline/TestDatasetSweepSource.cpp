// The Salient dataset as a sweep source: its images with their labelled masks, and sweeps over it that
// equal sweeps over the very same masks taken from the demo world's ground truth (itself checked against
// PyTorch in TestSweepReference).
#include "DatasetFixture.h"

#include "base/Errors.h"
#include "core/Runtime.h"
#include "core/demo/DemoWorld.h"
#include "core/sweep/DemoSweepSource.h"
#include "core/sweep/Sweep.h"
#include "pipeline/DatasetSweepSource.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;
using namespace salient;

namespace {

const std::string standardModel = std::string(SALIENT_SOURCE_DIR) + "/resources/models/standard.pt";

} // namespace

class TestDatasetSweepSource : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_world;

private Q_SLOTS:
    void initTestCase()
    {
        configureTorchThreads();
        DemoWorldOptions world;
        world.trainCount = world.valCount = world.balancedCount = 10;
        world.testCount = 80;
        m_world = m_dir.filePath("world").toStdString();
        writeDemoWorld(m_world, world);
    }

    void listsImagesWithTheirLabelledMasks()
    {
        QTemporaryDir dir;
        Workspace workspace = Workspace::open(dir.filePath("ws").toStdString(), true);
        QVERIFY_THROWS_EXCEPTION(InputError, DatasetSweepSource{workspace});
        const std::string images = dir.filePath("images").toStdString();
        fixture::storeDataset(workspace, images, 5);

        const DatasetSweepSource source(workspace);
        QCOMPARE(source.classIds(), (std::vector<std::string>{"n00000000", "n00000001"}));
        QCOMPARE(source.samples().size(), std::size_t(10));
        const SweepSample& first = source.samples().front();
        QCOMPARE(first.imagePath, (fs::path(images) / "n00000000/img_0.png").string());
        QCOMPARE(first.label, 0);
        QCOMPARE(first.masks.size(), std::size_t(2)); // feature 3 (spurious) and 7 (core), by feature
        QVERIFY(first.masks[0].role == MaskRole::Spurious && first.masks[0].feature == 3);
        QVERIFY(first.masks[1].role == MaskRole::Core && first.masks[1].feature == 7);
        const SweepSample& last = source.samples().back();
        QCOMPARE(last.label, 1);
        QVERIFY(last.masks.size() == 1 && last.masks[0].role == MaskRole::Spurious);
        QVERIFY(QString::fromStdString(source.description()).contains("3 pairs, 10 images"));

        // The masks are the stored bytes / 255.
        const DatasetReader reader(workspace);
        const DatasetMask stored = reader.masksOf(0, 7).front(); // img_0 of the core pair
        const std::vector<SweepMask> planes = source.loadMasks(0);
        QCOMPARE(planes[1].width, 48);
        QCOMPARE(planes[1].values, softMaskValues(reader.mask(stored)));

        // A built dataset's masks lie on the crop of the model that made them; an import's on the image.
        QVERIFY(!source.maskGeometry());
        Preprocessing geometry;
        geometry.resize = 56;
        geometry.crop = 48;
        setDatasetMaskGeometry(workspace, geometry);
        const auto frame = DatasetSweepSource(workspace).maskGeometry();
        QVERIFY(frame && frame->resize == 56 && frame->crop == 48);
    }

    /// The same masks, once as ground truth and once as a Salient dataset, give the same sweep: every
    /// clean count and every corrupted count, noise included (same images in the same order, same seed).
    void sweepEqualsTheGroundTruthOnTheSameMasks()
    {
        const DemoSweepSource truth(m_world, "test");
        QTemporaryDir dir;
        Workspace workspace = Workspace::open(dir.filePath("ws").toStdString(), true);
        fixture::storeGroundTruthAsDataset(workspace, truth, (fs::path(m_world) / "test").string());
        Preprocessing modelInput; // the demo models take the image as it is
        modelInput.resize = modelInput.crop = 0;
        setDatasetMaskGeometry(workspace, modelInput);
        const DatasetSweepSource dataset(workspace);
        QCOMPARE(dataset.samples().size(), truth.samples().size());
        QCOMPARE(dataset.classIds(), truth.classIds());

        SweepOptions options;
        options.device = DeviceChoice::Cpu;
        options.sigmas = {0.0, 0.5, 1.0};
        options.strategies = {SweepStrategy::Noise, SweepStrategy::Black};
        options.seed = 3;
        const SweepResults expected = runSweep(truth, {standardModel}, options);
        const SweepResults actual = runSweep(dataset, {standardModel}, options);
        QVERIFY(actual.clean == expected.clean);
        QCOMPARE(actual.cells.size(), expected.cells.size());
        bool moved = false;
        for (const auto& [expectedKey, tally] : expected.cells) {
            moved |= tally.corruptedCorrect != tally.cleanCorrect;
            SweepCellKey key = expectedKey;
            key.feature = -key.feature; // ground-truth ids are negative, the dataset's features positive
            QVERIFY2(actual.cell(key) == tally, qPrintable(QString("cell %1/%2/%3/%4 differs")
                                                               .arg(int(key.strategy))
                                                               .arg(key.level)
                                                               .arg(key.classIndex)
                                                               .arg(key.feature)));
        }
        QVERIFY(moved); // the corruption changes predictions at all
    }
};

QTEST_GUILESS_MAIN(TestDatasetSweepSource)
#include "TestDatasetSweepSource.moc"
