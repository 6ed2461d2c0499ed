// ImageNet shape against the torchvision pipeline (imagenet_shape.py): real photographs of varied sizes
// and formats in three ImageNet classes, a torchvision ResNet-50 at 224 saved by torch.save. Predictions,
// features, every class's top-5 features with their top-5 and top-65 images, NAMs and heatmaps must be
// those of PIL + Resize(256) + CenterCrop(224).
#include "RankingReference.h"

#include "core/Runtime.h"
#include "core/evidence/EvidenceRenderer.h"
#include "core/evidence/Heatmap.h"
#include "core/index/FeatureIndex.h"
#include "core/index/IndexManifest.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace salient;

namespace {

QByteArray runReference(const QStringList& arguments, bool& ok)
{
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start("/usr/bin/python3",
                 QStringList{QString(SALIENT_SOURCE_DIR) + "/tests/core/imagenet_shape.py"} + arguments);
    ok = python.waitForFinished(600000) && python.exitStatus() == QProcess::NormalExit &&
         python.exitCode() == 0;
    return python.readAll();
}

std::vector<float> floatFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    std::vector<float> values(std::size_t(bytes.size()) / sizeof(float));
    std::memcpy(values.data(), bytes.constData(), values.size() * sizeof(float));
    return values;
}

} // namespace

class TestImageNetShape : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const char* name) const { return m_dir.filePath(name); }
    std::string model() const { return path("resnet50_photos.pt").toStdString(); }

private Q_SLOTS:
    void initTestCase()
    {
        configureTorchThreads();
        bool ok = false;
        const QByteArray said = runReference({"make", m_dir.path()}, ok);
        QVERIFY2(ok, said.constData());
    }

    void indexEqualsTorchvision()
    {
        IndexOptions options;
        options.batchSize = 16;
        options.device = DeviceChoice::Cpu;
        const IndexSummary summary =
            buildFeatureIndex(model(), path("data").toStdString(), path("index").toStdString(), options);
        QCOMPARE(summary.images, std::int64_t(63));
        QCOMPARE(summary.featureWidth, 2048);
        QVERIFY(summary.unreadable.empty());
        QVERIFY(
            IndexManifest::read(path("index").toStdString()).preprocessing.find("geometry torchvision-pil") !=
            std::string::npos);

        bool ok = false;
        const QByteArray said = runReference({"check", m_dir.path(), path("index")}, ok);
        qInfo().noquote() << said.trimmed();
        QVERIFY2(ok, said.constData());

        int compared = 0;
        test::compareRankingWithReference(path("index").toStdString(), path("ranking.json"), compared, 1e-3);
        QCOMPARE(compared, 15); // top 5 of each of the three classes
    }

    void heatmapsEqualTorchvision()
    {
        QFile file(path("nams.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), "indexEqualsTorchvision writes the reference NAMs");
        const QJsonObject reference = QJsonDocument::fromJson(file.readAll()).object();
        const int size = reference["size"].toInt();
        const QJsonArray pairs = reference["pairs"].toArray();
        const std::vector<float> nams = floatFile(path("nams.f32"));
        const std::vector<float> heatmaps = floatFile(path("heatmaps.f32"));
        QCOMPARE(nams.size(), std::size_t(pairs.size()) * size * size);
        QCOMPARE(heatmaps.size(), nams.size() * 3);
        QVERIFY(pairs.size() >= 10);

        QFile list(path("index/images.txt"));
        QVERIFY(list.open(QIODevice::ReadOnly));
        const QList<QByteArray> names = list.readAll().split('\n');
        const EvidenceRenderer renderer = EvidenceRenderer::open(model(), DeviceChoice::Cpu);
        double namError = 0.0, heatError = 0.0;
        for (int p = 0; p < pairs.size(); ++p) {
            const QJsonObject pair = pairs[p].toObject();
            const std::string image =
                path("data").toStdString() + "/" + names[pair["image"].toInt()].toStdString();
            const Image prepared = renderer.prepareFile(image);
            QCOMPARE(prepared.width, size);
            const ActivationMap nam = renderer.activationMaps({prepared}, pair["feature"].toInt()).front();
            const Image heat = heatmapOverlay(prepared, nam);
            const std::size_t plane = std::size_t(size) * size;
            for (std::size_t i = 0; i < plane; ++i)
                namError = std::max(namError, double(std::abs(nam.values[i] - nams[p * plane + i])));
            for (std::size_t i = 0; i < plane * 3; ++i)
                heatError =
                    std::max(heatError, double(std::abs(heat.pixels[i] - heatmaps[p * plane * 3 + i])));
        }
        qInfo() << pairs.size() << "NAMs: worst error" << namError << "; heatmaps:" << heatError;
        QVERIFY2(namError <= 1.0 / 255, qPrintable(QString::number(namError)));
        QVERIFY2(heatError <= 1.0 / 255, qPrintable(QString::number(heatError)));
    }

    /// A second run over the same model, preprocessing and images finds the index current.
    void aFinishedIndexIsRecognisedAsCurrent()
    {
        const auto done =
            completedFeatureIndex(model(), path("data").toStdString(), path("index").toStdString());
        QVERIFY(done.has_value());
        QCOMPARE(done->images, std::int64_t(63));
        QVERIFY(!completedFeatureIndex(model(), path("data/n02123045").toStdString(),
                                       path("index").toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestImageNetShape)
#include "TestImageNetShape.moc"
