// `salient model ...` as a user runs it: top-5 against PyTorch, info as JSON, exit codes and messages.
#include "../core/HostileModels.h"
#include "CliRun.h"
#include <QFile>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString fixture(const QString& name)
{
    return QString(SALIENT_FIXTURE_DIR) + "/" + name;
}

} // namespace

class TestModelCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    /// Hostile model archives (tests/core/make_hostile_models.py) for badInputExitsWithTwoAndOneLine.
    void initTestCase()
    {
        QVERIFY(m_hostile.isValid());
        const QString failure = writeHostileModels(m_hostile.path());
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    /// Every command `salient --help` lists answers --help (and `salient help ...`) with its own usage.
    void everyCommandAnswersHelp()
    {
        const CliRun overview = runSalient({"--help"});
        QCOMPARE(overview.exitCode, 0);
        QStringList commands;
        for (const QByteArray& line : overview.out.split('\n')) {
            if (!line.startsWith("  "))
                continue;
            const QStringList words = QString::fromUtf8(line).simplified().split(' ');
            const bool hasVerb = words.size() > 1 && words[1].at(0).isLower() && !words[1].endsWith(':');
            commands << (hasVerb ? words[0] + " " + words[1] : words[0]);
        }
        QVERIFY2(commands.size() >= 30, overview.out.constData());
        for (const QString& command : commands) {
            const QStringList words = command.split(' ');
            for (const QStringList& asked : {words + QStringList{"--help"}, QStringList{"help"} + words}) {
                const CliRun help = runSalient(asked);
                QVERIFY2(help.exitCode == 0, qPrintable(asked.join(' ') + ": " + help.err));
                QVERIFY2(help.out.startsWith("usage: salient " + command.toUtf8()), help.out.constData());
            }
        }
        // A noun alone lists all of its verbs.
        const CliRun hits = runSalient({"hits", "--help"});
        QCOMPARE(hits.exitCode, 0);
        QVERIFY(hits.out.contains("usage: salient hits create") &&
                hits.out.contains("usage: salient hits merge"));
        const CliRun unknown = runSalient({"frobnicate", "--help"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("unknown command 'frobnicate'"));
    }

    void aMissingWorkspaceIsTheSameFaultEverywhere()
    {
        QTemporaryDir dir;
        const QString nowhere = dir.filePath("nowhere");
        const QString out = dir.filePath("out");
        for (const QStringList& command : {
                 QStringList{"workspace", "info", nowhere},
                 QStringList{"index", "--workspace", nowhere},
                 QStringList{"features", "top", "--class", "0", "--workspace", nowhere},
                 QStringList{"render", "--class", "0", "--feature", "1", "--out", out, "--workspace",
                             nowhere},
                 QStringList{"hits", "summary", "--workspace", nowhere},
                 QStringList{"hits", "progress", "--workspace", nowhere},
                 QStringList{"dataset", "summary", "--workspace", nowhere},
                 QStringList{"sweep", "list", "--workspace", nowhere},
             }) {
            const CliRun run = runSalient(command);
            const QString what =
                command.join(' ') + ": exit " + QString::number(run.exitCode) + ", " + run.err;
            QVERIFY2(run.exitCode == 2, qPrintable(what));
            QVERIFY2(run.err.count('\n') == 1 && run.err.contains(nowhere.toUtf8()), qPrintable(what));
        }
        QVERIFY(!QFile::exists(nowhere)); // nothing was created on the way
    }

    void predictTop5EqualsPyTorch()
    {
        QFile expectedFile(fixture("predict_expected.json"));
        QVERIFY(expectedFile.open(QIODevice::ReadOnly));
        const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
        const QStringList images{fixture("photo0.png"), fixture("photo1.png")};

        const CliRun run = runSalient(QStringList{"model", "predict", fixture("resnet18_script.pt")} +
                                      images + QStringList{"--json", "--device", "cpu"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray predictions = QJsonDocument::fromJson(run.out).object()["predictions"].toArray();
        QCOMPARE(predictions.size(), 2);
        for (const auto& entry : predictions) {
            const QJsonObject prediction = entry.toObject();
            const QString image = prediction["image"].toString();
            const QJsonArray top = prediction["top"].toArray();
            const QJsonArray reference = expected[image].toArray();
            QCOMPARE(top.size(), 5);
            for (int i = 0; i < 5; ++i) {
                QCOMPARE(top[i].toObject()["class"].toInt(), reference[i].toObject()["class"].toInt());
                QVERIFY(qAbs(top[i].toObject()["probability"].toDouble() -
                             reference[i].toObject()["probability"].toDouble()) < 1e-4);
            }
        }
    }

    void infoAsJson()
    {
        const CliRun run = runSalient({"model", "info", fixture("resnet50_state.pt"), "--json"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject info = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(info["architecture"].toString(), QString("resnet50"));
        QCOMPARE(info["parameters"].toInteger(), qint64(25557032)); // torchvision's resnet50
        QCOMPARE(info["classes"].toInt(), 1000);
        QCOMPARE(info["feature_width"].toInt(), 2048);
        QCOMPARE(info["native"].toBool(), true);

        QProcess sum;
        sum.start("sha256sum", {fixture("resnet50_state.pt")});
        QVERIFY(sum.waitForFinished());
        QCOMPARE(info["sha256"].toString(),
                 QString::fromLatin1(sum.readAllStandardOutput()).section(' ', 0, 0));
    }

    void infoAsText()
    {
        const CliRun run = runSalient({"model", "info", fixture("blackbox_script.pt")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("black-box classifier"));
        QVERIFY(run.out.contains("Classes        7"));
    }

    void badInputExitsWithTwoAndOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("random bytes")
            << QStringList{"model", "info", fixture("random.pt")} << "random.pt: not a PyTorch model";
        QTest::newRow("truncated") << QStringList{"model", "info", fixture("truncated.pt")}
                                   << "truncated.pt: damaged";
        QTest::newRow("bad image") << QStringList{"model", "predict", fixture("narrow_state.pt"),
                                                  fixture("not_an_image.png")}
                                   << "not_an_image.png: not a readable";
        QTest::newRow("unknown option") << QStringList{"model", "info", fixture("random.pt"), "--frobnicate"}
                                        << "unknown option --frobnicate";
        QTest::newRow("bad device") << QStringList{"model", "info", "x.pt", "--device", "tpu"}
                                    << "unknown device 'tpu'";
        QTest::newRow("unknown noun") << QStringList{"frobnicate"} << "unknown command 'frobnicate'";
        QTest::newRow("200k nested tuples")
            << QStringList{"model", "info", m_hostile.filePath("nested_tuples.pt")}
            << "nested_tuples.pt: pickle refused at byte";
        QTest::newRow("20M MARKs") << QStringList{"model", "info", m_hostile.filePath("marks.pt")}
                                   << "values and marks on the pickle's stack";
        QTest::newRow("zip bomb") << QStringList{"model", "info", m_hostile.filePath("zip_bomb.pt")}
                                  << "refused as a decompression bomb";
    }

    void badInputExitsWithTwoAndOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliRun run = runSalient(arguments);
        QCOMPARE(run.exitCode, 2);
        // The last line is ours; a decoding library may have printed its own note before it.
        const QString err = QString::fromUtf8(run.err).trimmed().split('\n').last();
        QVERIFY2(err.startsWith("salient: ") && err.contains(message), qPrintable(err));
        QVERIFY(!err.contains("Exception raised from"));
    }

    void convertWritesALoadableModel()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("converted.pt");
        const CliRun run = runSalient({"model", "convert", fixture("resnet18_script.pt"), "--out", out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const CliRun info = runSalient({"model", "info", out, "--json"});
        QCOMPARE(QJsonDocument::fromJson(info.out).object()["format"].toString(), QString("salient"));
    }

private:
    QTemporaryDir m_hostile;
};

QTEST_GUILESS_MAIN(TestModelCommand)
#include "TestModelCommand.moc"
