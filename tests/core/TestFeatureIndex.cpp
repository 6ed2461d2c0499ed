// The feature index against PyTorch in Python, resuming after an interruption, and unreadable images.
#include "RankingReference.h"

#include "base/Errors.h"
#include "core/Runtime.h"
#include "core/demo/DemoWorld.h"
#include "core/index/FeatureIndex.h"
#include "core/index/FeatureRanking.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace salient;

namespace {

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

} // namespace

class TestFeatureIndex : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_data;
    const std::string m_model = std::string(SALIENT_SOURCE_DIR) + "/resources/models/robust.pt";

    std::string indexDir(const char* name) const { return m_dir.filePath(name).toStdString(); }

private Q_SLOTS:
    void initTestCase()
    {
        configureTorchThreads();
        DemoWorldOptions options;
        options.trainCount = options.testCount = options.balancedCount = 10;
        options.valCount = 150;
        writeDemoWorld(m_dir.filePath("world").toStdString(), options);
        m_data = m_dir.filePath("world/val");
        // One damaged image among them.
        QDirIterator it(m_data, {"*.png"}, QDir::Files, QDirIterator::Subdirectories);
        QFile damaged(it.next());
        QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
        damaged.write("not a png");
    }

    void matchesPyTorch()
    {
        IndexOptions options;
        options.batchSize = 64;
        options.device = DeviceChoice::Cpu;
        const IndexSummary summary =
            buildFeatureIndex(m_model, m_data.toStdString(), indexDir("full"), options);
        QCOMPARE(summary.images, std::int64_t(150));
        QCOMPARE(summary.featureWidth, 128);
        QCOMPARE(summary.unreadable.size(), std::size_t(1));
        QVERIFY(summary.emptyClasses.empty());
        QVERIFY(summary.accuracy > 0.6);
        QVERIFY(!QFile::exists(m_dir.filePath("full/progress.json")));

        QProcess python;
        python.start("/usr/bin/python3", {QString(SALIENT_SOURCE_DIR) + "/tests/core/check_feature_index.py",
                                          QString::fromStdString(m_model), m_data, m_dir.filePath("full"),
                                          m_dir.filePath("ranking.json")});
        QVERIFY(python.waitForFinished(300000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());

        // Importance, ranks and top images against the ranking PyTorch's own features give.
        int comparedFeatures = 0;
        test::compareRankingWithReference(indexDir("full"), m_dir.filePath("ranking.json"), comparedFeatures);
        QVERIFY(comparedFeatures >= 40);
    }

    void resumesWhereItStopped()
    {
        IndexOptions options;
        options.batchSize = 32;
        options.device = DeviceChoice::Cpu;
        std::atomic<bool> cancel{false};
        Job job;
        job.cancelRequested = &cancel;
        job.onProgress = [&](std::int64_t done, std::int64_t, const std::string&) {
            cancel = done >= 64;
        };
        QVERIFY_THROWS_EXCEPTION(JobCancelled, buildFeatureIndex(m_model, m_data.toStdString(),
                                                                 indexDir("resumed"), options, job));
        QVERIFY(QFile::exists(m_dir.filePath("resumed/progress.json")));

        const IndexSummary summary =
            buildFeatureIndex(m_model, m_data.toStdString(), indexDir("resumed"), options);
        // The flag rose while the batch at 64 started; the job stops before the next one.
        QCOMPARE(summary.resumedAt, std::int64_t(96));
        QCOMPARE(summary.unreadable.size(), std::size_t(1));
        for (const char* file : {"features.f32", "predictions.i32", "labels.i32", "images.txt", "fc.f32"})
            QVERIFY2(fileBytes(m_dir.filePath(QString("resumed/") + file)) ==
                         fileBytes(m_dir.filePath(QString("full/") + file)),
                     file);
    }

    void threeShardsMergeToTheWhole()
    {
        std::vector<std::string> shards;
        for (int shard = 0; shard < 3; ++shard) {
            IndexOptions options;
            options.device = DeviceChoice::Cpu;
            options.shard = shard;
            options.shardCount = 3;
            shards.push_back(indexDir(("shard" + std::to_string(shard)).c_str()));
            buildFeatureIndex(m_model, m_data.toStdString(), shards.back(), options);
        }
        QVERIFY_THROWS_EXCEPTION(InputError, IndexView::open(shards[1])); // a part is not an index
        try {
            mergeFeatureIndexes({shards[0], shards[2]}, indexDir("gap"));
            QFAIL("a missing shard must be refused");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("a shard is missing"), e.what());
        }
        mergeFeatureIndexes({shards[2], shards[0], shards[1]}, indexDir("merged"));
        for (const char* file : {"features.f32", "predictions.i32", "labels.i32", "images.txt", "fc.f32"})
            QVERIFY2(fileBytes(m_dir.filePath(QString("merged/") + file)) ==
                         fileBytes(m_dir.filePath(QString("full/") + file)),
                     file);
        const IndexView merged = IndexView::open(indexDir("merged"));
        QCOMPARE(merged.images(), std::int64_t(150));
    }

    void blackBoxModelsAreRefused()
    {
        QVERIFY_THROWS_EXCEPTION(ModelError,
                                 buildFeatureIndex(std::string(SALIENT_FIXTURE_DIR) + "/blackbox_script.pt",
                                                   m_data.toStdString(), indexDir("none"), {}));
    }
};

QTEST_GUILESS_MAIN(TestFeatureIndex)
#include "TestFeatureIndex.moc"
