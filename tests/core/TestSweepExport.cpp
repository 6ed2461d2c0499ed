// Sweep results as JSON (read back whole) and as CSV.
#include "base/Errors.h"
#include "core/sweep/SweepExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QtTest>

using namespace salient;

namespace {

SweepResults sample()
{
    SweepResults r;
    r.source = "demo world /w/dataset, split test";
    r.split = "test";
    r.classIds = {"n01", "n02"};
    r.features = {{0, -1, MaskRole::Core}, {1, -2, MaskRole::Spurious}};
    r.featureNames = {{{0, -1}, "item"}, {{1, -2}, "background"}};
    r.models = {{"/m/standard.pt", std::string(64, 'a'), "standard", "resnet-narrow", "cpu"}};
    r.sigmas = {0.0, 0.25};
    r.strategies = {SweepStrategy::Noise, SweepStrategy::Blur};
    r.scope.classIndex = 1;
    r.scope.limit = 40;
    r.seed = 18446744073709551615ull; // the largest seed survives the trip
    r.batchSize = 64;
    r.device = "cpu";
    r.scopeImages = 40;
    r.imagesDone = 40;
    r.forwardImages = 200;
    r.seconds = 1.5;
    r.clean[{0, -1}] = {40, 30, 30};
    r.clean[{0, 1}] = {40, 30, 30};
    r.cells[{0, SweepStrategy::Noise, 1, SweepMeasure::Core, -1, 0}] = {12, 10, 4};
    r.cells[{0, SweepStrategy::Blur, 1, SweepMeasure::Feature, 1, -2}] = {12, 10, 7};
    return r;
}

} // namespace

class TestSweepExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonReadsBackWhole()
    {
        const SweepResults r = sample();
        const std::string text = sweepResultsJson(r);
        const SweepResults back = sweepResultsFromJson(text);
        QCOMPARE(back.source, r.source);
        QCOMPARE(back.seed, r.seed);
        QCOMPARE(back.sigmas, r.sigmas);
        QVERIFY(back.strategies == r.strategies);
        QCOMPARE(back.scope.classIndex, r.scope.classIndex);
        QVERIFY(!back.scope.feature);
        QCOMPARE(back.models.front().sha256, r.models.front().sha256);
        QCOMPARE(back.featureName(1, -2), std::string("background"));
        QVERIFY(back.cells == r.cells);
        QVERIFY(back.clean == r.clean);
        QVERIFY(back.finished());

        const QJsonObject json = QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
        const QJsonArray results = json["results"].toArray();
        QCOMPARE(results.size(), 2);
        const QJsonObject first = results[0].toObject();
        QCOMPARE(first["strategy"].toString(), QString("noise"));
        QCOMPARE(first["sigma"].toDouble(), 0.25);
        QCOMPARE(first["measure"].toString(), QString("core"));
        QVERIFY(first["feature"].isNull());
        QCOMPARE(first["accuracy"].toDouble(), 4.0 / 12.0);
        QCOMPARE(first["clean_accuracy"].toDouble(), 10.0 / 12.0);
        QCOMPARE(results[1].toObject()["feature"].toInt(), -2);

        // The configuration alone (what salient.db keeps) has no counts.
        const SweepResults config = sweepResultsFromJson(sweepConfigJson(r));
        QVERIFY(config.cells.empty());
        QCOMPARE(config.classIds, r.classIds);
        QVERIFY_THROWS_EXCEPTION(InputError, sweepResultsFromJson("[1, 2]"));
        QVERIFY_THROWS_EXCEPTION(InputError, sweepResultsFromJson("{\"source\": 3}"));
    }

    void csvHasARowPerCount()
    {
        const QString csv = QString::fromStdString(sweepResultsCsv(sample()));
        const QStringList lines = csv.trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 2 + 2);
        QVERIFY(lines[0].startsWith("model,model_sha256,strategy,sigma,measure,class,class_id,feature"));
        QVERIFY2(lines[1].startsWith("standard," + QString(64, 'a') + ",,,clean,-1,all,,,40,30,30,0.75"),
                 qPrintable(lines[1]));
        QVERIFY2(lines[4].contains("blur,0.25,feature,1,n02,-2,background,12,10,7"), qPrintable(lines[4]));
    }
};

QTEST_GUILESS_MAIN(TestSweepExport)
#include "TestSweepExport.moc"
