// `salient sweep` as a user runs it: options, JSON and CSV, stored runs, errors.
#include "CliRun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString models = QString(SALIENT_SOURCE_DIR) + "/resources/models";

} // namespace

class TestSweepCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;

    QStringList common() const
    {
        return {"sweep", "--workspace",  m_workspace, "--sigmas", "0,0.5", "--limit",
                "60",    "--batch-size", "32",        "--device", "cpu"};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_dir.filePath("w");
        const QByteArray failure = makeDemoWorkspace(m_workspace, 120);
        QVERIFY2(failure.isEmpty(), failure.constData());
    }

    void sweepsStoresAndRepeats()
    {
        const QString out = m_dir.filePath("first.json");
        const CliRun first =
            runSalient(common() + QStringList{"--strategy", "noise", "--strategy", "black", "--json", out,
                                              "--csv", m_dir.filePath("first.csv")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QVERIFY2(first.out.contains("core acc."), first.out.constData());
        QVERIFY(first.out.contains("Stored as sweep run 1"));
        const QJsonObject json = readJson(out);
        QCOMPARE(json["run_id"].toInt(), 1);
        QCOMPARE(json["images"].toInt(), 60);
        QCOMPARE(json["split"].toString(), QString("test"));
        QCOMPARE(json["strategies"].toArray().size(), 2);
        const QJsonArray modelList = json["models"].toArray();
        QCOMPARE(modelList.size(), 2);
        QCOMPARE(modelList[0].toObject()["name"].toString(), QString("robust"));
        QCOMPARE(modelList[1].toObject()["sha256"].toString().size(), 64);
        const QJsonArray results = json["results"].toArray();
        QVERIFY(results.size() > 40);
        for (const auto& value : results) {
            const QJsonObject cell = value.toObject();
            if (cell["sigma"].toDouble() == 0.0)
                QCOMPARE(cell["corrupted_correct"].toInt(), cell["clean_correct"].toInt());
        }
        QFile csv(m_dir.filePath("first.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readLine().startsWith("model,model_sha256,strategy,sigma"));

        // The same run again gives the same numbers, as a second stored run.
        const CliRun second = runSalient(common() + QStringList{"--strategy", "noise,black", "--json", "-"});
        QVERIFY2(second.exitCode == 0, second.err.constData());
        const QJsonObject again = QJsonDocument::fromJson(second.out).object();
        QCOMPARE(again["run_id"].toInt(), 2);
        QCOMPARE(again["results"].toArray(), results);
        QCOMPARE(again["clean"].toArray(), json["clean"].toArray());

        const CliRun list = runSalient({"sweep", "list", "--workspace", m_workspace});
        QVERIFY2(list.exitCode == 0, list.err.constData());
        QCOMPARE(list.out.count("finished"), 2);
        const CliRun show = runSalient({"sweep", "show", "1", "--workspace", m_workspace, "--json", "-"});
        QVERIFY2(show.exitCode == 0, show.err.constData());
        const QJsonObject shown = QJsonDocument::fromJson(show.out).object();
        QCOMPARE(shown["results"].toArray(), results);
        QCOMPARE(shown["models"].toArray(), modelList);
    }

    void scopesAndBareSweeps()
    {
        const CliRun one =
            runSalient({"sweep", "--workspace", m_workspace, "--model", models + "/standard.pt", "--class",
                        "n04489008", "--feature", "background", "--strategy", "grey", "--sigmas", "1",
                        "--device", "cpu", "--json", "-"});
        QVERIFY2(one.exitCode == 0, one.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(one.out).object();
        QCOMPARE(json["models"].toArray().size(), 1);
        QCOMPARE(json["scope"].toObject()["feature"].toInt(), -2);
        const int images = json["images"].toInt();
        QVERIFY2(images > 0 && images < 60, qPrintable(QString::number(images)));
        for (const auto& value : json["results"].toArray()) {
            const QJsonObject cell = value.toObject();
            QVERIFY(cell["class"].toInt() == -1 ||
                    cell["class"].toInt() == json["scope"].toObject()["class"].toInt());
            // Every image in the scope has its background mask, so core accuracy covers them all.
            if (cell["measure"].toString() == "core")
                QCOMPARE(cell["images"].toInt(), images);
        }

        const CliRun bare =
            runSalient({"sweep", "--workspace", m_dir.filePath("none"), "--dataset",
                        m_dir.filePath("w/dataset"), "--model", models + "/standard.pt", "--split",
                        "test_balanced", "--sigmas", "0,1", "--device", "cpu", "--json", "-"});
        QVERIFY2(bare.exitCode == 0, bare.err.constData());
        const QJsonObject bareJson = QJsonDocument::fromJson(bare.out).object();
        QVERIFY(bareJson["run_id"].isNull());
        QCOMPARE(bareJson["images"].toInt(), 10);
    }

    void badInputExitsWithTwo()
    {
        const struct
        {
            QStringList arguments;
            const char* message;
        } cases[] = {
            {{"--strategy", "pink"}, "unknown strategy 'pink'"},
            {{"--sigmas", "0,x"}, "sigmas must be numbers"},
            {{"--class", "n99999999"}, "unknown class 'n99999999'"},
            {{"--feature", "sky"}, "unknown feature 'sky'"},
            {{"--model", m_dir.filePath("missing.pt")}, "missing.pt"},
            {{"--split", "holdout"}, "no images in split 'holdout'"},
            {{"--batch-size", "0"}, "batch size must be at least 1"},
            {{"--masks", "dataset"}, "has no Salient dataset"},
            {{"--masks", "pink"}, "unknown masks 'pink'"},
        };
        for (const auto& c : cases) {
            const CliRun run =
                runSalient(QStringList{"sweep", "--workspace", m_workspace, "--device", "cpu"} + c.arguments);
            QCOMPARE(run.exitCode, 2);
            QVERIFY2(run.err.contains(c.message), run.err.constData());
            QCOMPARE(run.err.count('\n'), 1);
        }
        const CliRun noWorkspace = runSalient({"sweep", "--workspace", m_dir.filePath("none")});
        QCOMPARE(noWorkspace.exitCode, 2);
        QVERIFY(noWorkspace.err.contains("--dataset and --model"));
        const CliRun noRun = runSalient({"sweep", "show", "77", "--workspace", m_workspace});
        QCOMPARE(noRun.exitCode, 2);
        QVERIFY(noRun.err.contains("no sweep run 77"));
    }
};

QTEST_GUILESS_MAIN(TestSweepCommand)
#include "TestSweepCommand.moc"
