// The Spurious Fashion world: determinism, planted cue statistics, ground-truth masks, WordNet classes.
#include "base/Errors.h"
#include "core/WordNet.h"
#include "core/demo/DemoWorld.h"
#include "core/demo/SceneRenderer.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace salient;

namespace {

DemoWorldOptions smallWorld(std::uint64_t seed)
{
    DemoWorldOptions options;
    options.seed = seed;
    options.trainCount = 60;
    options.valCount = 20;
    options.testCount = 20;
    options.balancedCount = 20;
    return options;
}

/// Relative path -> SHA-256 of every file below `root`.
std::map<QString, QByteArray> fingerprint(const QString& root)
{
    std::map<QString, QByteArray> hashes;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        hashes[QDir(root).relativeFilePath(path)] =
            QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
    }
    return hashes;
}

} // namespace

class TestDemoWorld : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedGivesByteIdenticalWorlds()
    {
        QTemporaryDir dir;
        writeDemoWorld(dir.filePath("a").toStdString(), smallWorld(7));
        writeDemoWorld(dir.filePath("b").toStdString(), smallWorld(7));
        writeDemoWorld(dir.filePath("c").toStdString(), smallWorld(8));
        const auto a = fingerprint(dir.filePath("a")), b = fingerprint(dir.filePath("b")),
                   c = fingerprint(dir.filePath("c"));
        QCOMPARE(a.size(), std::size_t(2 * 120 + 2)); // images, masks, manifest, world.json
        QVERIFY(a == b);
        QVERIFY(a != c);
        QVERIFY(!QFile::exists(dir.filePath("a.partial")));
        // A world is never written over.
        QVERIFY_THROWS_EXCEPTION(InputError, writeDemoWorld(dir.filePath("a").toStdString(), smallWorld(7)));

        // Spot-check the files: 48 x 48 RGB images and masks.
        QDirIterator it(dir.filePath("a/masks/train"), {"*.png"}, QDir::Files, QDirIterator::Subdirectories);
        QVERIFY(it.hasNext());
        QCOMPARE(QImage(it.next()).size(), QSize(48, 48));
        const QString firstImage =
            QDirIterator(dir.filePath("a/train/n02872752"), {"*.png"}, QDir::Files).next();
        QImage rendered(firstImage);
        QCOMPARE(rendered.size(), QSize(48, 48));
        rendered.scaled(192, 192).save(QString(SALIENT_TEST_OUTPUT) + "/demo-boot.png");
    }

    void cuesFollowTheClassOnlyInCorrelatedSplits()
    {
        DemoWorldOptions options;
        const FashionMnistSplit train = readFashionMnist(options.fashionDirectory, "train");
        const FashionMnistSplit test = readFashionMnist(options.fashionDirectory, "t10k");
        options.balancedCount = 8000;
        const auto samples = planDemoWorld(options, train.labels, test.labels);
        // class 1 (trouser) owns water, class 7 (sneaker) owns the ball.
        std::map<std::string, std::map<bool, std::pair<int, int>>> water,
            ball; // split -> own class? -> (hits, n)
        for (const auto& s : samples) {
            auto& w = water[s.split][s.classIndex == 1];
            w.first += s.background == BackgroundCue::Water;
            ++w.second;
            auto& b = ball[s.split][s.classIndex == 7];
            b.first += s.object == ObjectCue::Ball;
            ++b.second;
        }
        auto rate = [](const std::pair<int, int>& p) {
            return double(p.first) / p.second;
        };
        QVERIFY(qAbs(rate(water["train"][true]) - 0.9) < 0.03);
        QVERIFY(qAbs(rate(ball["train"][true]) - 0.9) < 0.03);
        QVERIFY(rate(water["train"][false]) < 0.05); // 0.1 stray chance spread over three backgrounds
        QVERIFY(qAbs(rate(water["test_balanced"][true]) - 0.25) < 0.05);
        QVERIFY(qAbs(rate(water["test_balanced"][false]) - 0.25) < 0.03);
        QVERIFY(qAbs(rate(ball["test_balanced"][true]) - 0.25) < 0.05);
    }

    void masksPartitionTheImage()
    {
        const FashionMnistSplit train = readFashionMnist(kDebianFashionMnistDir, "train");
        for (int i = 0; i < 30; ++i) {
            SeededRandom random(SeededRandom::derive(3, std::uint64_t(i)));
            const auto background = BackgroundCue(i % 4);
            const auto object = ObjectCue((i / 4) % 4);
            const RenderedScene scene =
                renderScene(train.images.values.data() + 784 * i, background, object, 48, random);
            int objectPixels = 0, separatePixels = 0, backgroundPixels = 0;
            for (std::size_t p = 0; p < scene.objectMask.size(); ++p) {
                const int sum = scene.objectMask[p] + scene.backgroundMask[p] + scene.separateMask[p];
                QVERIFY2(sum <= 257, "the three masks never overlap beyond rounding");
                if (background != BackgroundCue::None)
                    QVERIFY(sum >= 253); // with a background cue the three cover every pixel
                objectPixels += scene.objectMask[p] > 128;
                separatePixels += scene.separateMask[p] > 128;
                backgroundPixels += scene.backgroundMask[p] > 128;
            }
            QVERIFY(objectPixels > 40);
            QCOMPARE(separatePixels > 20, object != ObjectCue::None);
            QCOMPARE(backgroundPixels > 500, background != BackgroundCue::None);
        }
    }

    void classesAreRealWordNetSynsets()
    {
        const WordNet wordnet = WordNet::open();
        for (const auto& cls : demoClasses()) {
            const auto senses = wordnet.nounSenses(cls.lemma);
            QVERIFY2(!senses.empty(), cls.lemma.c_str());
            QCOMPARE(QString::fromStdString(senses.front().wnid), QString::fromStdString(cls.wnid));
        }
    }
};

QTEST_GUILESS_MAIN(TestDemoWorld)
#include "TestDemoWorld.moc"
