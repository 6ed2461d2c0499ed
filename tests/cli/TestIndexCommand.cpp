// `salient index` and `salient features top` as a user runs them.
#include "CliRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {} // namespace

class TestIndexCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void indexThenTopFeatures()
    {
        QTemporaryDir dir;
        const CliRun world = runSalient({"demo", dir.filePath("w"), "--world-only", "--train", "300", "--val",
                                         "10", "--test", "10", "--balanced", "10"});
        QVERIFY2(world.exitCode == 0, world.err.constData());
        const QString model = QString(SALIENT_SOURCE_DIR) + "/resources/models/robust.pt";
        const QString index = dir.filePath("index");
        const CliRun indexing =
            runSalient({"index", "--model", model, "--data", dir.filePath("w/dataset/train"), "--out", index,
                        "--json", "--device", "cpu"});
        QVERIFY2(indexing.exitCode == 0, indexing.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(indexing.out).object();
        QCOMPARE(summary["images"].toInt(), 300);
        QCOMPARE(summary["feature_width"].toInt(), 128);

        const CliRun top =
            runSalient({"features", "top", "--index", index, "--class", "n04133789", "--json"});
        QVERIFY2(top.exitCode == 0, top.err.constData());
        const QJsonArray features = QJsonDocument::fromJson(top.out).object()["features"].toArray();
        QCOMPARE(features.size(), 5);
        for (int r = 0; r < 5; ++r) {
            const QJsonObject f = features[r].toObject();
            QCOMPARE(f["rank"].toInt(), r + 1);
            QCOMPARE(f["top_images"].toArray().size(), 5);
            QVERIFY(f["top_images"].toArray()[0].toString().startsWith("n04133789/"));
            if (r > 0)
                QVERIFY(f["importance"].toDouble() <= features[r - 1].toObject()["importance"].toDouble());
        }

        const CliRun unknown = runSalient({"features", "top", "--index", index, "--class", "n99999999"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("unknown class 'n99999999'"));
        const CliRun missing =
            runSalient({"features", "top", "--index", dir.filePath("nowhere"), "--class", "1"});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("no finished feature index here"));
    }
};

QTEST_GUILESS_MAIN(TestIndexCommand)
#include "TestIndexCommand.moc"
