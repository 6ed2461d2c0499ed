// `salient index` and `salient features top` as a user runs them.
#include "CliRun.h"

#include "database/IndexTables.h"
#include "database/Workspace.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>

namespace {

const QString robustModel = QString(SALIENT_SOURCE_DIR) + "/resources/models/robust.pt";

/// A demo world of `train` training images in `dir`/w.
void makeWorld(const QTemporaryDir& dir, int train)
{
    const CliRun world =
        runSalient({"demo", dir.filePath("w"), "--world-only", "--train", QString::number(train), "--val",
                    "10", "--test", "10", "--balanced", "10"});
    QVERIFY2(world.exitCode == 0, world.err.constData());
}

/// The int32 rows of a labels.i32 or predictions.i32 file.
std::vector<std::int32_t> int32Rows(const QString& path)
{
    const QByteArray bytes = fileBytes(path);
    std::vector<std::int32_t> rows(std::size_t(bytes.size()) / 4);
    std::memcpy(rows.data(), bytes.constData(), rows.size() * 4);
    return rows;
}

const QStringList indexFiles = {"features.f32", "labels.i32", "predictions.i32",
                                "fc.f32",       "images.txt", "index.json"};

} // namespace

class TestIndexCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void indexThenTopFeatures()
    {
        QTemporaryDir dir;
        makeWorld(dir, 300);
        const QString& model = robustModel;
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

    /// One bad entry never stops an index: a symbolic link that loops and a line break in a name are
    /// skipped and listed, an image of another size for a model that keeps sizes is listed as unreadable
    /// with its name and both sizes.
    void badEntriesAreSkippedAndListed()
    {
        QTemporaryDir dir;
        makeWorld(dir, 30);
        const QString data = dir.filePath("w/dataset/train");
        const QString cls = QDir(data).entryList(QDir::Dirs | QDir::NoDotAndDotDot).front();
        const QString folder = data + "/" + cls;
        const QString image = folder + "/" + QDir(folder).entryList({"*.png"}).front();
        QVERIFY(QFile::link("loop.png", folder + "/loop.png")); // points at itself
        QVERIFY(QFile::copy(image, folder + "/two\nlines.png"));
        QImage odd(60, 40, QImage::Format_RGB888);
        odd.fill(Qt::darkGreen);
        QVERIFY(odd.save(folder + "/odd.png"));
        // The demo model, told to keep image sizes.
        const QString model = dir.filePath("keeps-sizes.pt");
        QVERIFY(QFile::copy(robustModel, model));
        QFile sidecar(model + ".json");
        QVERIFY(sidecar.open(QIODevice::WriteOnly));
        sidecar.write(R"({"preprocessing": {"resize": 0, "crop": 0}})");
        sidecar.close();

        const CliRun indexing = runSalient({"index", "--model", model, "--data", data, "--out",
                                            dir.filePath("index"), "--json", "--device", "cpu"});
        QVERIFY2(indexing.exitCode == 0, indexing.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(indexing.out).object();
        QCOMPARE(summary["images"].toInt(), 31);
        QStringList skipped;
        for (const auto& entry : summary["skipped"].toArray())
            skipped << entry.toObject()["path"].toString() + ": " + entry.toObject()["reason"].toString();
        QCOMPARE(skipped.size(), 2);
        QVERIFY2(skipped.filter("loop.png: a symbolic link that loops").size() == 1,
                 qPrintable(skipped.join('|')));
        QVERIFY2(skipped.filter("lines.png: a line break in the file name").size() == 1,
                 qPrintable(skipped.join('|')));
        const QJsonArray unreadable = summary["unreadable"].toArray();
        QCOMPARE(unreadable.size(), 1);
        const QString reason = unreadable[0].toObject()["reason"].toString();
        QVERIFY2(reason.contains("odd.png: 60 x 40; this model keeps image sizes") &&
                     reason.contains("48 x 48"),
                 qPrintable(reason));
    }

    /// Indexing a workspace stores images, per-class counts and the ranking in salient.db; what
    /// `features top` reads back from there equals the ranking computed live from the index files.
    void indexStoresTheRankingInTheWorkspace()
    {
        QTemporaryDir dir;
        makeWorld(dir, 400);
        const CliRun init = runSalient({"workspace", "init", dir.filePath("w"), "--dataset",
                                        dir.filePath("w/dataset"), "--robust-model", robustModel});
        QVERIFY2(init.exitCode == 0, init.err.constData());
        const CliRun missing =
            runSalient({"workspace", "init", dir.filePath("v"), "--dataset", dir.filePath("no")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("no such file or folder (--dataset)"));
        const CliRun indexing =
            runSalient({"index", "--workspace", dir.filePath("w"), "--json", "--device", "cpu"});
        QVERIFY2(indexing.exitCode == 0, indexing.err.constData());
        QVERIFY(QJsonDocument::fromJson(indexing.out).object()["stored"].toBool());

        salient::Workspace workspace = salient::Workspace::open(dir.filePath("w").toStdString(), false);
        QCOMPARE(workspace.configValue("feature_index").value_or(""), std::string("index"));
        QCOMPARE(salient::indexedImageCount(workspace.database()), std::int64_t(400));
        QCOMPARE(workspace.configValue("dataset").value_or(""), std::string("dataset")); // stored relative
        const CliRun info = runSalient({"workspace", "info", dir.filePath("w"), "--json"});
        QCOMPARE(QJsonDocument::fromJson(info.out).object()["indexed_images"].toInt(), 400);
        const auto labels = int32Rows(dir.filePath("w/index/labels.i32"));
        const auto predictions = int32Rows(dir.filePath("w/index/predictions.i32"));
        const auto classes = salient::indexedClasses(workspace.database());
        QCOMPARE(int(classes.size()), 10);
        for (const auto& cls : classes) {
            std::int64_t images = 0, correct = 0, predicted = 0;
            for (std::size_t i = 0; i < labels.size(); ++i) {
                images += labels[i] == cls.classIndex;
                correct += labels[i] == cls.classIndex && predictions[i] == cls.classIndex;
                predicted += predictions[i] == cls.classIndex;
            }
            QCOMPARE(cls.images, images);
            QCOMPARE(cls.correct, correct);
            QCOMPARE(cls.predicted, predicted);

            const QString id = QString::fromStdString(cls.wnid);
            const CliRun stored =
                runSalient({"features", "top", "--workspace", dir.filePath("w"), "--class", id, "--json"});
            const CliRun live =
                runSalient({"features", "top", "--index", dir.filePath("w/index"), "--class", id, "--json"});
            QVERIFY2(stored.exitCode == 0, stored.err.constData());
            QCOMPARE(QJsonDocument::fromJson(stored.out), QJsonDocument::fromJson(live.out));
        }
    }

    /// A rebuild killed midway leaves the stored index and its folder as they were; run again, it
    /// resumes, and only then does the workspace move to the new folder.
    void killedRebuildLeavesTheStoredIndexWhole()
    {
        QTemporaryDir dir;
        makeWorld(dir, 600);
        const QString ws = dir.filePath("w");
        QCOMPARE(runSalient({"workspace", "init", ws, "--dataset", dir.filePath("w/dataset"),
                             "--robust-model", robustModel})
                     .exitCode,
                 0);
        const QStringList build = {"index", "--workspace", ws, "--batch-size", "16", "--device", "cpu"};
        QCOMPARE(runSalient(build).exitCode, 0);
        // Indexing a current index again reuses it where it is.
        QCOMPARE(runSalient(build).exitCode, 0);
        QCOMPARE(salient::Workspace::open(ws.toStdString(), false).configValue("feature_index").value_or(""),
                 std::string("index"));
        const QStringList rebuild = build + QStringList{"--rebuild"};
        const QStringList top = {"features", "top", "--workspace", ws, "--class", "0", "--json"};
        const QByteArray before = runSalient(top).out;
        const QByteArray features = fileBytes(dir.filePath("w/index/features.f32"));

        QProcess process;
        process.start(SALIENT_CLI_PATH, rebuild);
        QVERIFY(process.waitForStarted());
        QElapsedTimer timer;
        timer.start();
        while (process.state() == QProcess::Running && timer.elapsed() < 120000 &&
               !QFile::exists(dir.filePath("w/index-2/progress.json")))
            QTest::qWait(5);
        QVERIFY2(process.state() == QProcess::Running, "the rebuild finished before it could be killed");
        process.kill();
        process.waitForFinished();

        {
            const salient::Workspace workspace = salient::Workspace::open(ws.toStdString(), false);
            QCOMPARE(workspace.configValue("feature_index").value_or(""), std::string("index"));
        }
        QCOMPARE(runSalient(top).out, before);
        QVERIFY(fileBytes(dir.filePath("w/index/features.f32")) == features);

        const CliRun resumed = runSalient(rebuild + QStringList{"--json"});
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        const salient::Workspace workspace = salient::Workspace::open(ws.toStdString(), false);
        QCOMPARE(workspace.configValue("feature_index").value_or(""), std::string("index-2"));
        QVERIFY(!QFile::exists(dir.filePath("w/index")));
        QVERIFY(fileBytes(dir.filePath("w/index-2/features.f32")) == features);
        QCOMPARE(runSalient(top).out, before);
    }

    /// kill -9 at arbitrary moments, then a resumed run: the same bytes as one uninterrupted run.
    void killedIndexResumesToTheSameBytes()
    {
        QTemporaryDir dir;
        makeWorld(dir, 1500);
        const QStringList common = {"--model",      robustModel, "--data",   dir.filePath("w/dataset/train"),
                                    "--batch-size", "16",        "--device", "cpu"};
        const CliRun whole = runSalient(QStringList{"index", "--out", dir.filePath("whole")} + common);
        QVERIFY2(whole.exitCode == 0, whole.err.constData());

        const QStringList resumable = QStringList{"index", "--out", dir.filePath("killed")} + common;
        int kills = 0;
        for (int attempt = 0; attempt < 3; ++attempt) {
            QProcess process;
            process.start(SALIENT_CLI_PATH, resumable);
            QVERIFY(process.waitForStarted());
            // Wait until this run has written rows beyond where it started, then kill it outright.
            const QByteArray before = fileBytes(dir.filePath("killed/progress.json"));
            QElapsedTimer timer;
            timer.start();
            while (process.state() == QProcess::Running && timer.elapsed() < 60000) {
                const QByteArray now = fileBytes(dir.filePath("killed/progress.json"));
                if (!now.startsWith("missing") && now != before)
                    break;
                QTest::qWait(5);
            }
            if (process.state() != QProcess::Running)
                break;
            process.kill(); // SIGKILL
            process.waitForFinished();
            ++kills;
        }
        QVERIFY2(kills > 0, "the index finished before it could be killed");
        const CliRun resumed = runSalient(resumable + QStringList{"--json"});
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QVERIFY(QJsonDocument::fromJson(resumed.out).object()["resumed_at"].toInt() > 0);
        for (const QString& name : indexFiles) {
            QByteArray expected = fileBytes(dir.filePath("whole/" + name));
            QByteArray actual = fileBytes(dir.filePath("killed/" + name));
            if (name == "index.json") { // names its own folder
                expected.replace(dir.filePath("whole").toUtf8(), "");
                actual.replace(dir.filePath("killed").toUtf8(), "");
            }
            QVERIFY2(expected == actual, qPrintable(name + " differs after kill -9 and resume"));
        }
    }
};

QTEST_GUILESS_MAIN(TestIndexCommand)
#include "TestIndexCommand.moc"
