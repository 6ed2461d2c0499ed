// Sweeps against a PyTorch Python reference (tests/core/check_sweep.py): the deterministic strategies
// count exactly alike, cell by cell; noise agrees within binomial error. A TorchScript black box with its own
// resize and crop shows that masks follow the image through the model's geometry.
#include "core/Runtime.h"
#include "core/demo/DemoWorld.h"
#include "core/sweep/DemoSweepSource.h"
#include "core/sweep/Sweep.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace salient;

namespace {

const QString script = QString(SALIENT_SOURCE_DIR) + "/tests/core/check_sweep.py";
const std::string standardModel = std::string(SALIENT_SOURCE_DIR) + "/resources/models/standard.pt";

QString python(const QStringList& arguments)
{
    QProcess process;
    process.start("/usr/bin/python3", QStringList{script} + arguments);
    if (!process.waitForFinished(600000) || process.exitCode() != 0)
        return QString::fromUtf8(process.readAllStandardError());
    return {};
}

/// The reference's cells of one model, keyed like the engine's.
std::map<SweepCellKey, Tally> referenceCells(const QJsonObject& model, const std::vector<double>& sigmas,
                                             std::map<int, Tally>& clean)
{
    std::map<SweepCellKey, Tally> cells;
    for (const auto& value : model["cells"].toArray()) {
        const QJsonObject c = value.toObject();
        const Tally tally{c["images"].toInteger(), c["clean_correct"].toInteger(),
                          c["corrupted_correct"].toInteger()};
        if (c["measure"].toString() == "clean") {
            clean[c["class"].toInt()] = tally;
            continue;
        }
        SweepCellKey key;
        key.strategy = parseStrategy(c["strategy"].toString().toStdString());
        key.level = int(std::find(sigmas.begin(), sigmas.end(), c["sigma"].toDouble()) - sigmas.begin());
        key.measure = parseMeasure(c["measure"].toString().toStdString());
        key.classIndex = c["class"].toInt();
        key.feature = c["feature"].isNull() ? 0 : c["feature"].toInt();
        cells[key] = tally;
    }
    return cells;
}

QString describe(const SweepCellKey& key)
{
    return QString("%1 level %2 %3 class %4 feature %5")
        .arg(QString::fromStdString(strategyName(key.strategy)))
        .arg(key.level)
        .arg(QString::fromStdString(measureName(key.measure)))
        .arg(key.classIndex)
        .arg(key.feature);
}

} // namespace

class TestSweepReference : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_root;
    std::string m_blackBox;

    /// Runs both sides; returns the engine's results and the reference's JSON.
    std::pair<SweepResults, QJsonObject> runBoth(const std::vector<SweepStrategy>& strategies,
                                                 const std::vector<double>& sigmas, const QString& name)
    {
        const DemoSweepSource source(m_root, "test");
        SweepOptions options;
        options.sigmas = sigmas;
        options.strategies = strategies;
        options.device = DeviceChoice::Cpu;
        options.batchSize = 50;
        const SweepResults results = runSweep(source, {standardModel, m_blackBox}, options);
        QStringList names, levels;
        for (SweepStrategy s : strategies)
            names << QString::fromStdString(strategyName(s));
        for (double s : sigmas)
            levels << QString::number(s);
        const QString out = m_dir.filePath(name + ".json");
        const QString error = python({"reference", "--data", QString::fromStdString(m_root), "--split",
                                      "test", "--model", QString::fromStdString(standardModel), "--model",
                                      QString::fromStdString(m_blackBox), "--strategies", names.join(','),
                                      "--sigmas", levels.join(','), "--seed", "1", "--out", out});
        QFile file(out);
        if (!error.isEmpty() || !file.open(QIODevice::ReadOnly))
            return {results, QJsonObject{{"error", error}}};
        return {results, QJsonDocument::fromJson(file.readAll()).object()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        configureTorchThreads();
        DemoWorldOptions world;
        world.trainCount = world.valCount = world.balancedCount = 10;
        world.testCount = 120;
        m_root = m_dir.filePath("world").toStdString();
        writeDemoWorld(m_root, world);
        m_blackBox = m_dir.filePath("blackbox.pt").toStdString();
        const QString error = python(
            {"script-model", QString::fromStdString(standardModel), QString::fromStdString(m_blackBox)});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void deterministicStrategiesCountAlike()
    {
        const std::vector<double> sigmas{0.5, 1.0};
        const auto [results, reference] =
            runBoth({SweepStrategy::Black, SweepStrategy::Grey, SweepStrategy::Mean, SweepStrategy::Blur},
                    sigmas, "deterministic");
        QVERIFY2(!reference.contains("error"), qPrintable(reference["error"].toString()));
        QCOMPARE(results.models[1].architecture, std::string("torchscript"));
        const QJsonArray models = reference["models"].toArray();
        QCOMPARE(models.size(), 2);
        for (int m = 0; m < 2; ++m) {
            std::map<int, Tally> clean;
            const auto expected = referenceCells(models[m].toObject(), sigmas, clean);
            for (const auto& [cls, tally] : clean)
                QVERIFY2(results.cleanTally(m, cls) == tally, qPrintable(QString("clean class %1").arg(cls)));
            int compared = 0, moved = 0;
            for (const auto& [key, tally] : expected) {
                SweepCellKey k = key;
                k.model = m;
                const Tally actual = results.cell(k);
                QVERIFY2(actual == tally, qPrintable(QString("model %1 %2: %3/%4 vs PyTorch %5/%6")
                                                         .arg(m)
                                                         .arg(describe(k))
                                                         .arg(actual.corruptedCorrect)
                                                         .arg(actual.images)
                                                         .arg(tally.corruptedCorrect)
                                                         .arg(tally.images)));
                ++compared;
                moved += tally.corruptedCorrect != tally.cleanCorrect;
            }
            QVERIFY(compared > 100);
            QVERIFY2(moved > 20, "the corruption changes predictions");
            // Nothing the engine counted is missing from the reference.
            for (const auto& [key, tally] : results.cells)
                if (key.model == m)
                    QVERIFY2(expected.count(
                                 {0, key.strategy, key.level, key.measure, key.classIndex, key.feature}),
                             qPrintable(describe(key)));
        }
    }

    void noiseAgreesWithinBinomialError()
    {
        const std::vector<double> sigmas{0.5, 1.0};
        const auto [results, reference] =
            runBoth({SweepStrategy::Noise, SweepStrategy::Uniform}, sigmas, "noise");
        QVERIFY2(!reference.contains("error"), qPrintable(reference["error"].toString()));
        const QJsonArray models = reference["models"].toArray();
        int dropped = 0;
        for (int m = 0; m < 2; ++m) {
            std::map<int, Tally> clean;
            const auto expected = referenceCells(models[m].toObject(), sigmas, clean);
            for (const auto& [key, tally] : expected) {
                if (key.classIndex != -1)
                    continue; // classes hold 12 images: too few to compare proportions
                SweepCellKey k = key;
                k.model = m;
                const Tally actual = results.cell(k);
                QCOMPARE(actual.images, tally.images);
                QCOMPARE(actual.cleanCorrect, tally.cleanCorrect);
                // Two independent draws of the same binomial: the difference has variance 2 p (1 - p) / n.
                const double p = 0.5 * (actual.accuracy() + tally.accuracy());
                const double bound =
                    4.0 * std::sqrt(2.0 * p * (1.0 - p) / double(tally.images)) + 1.0 / double(tally.images);
                QVERIFY2(std::abs(actual.accuracy() - tally.accuracy()) <= bound,
                         qPrintable(QString("model %1 %2: %3 vs PyTorch %4 (bound %5)")
                                        .arg(m)
                                        .arg(describe(k))
                                        .arg(actual.accuracy())
                                        .arg(tally.accuracy())
                                        .arg(bound)));
                dropped += key.level == 1 && tally.drop() > 0.05;
            }
        }
        QVERIFY2(dropped >= 2, "noise at sigma 1 costs accuracy");
    }
};

QTEST_GUILESS_MAIN(TestSweepReference)
#include "TestSweepReference.moc"
