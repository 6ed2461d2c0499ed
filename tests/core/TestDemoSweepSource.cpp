// The demo world's ground truth as a sweep source: samples, masks, features and scopes.
#include "base/Errors.h"
#include "core/demo/DemoWorld.h"
#include "core/sweep/DemoSweepSource.h"
#include "core/sweep/SourceFactory.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

#include <map>

using namespace salient;

class TestDemoSweepSource : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_root;

    /// manifest.csv's cues of the split's images: name -> (background, object).
    std::map<QString, std::pair<QString, QString>> manifestCues(const QString& split) const
    {
        std::map<QString, std::pair<QString, QString>> cues;
        QFile file(QString::fromStdString(m_root) + "/manifest.csv");
        file.open(QIODevice::ReadOnly);
        QTextStream in(&file);
        in.readLine();
        while (!in.atEnd()) {
            const QStringList f = in.readLine().split(',');
            if (f.size() == 7 && f[0] == split)
                cues[f[3]] = {f[5], f[6]};
        }
        return cues;
    }

private Q_SLOTS:
    void initTestCase()
    {
        DemoWorldOptions options;
        options.trainCount = options.valCount = 10;
        options.testCount = 120;
        options.balancedCount = 40;
        m_root = m_dir.filePath("world").toStdString();
        writeDemoWorld(m_root, options);
    }

    void listsTheSplitSortedWithItsMasks()
    {
        const DemoSweepSource source(m_root, "test");
        QCOMPARE(source.samples().size(), std::size_t(120));
        QCOMPARE(source.classIds().size(), std::size_t(10));
        QVERIFY(std::is_sorted(source.classIds().begin(), source.classIds().end()));
        const auto cues = manifestCues("test");
        int backgrounds = 0, objects = 0;
        for (std::size_t i = 0; i < source.samples().size(); ++i) {
            const SweepSample& s = source.samples()[i];
            if (i > 0) {
                const SweepSample& previous = source.samples()[i - 1];
                QVERIFY(previous.label < s.label ||
                        (previous.label == s.label && previous.imagePath < s.imagePath));
            }
            QVERIFY(QFile::exists(QString::fromStdString(s.imagePath)));
            QVERIFY(s.imagePath.find("/test/" + source.classIds()[std::size_t(s.label)] + "/") !=
                    std::string::npos);
            const QString name = QFileInfo(QString::fromStdString(s.imagePath)).completeBaseName();
            const auto& [background, object] = cues.at(name);
            QCOMPARE(s.masks.front().feature, DemoSweepSource::ItemFeature);
            QCOMPARE(s.masks.front().role, MaskRole::Core);
            auto has = [&](int feature) {
                return std::any_of(s.masks.begin(), s.masks.end(), [&](const MaskRef& m) {
                    return m.feature == feature && m.role == MaskRole::Spurious;
                });
            };
            QCOMPARE(has(DemoSweepSource::BackgroundFeature), background != "none");
            QCOMPARE(has(DemoSweepSource::ObjectFeature), object != "none");
            backgrounds += has(DemoSweepSource::BackgroundFeature);
            objects += has(DemoSweepSource::ObjectFeature);
        }
        QVERIFY(backgrounds > 10 && objects > 10);
    }

    void masksAreTheChannelsOfTheMaskFile()
    {
        const DemoSweepSource source(m_root, "test");
        std::size_t checked = 0;
        for (std::size_t i = 0; i < source.samples().size() && checked < 5; ++i) {
            const SweepSample& s = source.samples()[i];
            if (s.masks.size() < 2)
                continue;
            ++checked;
            std::string maskPath = s.imagePath;
            maskPath.replace(maskPath.find("/test/"), 6, "/masks/test/");
            const QImage file(QString::fromStdString(maskPath));
            QVERIFY(!file.isNull());
            const std::vector<SweepMask> masks = source.loadMasks(i);
            QCOMPARE(masks.size(), s.masks.size());
            for (std::size_t m = 0; m < masks.size(); ++m) {
                QCOMPARE(masks[m].width, file.width());
                QCOMPARE(masks[m].height, file.height());
                double total = 0;
                for (int y = 0; y < file.height(); ++y)
                    for (int x = 0; x < file.width(); ++x) {
                        const QRgb rgb = file.pixel(x, y);
                        const int channel = s.masks[m].feature == DemoSweepSource::ItemFeature ? qRed(rgb)
                                            : s.masks[m].feature == DemoSweepSource::BackgroundFeature
                                                ? qGreen(rgb)
                                                : qBlue(rgb);
                        const float value = masks[m].values[std::size_t(y * file.width() + x)];
                        QCOMPARE(value, float(channel) / 255.0f);
                        total += value;
                    }
                QVERIFY2(total > 4.0, "a listed mask covers part of the image");
            }
        }
        QCOMPARE(checked, std::size_t(5));
    }

    void featuresHaveNamesAndScopesSelect()
    {
        const DemoSweepSource source(m_root, "test_balanced");
        QCOMPARE(source.featureName(0, -1), std::string("item"));
        QCOMPARE(source.featureName(0, -2), std::string("background"));
        QCOMPARE(source.featureName(0, -3), std::string("object"));
        QCOMPARE(findSourceFeature(source, "object"), -3);
        QCOMPARE(findSourceFeature(source, "-2"), -2);
        QVERIFY_THROWS_EXCEPTION(InputError, findSourceFeature(source, "sky"));
        QCOMPARE(findSourceClass(source, source.classIds()[4]), 4);
        QCOMPARE(findSourceClass(source, "7"), 7);
        QVERIFY_THROWS_EXCEPTION(InputError, findSourceClass(source, "n00000000"));

        SweepScope scope;
        scope.feature = DemoSweepSource::ObjectFeature;
        for (std::size_t i : scopeSamples(source, scope))
            QCOMPARE(source.samples()[i].masks.back().feature, DemoSweepSource::ObjectFeature);
        scope = {};
        scope.classIndex = 2;
        for (std::size_t i : scopeSamples(source, scope))
            QCOMPARE(source.samples()[i].label, 2);
        scope = {};
        scope.limit = 8;
        const auto thinned = scopeSamples(source, scope);
        QCOMPARE(thinned.size(), std::size_t(8));
        QCOMPARE(thinned.front(), std::size_t(0));
        QCOMPARE(thinned[4], std::size_t(20)); // evenly: every fifth of 40

        bool background = false, object = false;
        for (const SourceFeature& f : sourceFeatures(source)) {
            background |= f.feature == -2 && f.role == MaskRole::Spurious;
            object |= f.feature == -3 && f.role == MaskRole::Spurious;
            QVERIFY(f.feature != -1 || f.role == MaskRole::Core);
        }
        QVERIFY(background && object);
    }

    void refusesWhatIsNotThere()
    {
        QVERIFY(DemoSweepSource::isDemoWorld(m_root));
        QVERIFY(!DemoSweepSource::isDemoWorld(m_dir.path().toStdString()));
        try {
            DemoSweepSource(m_root, "holdout");
            QFAIL("an unknown split must be refused");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("no images in split 'holdout'"), e.what());
        }
        try {
            openSweepSource(m_dir.path().toStdString(), "test");
            QFAIL("a folder without masks must be refused");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("no masks to sweep with"), e.what());
        }
        QVERIFY(dynamic_cast<DemoSweepSource*>(openSweepSource(m_root, "val").get()));
    }
};

QTEST_GUILESS_MAIN(TestDemoSweepSource)
#include "TestDemoSweepSource.moc"
