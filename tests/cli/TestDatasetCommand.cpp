// `salient dataset build|summary|export|import` on the demo world, labelled by the ground-truth annotator:
// soft masks of every labelled pair, where their mass lies against the true masks, and the round trip.
#include "CliRun.h"

#include "database/DatasetTables.h"
#include "database/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QJsonObject jsonOf(const CliRun& run)
{
    return QJsonDocument::fromJson(run.out).object();
}

void mustRun(const QStringList& arguments)
{
    const CliRun run = runSalient(arguments);
    QVERIFY2(run.exitCode == 0, qPrintable(arguments.join(' ') + ": " + QString::fromUtf8(run.err)));
}

} // namespace

class TestDatasetCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString w = m_dir.filePath("w");
        mustRun(
            {"demo", w, "--world-only", "--train", "600", "--val", "20", "--test", "10", "--balanced", "10"});
        mustRun({"workspace", "init", w, "--dataset", w + "/dataset", "--robust-model",
                 QString(SALIENT_SOURCE_DIR) + "/resources/models/robust.pt"});
        mustRun({"index", "--workspace", w, "--device", "cpu"});
        mustRun({"hits", "create", "--study", "discovery", "--annotators-per-hit", "1", "--workspace", w});
        mustRun({"hits", "autolabel", "--ground-truth", "--workspace", w, "--device", "cpu"});
    }

    void buildsMasksOfEveryLabelledPair()
    {
        const QString w = m_dir.filePath("w");
        const CliRun build = runSalient({"dataset", "build", "--workspace", w, "--device", "cpu", "--json"});
        QVERIFY2(build.exitCode == 0, build.err.constData());
        const QJsonObject result = jsonOf(build);
        QVERIFY(result["pairs"].toInt() > 0);
        QVERIFY(result["core_pairs"].toInt() > 0);
        QVERIFY(result["spurious_pairs"].toInt() > 0);
        // 600 images over the demo's classes: fewer than 65 per class, so every image labelled c counts.
        QVERIFY(result["masks"].toInt() >= result["pairs"].toInt() * 40);
        if (result["short_pairs"].toInt() == 0)
            QCOMPARE(result["masks"].toInt(), result["pairs"].toInt() * 65);
        QCOMPARE(result["width"].toInt(), 48);

        // Again: every pair is kept, none computed.
        const CliRun again = runSalient({"dataset", "build", "--workspace", w, "--device", "cpu", "--json"});
        QCOMPARE(jsonOf(again)["computed_pairs"].toInt(), 0);
        QCOMPARE(jsonOf(again)["masks"].toInt(), result["masks"].toInt());
    }

    void coreMasksLieOnTheObject()
    {
        const CliRun summary = runSalient(
            {"dataset", "summary", "--ground-truth", "--workspace", m_dir.filePath("w"), "--json"});
        QVERIFY2(summary.exitCode == 0, summary.err.constData());
        const QJsonObject result = jsonOf(summary);
        for (const QJsonValue& pair : result["pairs"].toArray()) {
            const QJsonObject p = pair.toObject();
            qInfo("class %d feature %4d %-8s %-16s object share %.3f", p["class"].toInt(),
                  p["feature"].toInt(), qPrintable(p["label"].toString()),
                  qPrintable(p["sub_label"].toString()), p["object_share"].toDouble());
        }
        const double core = result["core_object_share"].toDouble();
        const double spurious = result["spurious_object_share"].toDouble();
        qInfo("mean object share: core %.3f, spurious %.3f", core, spurious);
        QVERIFY2(core > spurious, qPrintable(QString("core %1, spurious %2").arg(core).arg(spurious)));
    }

    /// A workspace with a Salient dataset sweeps its soft masks by default.
    void sweepsTheBuiltDataset()
    {
        const QString w = m_dir.filePath("w");
        const CliRun sweep = runSalient({"sweep", "--workspace", w, "--device", "cpu", "--sigmas", "0,1",
                                         "--strategy", "black", "--json", "-"});
        QVERIFY2(sweep.exitCode == 0, sweep.err.constData());
        const QJsonObject json = jsonOf(sweep);
        QVERIFY2(json["source"].toString().startsWith("Salient dataset of"), sweep.out.constData());
        QVERIFY(json["images"].toInt() > 0);
        bool blackMatters = false;
        for (const auto& value : json["results"].toArray()) {
            const QJsonObject cell = value.toObject();
            if (cell["sigma"].toDouble() == 0.0)
                QCOMPARE(cell["corrupted_correct"].toInt(), cell["clean_correct"].toInt());
            else
                blackMatters |= cell["corrupted_correct"].toInt() != cell["clean_correct"].toInt();
        }
        QVERIFY(blackMatters);
    }

    void exportsAndImportsTheSameLabels()
    {
        const QString w = m_dir.filePath("w");
        const QString out = m_dir.filePath("export");
        mustRun({"dataset", "export", out, "--workspace", w});
        const CliRun refused = runSalient({"dataset", "export", out, "--workspace", w});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY(refused.err.contains("--force"));
        mustRun({"dataset", "export", out, "--force", "--workspace", w});
        QVERIFY(QFile::exists(out + "/annotations.csv"));
        const CliRun imported = runSalient({"dataset", "import", out, "--images", w + "/dataset",
                                            "--workspace", m_dir.filePath("w2"), "--json"});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        QCOMPARE(jsonOf(imported)["missing_images"].toInt(), 0);

        salient::Workspace a = salient::Workspace::open(w.toStdString(), false);
        salient::Workspace b = salient::Workspace::open(m_dir.filePath("w2").toStdString(), false);
        const auto pairsA = salient::datasetPairs(a.database());
        const auto pairsB = salient::datasetPairs(b.database());
        QCOMPARE(pairsB.size(), pairsA.size());
        for (std::size_t i = 0; i < pairsA.size(); ++i) {
            QCOMPARE(pairsB[i].feature, pairsA[i].feature);
            QCOMPARE(pairsB[i].label, pairsA[i].label);
            QCOMPARE(pairsB[i].subLabel, pairsA[i].subLabel);
        }
        QCOMPARE(salient::datasetMaskCount(b.database()), salient::datasetMaskCount(a.database()));
    }

    void rejectsBadUsage()
    {
        const CliRun noImages = runSalient({"dataset", "import", m_dir.filePath("export")});
        QCOMPARE(noImages.exitCode, 2);
        QVERIFY(noImages.err.contains("--images"));
        const CliRun verb = runSalient({"dataset", "frobnicate"});
        QCOMPARE(verb.exitCode, 2);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestDatasetCommand)
#include "TestDatasetCommand.moc"
