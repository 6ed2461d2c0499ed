// `salient masking` as a user runs it: leakage against a PyTorch reference (tests/core/masking_lab.py),
// removal curves, stored runs, JSON and CSV, and errors.
#include "CliRun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

namespace {

const QString models = QString(SALIENT_SOURCE_DIR) + "/resources/models";

QString python(const QString& script, const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start("/usr/bin/python3",
                  QStringList{QString(SALIENT_SOURCE_DIR) + "/tests/core/" + script} + arguments);
    if (!process.waitForFinished(600000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return QString::fromUtf8(process.readAll()) + " (failed)";
    return {};
}

} // namespace

class TestMaskingCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_dir.filePath("w");
        const QByteArray failure = makeDemoWorkspace(m_workspace, 120);
        QVERIFY2(failure.isEmpty(), failure.constData());
    }

    /// Every count of the leakage experiment equals the reference's; layer masking (float32 here, float64
    /// there) may differ by an image where a prediction is a near tie.
    void leakageEqualsThePyTorchReference()
    {
        const QString out = m_dir.filePath("leakage.json"), reference = m_dir.filePath("reference.json");
        const CliRun run =
            runSalient({"masking", "leakage", "--workspace", m_workspace, "--model", models + "/standard.pt",
                        "--strategy", "black,grey,mean,layer", "--limit", "60", "--batch-size", "16",
                        "--device", "cpu", "--json", out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("Stored as masking run 1"), run.out.constData());
        QVERIFY2(run.out.contains("soft mask thresholded at 0.5"), run.out.constData());
        const QString failure =
            python("masking_lab.py", {"leakage", "--data", m_dir.filePath("w/dataset"), "--split", "test",
                                      "--model", models + "/standard.pt", "--strategies",
                                      "black,grey,mean,layer", "--limit", "60", "--out", reference});
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QJsonObject ours = readJson(out);
        const QJsonObject theirs = readJson(reference)["models"].toArray()[0].toObject();
        QCOMPARE(ours["run_id"].toInt(), 1);
        const QJsonObject clean = ours["clean"].toArray()[0].toObject();
        QCOMPARE(clean["images"].toInt(), theirs["clean"].toArray()[0].toInt());
        QCOMPARE(clean["correct"].toInt(), theirs["clean"].toArray()[1].toInt());
        QVERIFY(clean["correct"].toInt() > 20);
        std::map<std::pair<QString, int>, QJsonObject> expected;
        for (const auto& value : theirs["cells"].toArray()) {
            const QJsonObject cell = value.toObject();
            expected[{cell["strategy"].toString(), cell["class"].toInt()}] = cell;
        }
        const QJsonArray cells = ours["cells"].toArray();
        QCOMPARE(std::size_t(cells.size()), expected.size());
        for (const auto& value : cells) {
            const QJsonObject cell = value.toObject();
            const QString strategy = cell["strategy"].toString();
            const QJsonObject& other = expected[{strategy, cell["class"].toInt()}];
            const QString where = strategy + " class " + QString::number(cell["class"].toInt());
            QVERIFY2(cell["images"] == other["images"], qPrintable(where));
            const int slack = strategy == "layer" ? 1 : 0;
            for (const char* key : {"object_correct", "broken_correct"})
                QVERIFY2(std::abs(cell[key].toInt() - other[key].toInt()) <= slack,
                         qPrintable(QString("%1 %2: %3 here, %4 in the reference")
                                        .arg(where, key)
                                        .arg(cell[key].toInt())
                                        .arg(other[key].toInt())));
            if (cell["broken_correct"].toInt() > 0)
                QVERIFY(std::abs(cell["ratio"].toDouble() - cell["object_accuracy"].toDouble() /
                                                                cell["broken_accuracy"].toDouble()) < 1e-9);
        }
    }

    void curvesAreStoredAndShown()
    {
        const CliRun run =
            runSalient({"masking", "curves", "--workspace", m_workspace, "--strategy", "grey,grey-edge",
                        "--rates", "0,0.5", "--limit", "12", "--device", "cpu", "--json", "-"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(json["experiment"].toString(), QString("curves"));
        QCOMPARE(json["patch"].toInt(), 3);
        const QJsonArray points = json["points"].toArray();
        QCOMPARE(points.size(), 2 * 2 * 2); // two models, two strategies, two rates
        for (const auto& value : points) {
            const QJsonObject p = value.toObject();
            QCOMPARE(p["images"].toInt(), 12);
            if (p["rate"].toDouble() == 0.0)
                QCOMPARE(p["unchanged"].toInt(), 12);
            QVERIFY(p["wu_palmer"].toDouble() > 0.0 && p["wu_palmer"].toDouble() <= 1.0);
        }
        const CliRun list = runSalient({"masking", "list", "--workspace", m_workspace});
        QVERIFY2(list.exitCode == 0, list.err.constData());
        QVERIFY2(list.out.contains("leakage") && list.out.contains("curves"), list.out.constData());
        const CliRun show = runSalient({"masking", "show", QString::number(json["run_id"].toInt()),
                                        "--workspace", m_workspace, "--json", "-"});
        QVERIFY2(show.exitCode == 0, show.err.constData());
        QCOMPARE(QJsonDocument::fromJson(show.out).object()["points"].toArray(), points);
        const CliRun csv = runSalient({"masking", "show", "1", "--workspace", m_workspace, "--csv", "-"});
        QVERIFY2(csv.exitCode == 0, csv.err.constData());
        QVERIFY2(csv.out.startsWith("model,strategy,class,images,object_correct"), csv.out.constData());
    }

    void errorsNameTheValue()
    {
        const CliRun pink =
            runSalient({"masking", "leakage", "--workspace", m_workspace, "--strategy", "pink"});
        QCOMPARE(pink.exitCode, 2);
        QVERIFY2(pink.err.contains("'pink'") && pink.err.contains("layer"), pink.err.constData());
        const CliRun threshold =
            runSalient({"masking", "leakage", "--workspace", m_workspace, "--threshold", "0"});
        QCOMPARE(threshold.exitCode, 2);
        QVERIFY2(threshold.err.contains("threshold"), threshold.err.constData());
        const CliRun show = runSalient({"masking", "show", "99", "--workspace", m_workspace});
        QCOMPARE(show.exitCode, 2);
        QVERIFY2(show.err.contains("no masking run 99"), show.err.constData());
        const QString script = m_dir.filePath("black_box.pt");
        const QString failure = python("check_sweep.py", {"script-model", models + "/standard.pt", script});
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const CliRun blackBox = runSalient({"masking", "leakage", "--workspace", m_workspace, "--model",
                                            script, "--strategy", "black,layer", "--device", "cpu"});
        QCOMPARE(blackBox.exitCode, 2);
        QVERIFY2(blackBox.err.contains("native ResNet") && blackBox.err.contains("black_box.pt"),
                 blackBox.err.constData());
        const CliRun sweep = runSalient({"sweep", "--workspace", m_workspace, "--strategy", "layer"});
        QCOMPARE(sweep.exitCode, 2);
        QVERIFY2(sweep.err.contains("salient masking"), sweep.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestMaskingCommand)
#include "TestMaskingCommand.moc"
