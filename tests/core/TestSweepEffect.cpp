// The planted cues of the demo world, seen by a sweep: for the standard model, noise on a class's cue
// (its spurious region) costs far more than noise on the clothing item itself in the classes whose cue is a
// background, and less in the classes that have no cue of their own.
#include "core/Runtime.h"
#include "core/demo/DemoClasses.h"
#include "core/demo/DemoWorld.h"
#include "core/sweep/DemoSweepSource.h"
#include "core/sweep/Sweep.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace salient;

class TestSweepEffect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cuesCostMoreThanItemsWhereTheyArePlanted()
    {
        configureTorchThreads();
        QTemporaryDir dir;
        DemoWorldOptions world;
        world.trainCount = world.valCount = world.balancedCount = 10;
        world.testCount = 600;
        const std::string root = dir.filePath("world").toStdString();
        writeDemoWorld(root, world);
        const DemoSweepSource source(root, "test");
        SweepOptions options;
        options.sigmas = {1.0};
        options.device = DeviceChoice::Cpu;
        options.featureDrops = false;
        const SweepResults r =
            runSweep(source, {std::string(SALIENT_SOURCE_DIR) + "/resources/models/standard.pt"}, options);

        Tally cueOfUncued, itemOfUncued;
        for (const DemoClass& cls : demoClasses()) {
            const int c = findSourceClass(source, cls.wnid);
            // Clean minus accuracy with noise on the cue region, and on the item.
            const Tally cue = r.cell({0, SweepStrategy::Noise, 0, SweepMeasure::Core, c});
            const Tally item = r.cell({0, SweepStrategy::Noise, 0, SweepMeasure::Spurious, c});
            qInfo("%-9s noise on cues: %5.1f -> %5.1f %% (%3lld images); on the item: %5.1f -> %5.1f %% "
                  "(%3lld images)",
                  cls.lemma.c_str(), 100 * cue.cleanAccuracy(), 100 * cue.accuracy(),
                  static_cast<long long>(cue.images), 100 * item.cleanAccuracy(), 100 * item.accuracy(),
                  static_cast<long long>(item.images));
            if (cls.background != BackgroundCue::None) {
                QVERIFY2(cue.images >= 30, cls.lemma.c_str());
                QVERIFY2(cue.drop() - item.drop() >= 0.3,
                         qPrintable(QString("%1: the cue costs %2 points, the item %3")
                                        .arg(QString::fromStdString(cls.lemma))
                                        .arg(100 * cue.drop())
                                        .arg(100 * item.drop())));
            }
            if (cls.background == BackgroundCue::None && cls.object == ObjectCue::None) {
                for (const auto& [sum, part] :
                     {std::pair{&cueOfUncued, cue}, std::pair{&itemOfUncued, item}}) {
                    sum->images += part.images;
                    sum->cleanCorrect += part.cleanCorrect;
                    sum->corruptedCorrect += part.corruptedCorrect;
                }
            }
        }
        // Classes without a cue of their own meet cues only by chance (stray cues): the item matters more.
        QVERIFY(cueOfUncued.images >= 20);
        QVERIFY2(itemOfUncued.drop() - cueOfUncued.drop() >= 0.1,
                 qPrintable(QString("stray cues cost %1 points, items %2")
                                .arg(100 * cueOfUncued.drop())
                                .arg(100 * itemOfUncued.drop())));
    }
};

QTEST_GUILESS_MAIN(TestSweepEffect)
#include "TestSweepEffect.moc"
