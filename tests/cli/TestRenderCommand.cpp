// `salient render` on a small demo workspace: 15 PNGs, a second run from the render cache, bad input.
#include "CliRun.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

/// Path -> modification time of every file under a folder.
QMap<QString, QDateTime> filesUnder(const QString& folder)
{
    QMap<QString, QDateTime> files;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files[path] = QFileInfo(path).lastModified();
    }
    return files;
}

} // namespace

class TestRenderCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_feature;
    const QString m_class = "n04133789";

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_dir.filePath("ws");
        const CliRun demo = runSalient({"demo", m_workspace, "--train", "300", "--val", "10", "--test", "10",
                                        "--balanced", "10", "--device", "cpu"});
        QVERIFY2(demo.exitCode == 0, demo.err.constData());
        const CliRun index = runSalient({"index", "--workspace", m_workspace, "--device", "cpu"});
        QVERIFY2(index.exitCode == 0, index.err.constData());
        const CliRun top =
            runSalient({"features", "top", "--workspace", m_workspace, "--class", m_class, "--json"});
        QVERIFY2(top.exitCode == 0, top.err.constData());
        const QJsonArray features = QJsonDocument::fromJson(top.out).object()["features"].toArray();
        QVERIFY(!features.isEmpty());
        m_feature = QString::number(features[0].toObject()["feature"].toInt());
    }

    void rendersThenReusesTheCache()
    {
        const QString out1 = m_dir.filePath("out1"), out2 = m_dir.filePath("out2");
        const CliRun first = runSalient({"render", "--workspace", m_workspace, "--class", m_class,
                                         "--feature", m_feature, "--out", out1, "--device", "cpu", "--json"});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QJsonObject result = QJsonDocument::fromJson(first.out).object();
        QCOMPARE(result["class_id"].toString(), m_class);
        QCOMPARE(result["rank"].toInt(), 1);
        QCOMPARE(result["attack"].toObject()["steps"].toInt(), 100);
        QVERIFY(qAbs(result["attack"].toObject()["effective_step_size"].toDouble() - 10.0 * 48 / 224) < 1e-9);
        const QJsonArray images = result["images"].toArray();
        QCOMPARE(images.size(), 5);
        for (const auto& value : images) {
            const QJsonObject image = value.toObject();
            QVERIFY(!image["cached"].toBool());
            QVERIFY(image["source"].toString().startsWith(m_class + "/"));
            // The renderer sees the same image and model as the index did.
            const double activation = image["activation"].toDouble();
            QVERIFY(qAbs(image["feature_before"].toDouble() - activation) <= 1e-4 * qMax(1.0, activation));
            QVERIFY(image["feature_after"].toDouble() > image["feature_before"].toDouble());
        }
        for (const char* kind : {"image", "heatmap", "attack"})
            for (int i = 1; i <= 5; ++i) {
                const QString path = out1 + QString("/%1_%2.png").arg(kind).arg(i);
                const QImage decoded(path);
                QVERIFY2(!decoded.isNull(), qPrintable(path));
                QCOMPARE(decoded.size(), QSize(48, 48));
            }
        QCOMPARE(QDir(out1).entryList(QDir::Files).size(), 15);
        const QMap<QString, QDateTime> cached = filesUnder(m_workspace + "/cache/render");
        QCOMPARE(cached.size(), 20); // image, heatmap, attack and feature trace of 5 images

        QTest::qSleep(20);
        const CliRun second =
            runSalient({"render", "--workspace", m_workspace, "--class", m_class, "--feature", m_feature,
                        "--out", out2, "--device", "cpu", "--json"});
        QVERIFY2(second.exitCode == 0, second.err.constData());
        const QJsonObject again = QJsonDocument::fromJson(second.out).object();
        for (const auto& value : again["images"].toArray())
            QVERIFY(value.toObject()["cached"].toBool());
        QCOMPARE(filesUnder(m_workspace + "/cache/render"), cached);
        for (const QString& name : QDir(out1).entryList(QDir::Files))
            QVERIFY2(fileBytes(out1 + "/" + name) == fileBytes(out2 + "/" + name), qPrintable(name));
        qInfo("first run %.2f s, from the cache %.2f s", result["seconds"].toDouble(),
              again["seconds"].toDouble());
    }

    void rendersWithoutAWorkspace()
    {
        const QString out = m_dir.filePath("plain");
        QVERIFY(QDir().mkpath(m_dir.filePath("empty")));
        const CliRun run = runSalient({"render", "--workspace", m_dir.filePath("empty"), "--index",
                                       m_workspace + "/index", "--class", m_class, "--feature", m_feature,
                                       "--out", out, "--steps", "3", "--eps", "0.5", "--device", "cpu"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("after the attack"));
        QCOMPARE(QDir(out).entryList({"*.png"}, QDir::Files).size(), 15);
        QVERIFY(!QFile::exists(m_dir.filePath("empty/cache")));
    }

    void badInputExitsWithTwo()
    {
        const QStringList common{"render", "--workspace", m_workspace, "--out", m_dir.filePath("bad")};
        const CliRun unknown =
            runSalient(common + QStringList{"--class", "n99999999", "--feature", m_feature});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("unknown class 'n99999999'"), unknown.err.constData());
        const CliRun outside = runSalient(common + QStringList{"--class", m_class, "--feature", "128"});
        QCOMPARE(outside.exitCode, 2);
        QVERIFY2(outside.err.contains("feature '128' is outside 0-127"), outside.err.constData());
        const CliRun noIndex = runSalient(common + QStringList{"--index", m_dir.filePath("nowhere"),
                                                               "--class", m_class, "--feature", m_feature});
        QCOMPARE(noIndex.exitCode, 2);
        QVERIFY2(noIndex.err.contains("no finished feature index here"), noIndex.err.constData());
        const CliRun missing = runSalient({"render", "--workspace", m_workspace, "--class", m_class});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("render takes --class C --feature J --out DIR"));
        QVERIFY(!QFile::exists(m_dir.filePath("bad")));
    }
};

QTEST_GUILESS_MAIN(TestRenderCommand)
#include "TestRenderCommand.moc"
