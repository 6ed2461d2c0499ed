// `salient demo DIR` end to end: a ready workspace whose measured accuracies meet the demo's promises
// (robust >= 80 % clean, standard >= 88 % and relying on the planted cues, the attack telling them apart).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestDemoCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsAReadyWorkspace()
    {
        QTemporaryDir dir;
        const QString workspace = dir.filePath("demo");
        QProcess demo;
        demo.start(SALIENT_CLI_PATH, {"demo", workspace});
        QVERIFY(demo.waitForFinished(600000));
        QVERIFY2(demo.exitCode() == 0, demo.readAllStandardError().constData());

        for (const char* file : {"salient.db", "classes.json", "models/robust.pt", "models/standard.pt",
                                 "dataset/manifest.csv", "dataset/world.json"})
            QVERIFY2(QFile::exists(workspace + "/" + file), file);

        QFile demoFile(workspace + "/demo.json");
        QVERIFY(demoFile.open(QIODevice::ReadOnly));
        const QJsonObject accuracies = QJsonDocument::fromJson(demoFile.readAll()).object();
        const double robustCorrelated = accuracies["robust.correlated"].toDouble();
        const double standardCorrelated = accuracies["standard.correlated"].toDouble();
        const double standardBalanced = accuracies["standard.balanced"].toDouble();
        const double robustPgd = accuracies["robust.pgd"].toDouble();
        const double standardPgd = accuracies["standard.pgd"].toDouble();
        qInfo("robust %.3f / %.3f / %.3f, standard %.3f / %.3f / %.3f", robustCorrelated,
              accuracies["robust.balanced"].toDouble(), robustPgd, standardCorrelated, standardBalanced,
              standardPgd);
        QVERIFY(robustCorrelated >= 0.80);
        QVERIFY(standardCorrelated >= 0.88);
        QVERIFY(standardCorrelated - standardBalanced >= 0.05); // the standard model uses the cues
        QVERIFY(standardPgd < 0.20);
        QVERIFY(robustPgd > 0.40);

        QFile classesFile(workspace + "/classes.json");
        QVERIFY(classesFile.open(QIODevice::ReadOnly));
        const QJsonArray classes = QJsonDocument::fromJson(classesFile.readAll()).array();
        QCOMPARE(classes.size(), 10);
        QCOMPARE(classes[5].toObject()["wnid"].toString(), QString("n04133789"));
        QVERIFY(classes[5].toObject()["gloss"].toString().contains("shoe"));
    }
};

QTEST_GUILESS_MAIN(TestDemoCommand)
#include "TestDemoCommand.moc"
