// `salient hits autolabel --ground-truth` on a small demo workspace, and its refusal without true masks.
#include "CliRun.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

class TestHitsAutolabel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersEveryOpenHitOnceFromTheMasks()
    {
        QTemporaryDir dir;
        const QString w = dir.filePath("w");
        const QString model = QString(SALIENT_SOURCE_DIR) + "/resources/models/robust.pt";
        for (const QStringList& command :
             {QStringList{"demo", w, "--world-only", "--train", "300", "--val", "10", "--test", "10",
                          "--balanced", "10"},
              QStringList{"workspace", "init", w, "--dataset", w + "/dataset", "--robust-model", model},
              QStringList{"index", "--workspace", w, "--device", "cpu"},
              QStringList{"hits", "create", "--study", "discovery", "--annotators-per-hit", "1",
                          "--workspace", w}}) {
            const CliRun run = runSalient(command);
            QVERIFY2(run.exitCode == 0, run.err.constData());
        }
        const QStringList autolabel = {"hits", "autolabel", "--ground-truth", "--workspace", w, "--json"};
        const CliRun first = runSalient(autolabel);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QJsonObject answered = QJsonDocument::fromJson(first.out).object();
        QCOMPARE(answered["answered"].toInt(), 50);
        QCOMPARE(answered["main_object"].toInt() + answered["separate_object"].toInt() +
                     answered["background"].toInt(),
                 50);
        // Every HIT is complete now: a second run has nothing left to answer.
        const CliRun second = runSalient(autolabel);
        QCOMPARE(QJsonDocument::fromJson(second.out).object()["answered"].toInt(), 0);
        const CliRun summary = runSalient({"hits", "summary", "--workspace", w, "--json"});
        QVERIFY2(summary.exitCode == 0, summary.err.constData());
        QVERIFY(summary.out.contains("\"labelled\": 50"));

        const CliRun withoutFlag = runSalient({"hits", "autolabel", "--workspace", w});
        QCOMPARE(withoutFlag.exitCode, 2);

        // A workspace without true masks (any real dataset) is refused.
        QVERIFY(QDir(w + "/dataset/masks").removeRecursively());
        runSalient({"hits", "create", "--study", "discovery", "--name", "again", "--workspace", w});
        const CliRun refused =
            runSalient({"hits", "autolabel", "--ground-truth", "--study", "again", "--workspace", w});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("no ground-truth masks"), refused.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestHitsAutolabel)
#include "TestHitsAutolabel.moc"
