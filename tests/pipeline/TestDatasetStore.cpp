// The Salient dataset's store: the mask file, the tables, the per-image unions the sweeps read.
#include "DatasetFixture.h"

#include "base/Errors.h"
#include "core/dataset/MaskFile.h"
#include "pipeline/DatasetStore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;
using namespace salient;

class TestDatasetStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quantisesAndCombines()
    {
        const SoftMask a = softMaskFromValues({0.0f, 0.5f, 1.0f, 2.0f}, 2, 2);
        QCOMPARE(std::vector<int>(a.values.begin(), a.values.end()), (std::vector<int>{0, 128, 255, 255}));
        SoftMask u;
        maxInto(u, a);
        maxInto(u, softMaskFromValues({0.2f, 0.1f, 0.0f, 0.0f}, 2, 2));
        QCOMPARE(std::vector<int>(u.values.begin(), u.values.end()), (std::vector<int>{51, 128, 255, 255}));
        QVERIFY_THROWS_EXCEPTION(InputError, maxInto(u, softMaskFromValues({0.0f}, 1, 1)));
        QVERIFY_THROWS_EXCEPTION(InputError, softMaskFromValues({0.0f, 1.0f}, 3, 1));
    }

    void maskFileCutsOffUncommittedMasks()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("m/masks.u8").toStdString();
        std::uint64_t second = 0;
        {
            MaskFile file = MaskFile::openForAppend(path, 0);
            QCOMPARE(file.append(softMaskFromValues({1, 0, 0, 1}, 2, 2)), std::uint64_t(0));
            second = file.append(softMaskFromValues({0, 1, 1, 0}, 2, 2));
            file.append(softMaskFromValues({1, 1, 1, 1}, 2, 2)); // never committed: a crash came
            file.flush();
        }
        QCOMPARE(fs::file_size(path), std::uintmax_t(12));
        MaskFile resumed = MaskFile::openForAppend(path, 8);
        QCOMPARE(resumed.size(), std::uint64_t(8));
        QCOMPARE(int(resumed.read(second, 2, 2).values[1]), 255);
        QCOMPARE(resumed.append(softMaskFromValues({0, 0, 0, 0}, 2, 2)), std::uint64_t(8));
        resumed.flush();
        QCOMPARE(fs::file_size(path), std::uintmax_t(12));
        QVERIFY_THROWS_EXCEPTION(InputError, resumed.read(12, 2, 2));
        QVERIFY_THROWS_EXCEPTION(InputError, MaskFile::openForAppend(path, 100));
    }

    void tablesKeepPairsAndMasks()
    {
        QTemporaryDir dir;
        Workspace workspace = Workspace::open(dir.filePath("ws").toStdString(), true);
        fixture::storeDataset(workspace, dir.filePath("images").toStdString(), 5);
        Database& db = workspace.database();
        QCOMPARE(datasetPairs(db).size(), std::size_t(3));
        QCOMPARE(datasetMaskCount(db), std::int64_t(15));
        QCOMPARE(datasetMaskBytes(db), std::uint64_t(15 * 48 * 48));
        const auto pair = datasetPair(db, 0, 3);
        QVERIFY(pair);
        QCOMPARE(pair->subLabel, std::string("background"));
        QCOMPARE(*pair->agreement, 0.6);
        QCOMPARE(pairMasks(db, 0, 3).front().image, std::string("n00000000/img_4.png"));
        // Storing a pair again replaces its masks.
        WriteTransaction transaction(db);
        storeDatasetPair(db, *pair, {pairMasks(db, 0, 3).front()});
        transaction.commit();
        QCOMPARE(datasetMaskCount(db), std::int64_t(11));
    }

    void unionsAreTheMaxOfEachLabel()
    {
        QTemporaryDir dir;
        Workspace workspace = Workspace::open(dir.filePath("ws").toStdString(), true);
        fixture::storeDataset(workspace, dir.filePath("images").toStdString(), 4);
        const DatasetReader reader(workspace);
        QCOMPARE(reader.imagesRoot(), dir.filePath("images").toStdString());
        const std::string image = "n00000000/img_1.png";
        const ImageMaskUnions unions = reader.unions(image);
        QCOMPARE(unions.classIndex, 0);
        QCOMPARE(unions.coreCount, 1);
        QCOMPARE(unions.spuriousCount, 1);
        SoftMask core, spurious;
        for (const DatasetMask& mask : imageMasks(workspace.database(), image))
            (mask.feature == 7 ? core : spurious) = reader.mask(mask);
        QCOMPARE(unions.core.values, core.values);
        QCOMPARE(unions.spurious.values, spurious.values);
        QVERIFY(unions.core.values != unions.spurious.values);

        // Class 1's images have spurious masks only; every image appears once.
        const auto all = reader.allUnions();
        QCOMPARE(all.size(), std::size_t(8));
        for (const ImageMaskUnions& each : all)
            if (each.classIndex == 1) {
                QVERIFY(each.core.empty());
                QCOMPARE(each.spuriousCount, 1);
            }
    }

    void readerRefusesAWorkspaceWithoutDataset()
    {
        QTemporaryDir dir;
        Workspace workspace = Workspace::open(dir.filePath("ws").toStdString(), true);
        QVERIFY_THROWS_EXCEPTION(InputError, DatasetReader{workspace});
    }
};

QTEST_GUILESS_MAIN(TestDatasetStore)
#include "TestDatasetStore.moc"
