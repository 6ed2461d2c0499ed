// NAMs, heatmaps and the feature attack against PyTorch and OpenCV in Python (check_evidence.py), on the
// shipped robust demo model and on a torchvision ResNet-18.
#include "DemoImages.h"

#include "base/Errors.h"
#include "core/Runtime.h"
#include "core/evidence/EvidenceRenderer.h"
#include "core/evidence/Heatmap.h"
#include "core/evidence/NeuralActivationMap_p.h"

#include <ATen/ATen.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace salient;

namespace {

const std::string kRobustModel = std::string(SALIENT_SOURCE_DIR) + "/resources/models/robust.pt";

std::string fixture(const std::string& name)
{
    return std::string(SALIENT_FIXTURE_DIR) + "/" + name;
}

void writeFloats(const QString& path, const std::vector<float>& values)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(reinterpret_cast<const char*>(values.data()), qint64(values.size() * sizeof(float)));
}

template <typename T> std::vector<float> concatenated(const std::vector<T>& items)
{
    std::vector<float> all;
    for (const auto& item : items) {
        if constexpr (std::is_same_v<T, Image>)
            all.insert(all.end(), item.pixels.begin(), item.pixels.end());
        else if constexpr (std::is_same_v<T, ActivationMap>)
            all.insert(all.end(), item.values.begin(), item.values.end());
        else
            all.insert(all.end(), item.begin(), item.end());
    }
    return all;
}

} // namespace

class TestEvidence : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::vector<std::string> m_demoImages;

    /// Writes images, NAMs, heatmaps and one attack of `features` to a folder and lets Python check them.
    void checkAgainstPython(const QString& name, const QString& architecture, const std::string& model,
                            const std::vector<std::string>& imageFiles, const std::vector<int>& features,
                            int attackSteps)
    {
        const EvidenceRenderer renderer = EvidenceRenderer::open(model, DeviceChoice::Cpu);
        std::vector<Image> images;
        for (const auto& file : imageFiles)
            images.push_back(renderer.prepareFile(file));
        const QString out = QString(SALIENT_TEST_OUTPUT) + "/evidence/" + name;
        QDir(out).removeRecursively();
        QVERIFY(QDir().mkpath(out));
        writeFloats(out + "/images.f32", concatenated(images));
        for (int feature : features) {
            const auto nams = renderer.activationMaps(images, feature);
            QCOMPARE(nams.size(), images.size());
            std::vector<Image> heatmaps;
            for (std::size_t i = 0; i < images.size(); ++i) {
                QCOMPARE(nams[i].width, images[i].width);
                QCOMPARE(nams[i].height, images[i].height);
                heatmaps.push_back(heatmapOverlay(images[i], nams[i]));
                checkRedWhereActive(nams[i], heatmaps.back());
            }
            writeFloats(out + QString("/nam_%1.f32").arg(feature), concatenated(nams));
            writeFloats(out + QString("/heatmap_%1.f32").arg(feature), concatenated(heatmaps));
        }
        // Without eps the attack is memoryless, so one-step attacks in a row retrace it; Python checks
        // every step from the same point (whole runs drift apart: ReLU kinks amplify rounding).
        AttackSettings settings, oneStep;
        settings.steps = attackSteps;
        settings.eps = oneStep.eps = 0.0; // unbounded
        oneStep.steps = 1;
        const AttackedImages attacked = renderer.attack(images, features.front(), settings);
        std::vector<Image> iterates = images;
        std::vector<Image> current = images;
        for (int step = 0; step < attackSteps; ++step) {
            current = renderer.attack(current, features.front(), oneStep).images;
            iterates.insert(iterates.end(), current.begin(), current.end());
        }
        for (std::size_t i = 0; i < images.size(); ++i)
            QCOMPARE(current[i].pixels, attacked.images[i].pixels);
        writeFloats(out + "/iterates.f32", concatenated(iterates));
        writeFloats(out + "/trace.f32", concatenated(attacked.featureTrace));

        QJsonArray featureList;
        for (int feature : features)
            featureList.append(feature);
        const QJsonObject description{
            {"architecture", architecture},
            {"model", QString::fromStdString(model)},
            {"images", int(images.size())},
            {"height", images.front().height},
            {"width", images.front().width},
            {"mean", QJsonArray{renderer.info().preprocessing.mean[0], renderer.info().preprocessing.mean[1],
                                renderer.info().preprocessing.mean[2]}},
            {"std", QJsonArray{renderer.info().preprocessing.std[0], renderer.info().preprocessing.std[1],
                               renderer.info().preprocessing.std[2]}},
            {"features", featureList},
            {"attack", QJsonObject{{"feature", features.front()},
                                   {"steps", settings.steps},
                                   {"step_size", settings.effectiveStepSize(images.front().height,
                                                                            images.front().width)}}}};
        QFile file(out + "/case.json");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(description).toJson());
        file.close();

        QProcess python;
        python.setProcessChannelMode(QProcess::MergedChannels);
        python.start("/usr/bin/python3",
                     {QString(SALIENT_SOURCE_DIR) + "/tests/core/check_evidence.py", out});
        QVERIFY(python.waitForFinished(300000));
        const QByteArray said = python.readAll();
        qInfo().noquote() << said.trimmed();
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0, said.constData());
    }

    /// Where the NAM peaks the heatmap is red, where it is zero it is blue (RGB order, not OpenCV's BGR).
    static void checkRedWhereActive(const ActivationMap& nam, const Image& heat)
    {
        int peakX = 0, peakY = 0, lowX = -1, lowY = -1;
        for (int y = 0; y < nam.height; ++y)
            for (int x = 0; x < nam.width; ++x) {
                if (nam.at(x, y) > nam.at(peakX, peakY)) {
                    peakX = x;
                    peakY = y;
                }
                if (nam.at(x, y) == 0.0f) {
                    lowX = x;
                    lowY = y;
                }
            }
        if (nam.at(peakX, peakY) < 0.99f)
            return; // an all-zero map has no peak
        QVERIFY(heat.at(peakX, peakY, 0) > heat.at(peakX, peakY, 2));
        if (lowX >= 0)
            QVERIFY(heat.at(lowX, lowY, 2) > heat.at(lowX, lowY, 0));
    }

private Q_SLOTS:
    void initTestCase()
    {
        configureTorchThreads();
        const QStringList files = salient::test::writeDemoTrainImages(m_dir.filePath("world"), 40);
        for (int i = 0; i < 5; ++i)
            m_demoImages.push_back(files[i * 7].toStdString());
    }

    void robustDemoModelMatchesPyTorch()
    {
        checkAgainstPython("robust", "salient", kRobustModel, m_demoImages, {3, 40, 101}, 30);
    }

    void torchvisionResNet18MatchesPyTorch()
    {
        checkAgainstPython("resnet18", "resnet18", fixture("resnet18_state.pt"),
                           {fixture("photo0.png"), fixture("photo1.png")}, {7, 300}, 5);
    }

    void silentChannelsGiveZeroMaps()
    {
        at::Tensor layer4 = at::rand({3, 4, 3, 3});
        layer4[0][2].fill_(3.0f); // a flat channel: all ones after division by its maximum
        layer4[1][2].zero_();     // image 1 never activates channel 2
        const at::Tensor maps = activationMapsFromLayer4(layer4, 2, 12, 12);
        QCOMPARE(maps.sizes().vec(), (std::vector<std::int64_t>{3, 12, 12}));
        QCOMPARE(maps[0].min().item<float>(), 1.0f);
        QCOMPARE(maps[1].abs().max().item<float>(), 0.0f);
        QVERIFY(maps[2].min().item<float>() >= 0.0f && maps[2].max().item<float>() <= 1.0f);
    }

    void badInputIsRefused()
    {
        const EvidenceRenderer renderer = EvidenceRenderer::open(kRobustModel, DeviceChoice::Cpu);
        const Image image = renderer.prepareFile(m_demoImages.front());
        QVERIFY_THROWS_EXCEPTION(InputError, renderer.activationMaps({image}, renderer.info().featureWidth));
        QVERIFY_THROWS_EXCEPTION(InputError, renderer.attack({image}, -1, AttackSettings{}));
        ActivationMap small;
        small.width = small.height = 4;
        small.values.assign(16, 0.5f);
        QVERIFY_THROWS_EXCEPTION(InputError, heatmapOverlay(image, small));
        QVERIFY_THROWS_EXCEPTION(ModelError, EvidenceRenderer::open(fixture("blackbox_script.pt")));
    }
};

QTEST_GUILESS_MAIN(TestEvidence)
#include "TestEvidence.moc"
