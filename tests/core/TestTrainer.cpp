// Training on a small Spurious Fashion world: recipes, the loss going down, our own file at the end.
#include "base/Errors.h"
#include "core/Classifier.h"
#include "core/demo/DemoWorld.h"
#include "core/training/Trainer.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace salient;

namespace {

const char* kTinyRecipe = R"({
  "name": "tiny",
  "data": "%1",
  "architecture": {"block": "basic", "blocks": [1, 1, 1, 1], "widths": [4, 8, 8, 8], "stem_width": 4,
                   "small_input_stem": true},
  "preprocessing": {"resize": 0, "crop": 0, "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25]},
  "epochs": 4, "batch_size": 20, "learning_rate": 0.05, "seed": 3 %2
})";

} // namespace

class TestTrainer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_train;

    Recipe recipe(const QString& extra = QString())
    {
        return Recipe::fromJsonText(QString(kTinyRecipe).arg(m_train, extra).toStdString(), "tiny recipe");
    }

private Q_SLOTS:
    void initTestCase()
    {
        configureTorchThreads();
        DemoWorldOptions options;
        options.trainCount = 200;
        options.valCount = options.testCount = options.balancedCount = 10;
        writeDemoWorld(m_dir.filePath("world").toStdString(), options);
        m_train = m_dir.filePath("world/train");
    }

    void recipesAreValidated()
    {
        QCOMPARE(recipe().epochs, 4);
        QCOMPARE(recipe().adversarial, false);
        QCOMPARE(recipe(R"(, "adversarial": {"eps": 0.25, "steps": 2})").attackSteps, 2);
        QVERIFY_THROWS_EXCEPTION(InputError, recipe(R"(, "epochs": 0)"));
        QVERIFY_THROWS_EXCEPTION(InputError, recipe(R"(, "schedule": "sometimes")"));
        QVERIFY_THROWS_EXCEPTION(InputError, Recipe::fromJsonText("{\"epochs\": ", "broken"));
        QVERIFY_THROWS_EXCEPTION(InputError, Recipe::fromJsonText("{}", "no data"));
    }

    void aFewDozenStepsLowerTheLoss_data()
    {
        QTest::addColumn<QString>("extra");
        QTest::newRow("standard") << QString();
        QTest::newRow("PGD") << QString(R"(, "adversarial": {"eps": 0.25, "steps": 2})");
    }

    void aFewDozenStepsLowerTheLoss()
    {
        QFETCH(QString, extra);
        const std::string out = m_dir.filePath("model.pt").toStdString();
        const TrainingResult result = trainModel(recipe(extra), out, DeviceChoice::Cpu); // 4 x 10 = 40 steps
        QCOMPARE(result.epochs.size(), std::size_t(4));
        QVERIFY2(
            result.epochs.back().loss < 0.9 * result.epochs.front().loss,
            qPrintable(
                QString("loss %1 -> %2").arg(result.epochs.front().loss).arg(result.epochs.back().loss)));
        QVERIFY(!QFile::exists(QString::fromStdString(out + ".checkpoint")));

        const Classifier model = Classifier::open(out, DeviceChoice::Cpu);
        QCOMPARE(model.info().numClasses, 10);
        const auto& ids = model.info().classIds;
        const int sandal = int(std::find(ids.begin(), ids.end(), "n04133789") - ids.begin());
        QCOMPARE(QString::fromStdString(model.info().className(sandal)), QString("sandal"));
        QVERIFY(QString::fromStdString(model.info().extraJson).contains("training_log"));
    }

    void cancellingStopsBetweenBatches()
    {
        std::atomic<bool> cancel{true};
        Job job;
        job.cancelRequested = &cancel;
        QVERIFY_THROWS_EXCEPTION(
            JobCancelled, trainModel(recipe(), m_dir.filePath("c.pt").toStdString(), DeviceChoice::Cpu, job));
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "TestTrainer.moc"
