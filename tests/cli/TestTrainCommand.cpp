// `salient train` killed with SIGKILL after an epoch resumes from its checkpoint and ends with exactly
// the weights of an uninterrupted run; `salient demo` refuses a folder that already holds a dataset.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const char* kRecipe = R"({
  "data": "%1",
  "architecture": {"block": "basic", "blocks": [1, 1, 1, 1], "widths": [4, 8, 8, 8], "stem_width": 4,
                   "small_input_stem": true},
  "preprocessing": {"resize": 0, "crop": 0, "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25]},
  "epochs": 3, "batch_size": 25, "learning_rate": 0.05, "seed": 5
})";

} // namespace

class TestTrainCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QProcess* startTraining(const QString& out)
    {
        auto* process = new QProcess(this);
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->start(SALIENT_CLI_PATH,
                       {"train", "--recipe", m_dir.filePath("recipe.json"), "--out", out, "--device", "cpu"});
        return process;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QProcess world;
        world.start(SALIENT_CLI_PATH, {"demo", m_dir.filePath("small"), "--world-only", "--train", "300",
                                       "--val", "10", "--test", "10", "--balanced", "10"});
        QVERIFY(world.waitForFinished(120000));
        QVERIFY2(world.exitCode() == 0, world.readAllStandardError().constData());
        QFile recipe(m_dir.filePath("recipe.json"));
        QVERIFY(recipe.open(QIODevice::WriteOnly));
        recipe.write(QString(kRecipe).arg(m_dir.filePath("small/dataset/train")).toUtf8());
    }

    void killedTrainingResumesToTheSameWeights()
    {
        const QString reference = m_dir.filePath("reference.pt");
        QProcess* uninterrupted = startTraining(reference);
        QVERIFY(uninterrupted->waitForFinished(300000));
        QVERIFY2(uninterrupted->exitCode() == 0, uninterrupted->readAll().constData());

        const QString resumed = m_dir.filePath("resumed.pt");
        QProcess* first = startTraining(resumed);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(resumed + ".checkpoint"), 300000);
        first->kill(); // SIGKILL: no chance to clean up
        QVERIFY(first->waitForFinished(10000));
        QVERIFY(!QFile::exists(resumed));

        QProcess* second = startTraining(resumed);
        QVERIFY(second->waitForFinished(300000));
        const QByteArray log = second->readAll();
        QVERIFY2(second->exitCode() == 0, log.constData());
        QVERIFY2(log.contains("Resuming after epoch"), log.constData());
        QVERIFY(!QFile::exists(resumed + ".checkpoint"));

        // The files differ in their logged timings; the weights show in the predictions.
        QProcess a, b;
        QDirIterator images(m_dir.filePath("small/dataset/test"), {"*.png"}, QDir::Files,
                            QDirIterator::Subdirectories);
        QVERIFY(images.hasNext());
        const QString imageFile = images.next();
        a.start(SALIENT_CLI_PATH, {"model", "predict", reference, imageFile, "--json", "--top", "10"});
        b.start(SALIENT_CLI_PATH, {"model", "predict", resumed, imageFile, "--json", "--top", "10"});
        QVERIFY(a.waitForFinished() && b.waitForFinished());
        QCOMPARE(b.readAllStandardOutput().replace(resumed.toUtf8(), ""),
                 a.readAllStandardOutput().replace(reference.toUtf8(), ""));
    }

    void demoRefusesAnExistingDataset()
    {
        QProcess demo;
        QDir().mkpath(m_dir.filePath("again/dataset"));
        demo.start(SALIENT_CLI_PATH, {"demo", m_dir.filePath("again")});
        QVERIFY(demo.waitForFinished());
        QCOMPARE(demo.exitCode(), 2);
        QVERIFY(demo.readAllStandardError().contains("already holds a dataset"));
    }
};

QTEST_GUILESS_MAIN(TestTrainCommand)
#include "TestTrainCommand.moc"
