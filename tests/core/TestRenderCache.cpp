// The render cache: keys, atomic PNG files, rebuilding after deletion, and evidence rendered into it
// only where something is missing.
#include "core/ImageDecoder.h"
#include "core/Runtime.h"
#include "core/evidence/CachedEvidence.h"
#include "core/evidence/PngFile.h"
#include "core/evidence/RenderCache.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>

using namespace salient;

namespace {

Image gradientImage(int width, int height)
{
    Image image;
    image.width = width;
    image.height = height;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.pixels.insert(image.pixels.end(),
                                {float(x) / float(width - 1), float(y) / float(height - 1), 0.25f});
    return image;
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

QDateTime modified(const std::string& path)
{
    return QFileInfo(QString::fromStdString(path)).lastModified();
}

} // namespace

class TestRenderCache : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    RenderKey key() const
    {
        return {"abc123", m_dir.filePath("source.png").toStdString(), 7, "heatmap", "resize 256"};
    }

private Q_SLOTS:
    void initTestCase()
    {
        configureTorchThreads();
        writeBytes(m_dir.filePath("source.png"), "first version");
    }

    void storesAndFindsPngs()
    {
        const RenderCache cache = RenderCache::forWorkspace(m_dir.filePath("ws").toStdString());
        QCOMPARE(QString::fromStdString(cache.directory()), m_dir.filePath("ws/cache/render"));
        QVERIFY(!cache.lookup(key()));
        const Image image = gradientImage(31, 17);
        const std::string path = cache.storePng(key(), image);
        QVERIFY(QString::fromStdString(path).startsWith(m_dir.filePath("ws/cache/render/")));
        QVERIFY(QString::fromStdString(path).endsWith(".png"));
        QCOMPARE(cache.lookup(key()).value_or(""), path);
        QVERIFY(!QFile::exists(QString::fromStdString(path) + ".partial"));

        const Image decoded = decodeImageFile(path);
        QCOMPARE(decoded.width, 31);
        QCOMPARE(decoded.height, 17);
        for (std::size_t i = 0; i < image.pixels.size(); ++i)
            QVERIFY(std::abs(decoded.pixels[i] - image.pixels[i]) <= 0.5f / 255.0f + 1e-6f);
    }

    void everyFieldChangesTheName()
    {
        const RenderCache cache(m_dir.filePath("cache").toStdString());
        std::set<std::string> names{cache.hash(key())};
        QCOMPARE(cache.hash(key()), *names.begin()); // stable
        RenderKey k = key();
        k.modelSha256 = "abc124";
        names.insert(cache.hash(k));
        k = key();
        k.imagePath = m_dir.filePath("other.png").toStdString();
        names.insert(cache.hash(k));
        k = key();
        k.feature = 8;
        names.insert(cache.hash(k));
        k = key();
        k.kind = "attack";
        names.insert(cache.hash(k));
        k = key();
        k.parameters = "resize 255";
        names.insert(cache.hash(k));
        QCOMPARE(names.size(), std::size_t(6));
        QVERIFY(cache.pathFor(key(), "png") != cache.pathFor(key(), "json"));
    }

    void aReplacedSourceImageMisses()
    {
        const RenderCache cache(m_dir.filePath("replaced").toStdString());
        cache.storePng(key(), gradientImage(4, 4));
        QVERIFY(cache.lookup(key()));
        writeBytes(m_dir.filePath("source.png"), "second, longer version");
        QVERIFY(!cache.lookup(key()));
    }

    void deletingTheFolderIsSafe()
    {
        const RenderCache cache(m_dir.filePath("deleted/render").toStdString());
        cache.storePng(key(), gradientImage(4, 4));
        QVERIFY(QDir(m_dir.filePath("deleted")).removeRecursively());
        QVERIFY(!cache.lookup(key()));
        QVERIFY(QFile::exists(QString::fromStdString(cache.storePng(key(), gradientImage(4, 4)))));
    }

    void evidenceIsRenderedOnlyWhereMissing()
    {
        const EvidenceRenderer renderer = EvidenceRenderer::open(
            std::string(SALIENT_SOURCE_DIR) + "/resources/models/robust.pt", DeviceChoice::Cpu);
        std::vector<std::string> sources;
        for (int i = 0; i < 3; ++i) {
            Image image = gradientImage(48 + 8 * i, 48);
            for (float& v : image.pixels)
                v = std::fmod(v * float(3 + i), 1.0f);
            sources.push_back(m_dir.filePath(QString("scene%1.png").arg(i)).toStdString());
            writePngFile(sources.back(), image);
        }
        const RenderCache cache(m_dir.filePath("evidence").toStdString());
        AttackSettings settings;
        settings.steps = 5;
        const auto first = renderEvidenceToCache(renderer, cache, sources, 5, settings);
        QCOMPARE(first.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i) {
            QVERIFY(!first[i].fromCache);
            QCOMPARE(int(first[i].featureTrace.size()), 6);
            // The demo model keeps the image size, so the three sizes go in three batches.
            for (const auto& file : {first[i].image, first[i].heatmap, first[i].attack})
                QCOMPARE(decodeImageFile(file).width, 48 + 8 * int(i));
        }

        const auto second = renderEvidenceToCache(renderer, cache, sources, 5, settings);
        for (std::size_t i = 0; i < 3; ++i) {
            QVERIFY(second[i].fromCache);
            QCOMPARE(second[i].attack, first[i].attack);
            QCOMPARE(second[i].featureTrace, first[i].featureTrace);
        }

        // Only the lost heatmap is made again; the attack stays as it was.
        const QDateTime attackTime = modified(first[1].attack);
        QVERIFY(QFile::remove(QString::fromStdString(first[1].heatmap)));
        QTest::qSleep(20);
        const auto third = renderEvidenceToCache(renderer, cache, sources, 5, settings);
        QVERIFY(third[0].fromCache && !third[1].fromCache && third[2].fromCache);
        QVERIFY(QFile::exists(QString::fromStdString(third[1].heatmap)));
        QCOMPARE(modified(third[1].attack), attackTime);

        // Other attack settings are other files.
        settings.eps = 0.5;
        const auto fourth = renderEvidenceToCache(renderer, cache, sources, 5, settings);
        QVERIFY(fourth[0].attack != first[0].attack);
        QCOMPARE(fourth[0].heatmap, first[0].heatmap);
    }
};

QTEST_GUILESS_MAIN(TestRenderCache)
#include "TestRenderCache.moc"
