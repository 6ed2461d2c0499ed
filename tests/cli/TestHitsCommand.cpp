// `salient hits ...` as a user runs it: import Salient ImageNet's MTurk answers and check the summary
// against an independent Python count, export them back, annotate, review, adjudicate and merge.
#include "CliRun.h"

#include "../database/StudyTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kShared = QString(SALIENT_SHARED_DATA) + "/salient_imagenet";

QJsonObject json(const CliRun& run)
{
    return QJsonDocument::fromJson(run.out).object();
}

/// tests/cli/check_mturk_summary.py on `csv`: the paper's rule counted with Python's csv module.
QJsonObject pythonSummary(const QString& csv)
{
    QProcess python;
    python.start("/usr/bin/python3",
                 {QString(SALIENT_SOURCE_DIR) + "/tests/cli/check_mturk_summary.py", csv});
    python.waitForFinished(120000);
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
}

/// One line on stderr, exit 2, naming `what`.
bool refused(const CliRun& run, const QString& what)
{
    return run.exitCode == 2 && run.err.count('\n') == 1 && QString::fromUtf8(run.err).contains(what);
}

} // namespace

class TestHitsCommand : public QObject
{
    Q_OBJECT

private slots:
    void importSummaryExportOfTheFixture();
    void importSummaryExportOfThePublishedFile();
    void annotateReviewAdjudicate();
    void mergeTwiceAddsOnce();
    void studyOptionsSetTheReasonRule();
    void errorsAreOneLineAndNameTheCulprit();
    void oneNamePerPersonAndJsonSurvivesBadBytes();

private:
    void checkAgainstPython(const QString& csv, const QString& metadata);
};

void TestHitsCommand::checkAgainstPython(const QString& csv, const QString& metadata)
{
    QTemporaryDir dir;
    const QString ws = dir.filePath("ws");
    QElapsedTimer timer;
    timer.start();
    const CliRun imported =
        runSalient({"hits", "import-mturk", csv, "--metadata", metadata, "--workspace", ws, "--json"});
    const qint64 importMs = timer.elapsed();
    QVERIFY2(imported.exitCode == 0, imported.err.constData());

    timer.restart();
    const CliRun summary = runSalient({"hits", "summary", "--workspace", ws, "--json"});
    const qint64 summaryMs = timer.elapsed();
    QVERIFY2(summary.exitCode == 0, summary.err.constData());
    const QJsonObject ours = json(summary);
    const QJsonObject python = pythonSummary(csv);
    QVERIFY(!python.isEmpty());
    for (const QString& key : python.keys()) {
        if (key.startsWith("fleiss_kappa"))
            QVERIFY2(std::abs(ours[key].toDouble() - python[key].toDouble()) < 1e-9, qPrintable(key));
        else
            QVERIFY2(
                ours[key].toInt() == python[key].toInt(),
                qPrintable(
                    QString("%1: %2 vs Python %3").arg(key).arg(ours[key].toInt()).arg(python[key].toInt())));
    }
    QCOMPARE(ours["study"].toString(), QString("mturk-discovery"));
    QCOMPARE(ours["per_class"].toArray().size(), python["classes"].toInt());

    timer.restart();
    const QString out = dir.filePath("export.csv");
    const CliRun exported = runSalient({"hits", "export", out, "--workspace", ws, "--json"});
    const qint64 exportMs = timer.elapsed();
    QVERIFY2(exported.exitCode == 0, exported.err.constData());
    QCOMPARE(json(exported)["answers"].toInt(), python["answers"].toInt());
    QVERIFY(fileBytes(out) == fileBytes(csv)); // same rows, same order, same quoting
    qInfo("%d answers: import %lld ms, summary %lld ms, export %lld ms; spurious %d, core %d, kappa %.4f",
          python["answers"].toInt(), importMs, summaryMs, exportMs, ours["spurious"].toInt(),
          ours["core"].toInt(), ours["fleiss_kappa"].toDouble());
}

void TestHitsCommand::importSummaryExportOfTheFixture()
{
    checkAgainstPython(QString::fromStdString(testDataFile("mturk_small.csv")),
                       QString::fromStdString(testDataFile("class_metadata_small.csv")));
}

void TestHitsCommand::importSummaryExportOfThePublishedFile()
{
    const QString csv = kShared + "/discover_spurious_features.csv";
    if (!QFile::exists(csv))
        QSKIP("the Salient ImageNet data in ../shared is not here");
    checkAgainstPython(csv, kShared + "/class_metadata.csv");
}

void TestHitsCommand::annotateReviewAdjudicate()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath("ws");
    indexedWorkspace(ws, 2, 2); // 4 pairs in the index tables
    const CliRun created = runSalient(
        {"hits", "create", "--study", "discovery", "--annotators-per-hit", "2", "--workspace", ws, "--json"});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QCOMPARE(json(created)["hits"].toInt(), 4);
    QCOMPARE(json(created)["answers_per_hit"].toInt(), 2);

    const CliRun next = runSalient({"hits", "next", "--annotator", "ann", "--workspace", ws, "--json"});
    QVERIFY2(next.exitCode == 0, next.err.constData());
    const int hit = json(next)["hit"].toInt();
    QCOMPARE(json(next)["wnid"].toString(), QString("n00001000"));
    QCOMPARE(json(next)["answers"].toArray().size(), 3);
    const QString hitText = QString::number(hit);

    const CliRun shortReason =
        runSalient({"hits", "submit", "--annotator", "ann", "--hit", hitText, "--answer", "background",
                    "--confidence", "4", "--reason", "water", "--workspace", ws});
    QVERIFY2(refused(shortReason, "The reason is too short (5 characters, at least 10)"),
             shortReason.err.constData());
    const CliRun submitted = runSalient({"hits", "submit", "--annotator", "ann", "--hit", hitText, "--answer",
                                         "background", "--confidence", "4", "--reason",
                                         "the water, \"blue\" and wavy", "--workspace", ws, "--json"});
    QVERIFY2(submitted.exitCode == 0, submitted.err.constData());
    QCOMPARE(json(submitted)["reason"].toString(), QString("the water, \"blue\" and wavy"));

    const CliRun undo = runSalient({"hits", "undo", "--annotator", "ann", "--workspace", ws, "--json"});
    QVERIFY2(undo.exitCode == 0, undo.err.constData());
    QCOMPARE(json(undo)["withdrawn"].toObject()["hit"].toInt(), hit);
    const CliRun undoAgain = runSalient({"hits", "undo", "--annotator", "ann", "--workspace", ws});
    QVERIFY(refused(undoAgain, "ann has no answer to undo in study 'discovery'"));

    // Scripted answers: ann and bob answer everything; a PIN is needed once set.
    QCOMPARE(runSalient({"hits", "add-annotator", "bob", "--pin", "2468", "--workspace", ws}).exitCode, 0);
    const CliRun noPin =
        runSalient({"hits", "answer", "--annotator", "bob", "--answer", "main_object", "--confidence", "5",
                    "--reason", "the body of the fish", "--all", "--workspace", ws});
    QVERIFY(refused(noPin, "bob has a PIN; give it to sign in"));
    const CliRun ann =
        runSalient({"hits", "answer", "--annotator", "ann", "--answer", "background", "--confidence", "3",
                    "--reason", "the water behind the fish", "--all", "--workspace", ws});
    QVERIFY2(ann.exitCode == 0, ann.err.constData());
    QCOMPARE(ann.out.count("answered HIT "), 4);
    QVERIFY(ann.out.startsWith("answered HIT " + hitText.toUtf8() + " ")); // the undone HIT came back first
    qputenv("SALIENT_PIN", "2468");
    const CliRun bob =
        runSalient({"hits", "answer", "--annotator", "bob", "--answer", "main_object", "--confidence", "5",
                    "--reason", "the body of the fish", "--count", "3", "--workspace", ws});
    qunsetenv("SALIENT_PIN");
    QVERIFY2(bob.exitCode == 0, bob.err.constData());
    QCOMPARE(bob.out.count("answered HIT "), 3);

    const CliRun progress = runSalient({"hits", "progress", "--workspace", ws, "--json"});
    QCOMPARE(json(progress)["answers"].toInt(), 7);
    QCOMPARE(json(progress)["complete"].toInt(), 3);
    QCOMPARE(json(progress)["annotators"].toArray().size(), 2);

    // 3 complete HITs, each 1 background vs 1 main_object: all ties, all in the review queue.
    QCOMPARE(runSalient({"hits", "add-annotator", "boss", "--admin", "--workspace", ws}).exitCode, 0);
    // Later administrators only by an administrator's hand.
    QVERIFY(refused(runSalient({"hits", "add-annotator", "eve", "--admin", "--workspace", ws}),
                    "only an administrator can add another one"));
    QVERIFY(refused(runSalient({"hits", "add-annotator", "eve", "--admin", "--by", "ann", "--workspace", ws}),
                    "is not an administrator"));
    QCOMPARE(runSalient({"hits", "add-annotator", "deputy", "--admin", "--by", "boss", "--workspace", ws})
                 .exitCode,
             0);
    const CliRun review = runSalient({"hits", "review", "--admin", "boss", "--workspace", ws, "--json"});
    QVERIFY2(review.exitCode == 0, review.err.constData());
    const QJsonArray queue = json(review)["queue"].toArray();
    QCOMPARE(queue.size(), 3);
    QCOMPARE(queue[0].toObject()["label"].toString(), QString("tie"));
    QCOMPARE(queue[0].toObject()["responses"].toArray().size(), 2);
    QVERIFY(refused(runSalient({"hits", "review", "--admin", "ann", "--workspace", ws}),
                    "is not an administrator"));

    const QString decided = QString::number(queue[0].toObject()["hit"].toInt());
    const CliRun adjudicated =
        runSalient({"hits", "adjudicate", "--admin", "boss", "--hit", decided, "--label", "spurious",
                    "--sub-label", "background", "--note", "water", "--workspace", ws});
    QVERIFY2(adjudicated.exitCode == 0, adjudicated.err.constData());
    const QJsonObject summary = json(runSalient({"hits", "summary", "--workspace", ws, "--json"}));
    QCOMPARE(summary["spurious"].toInt(), 1);
    QCOMPARE(summary["tie"].toInt(), 2);
    QCOMPARE(summary["adjudicated"].toInt(), 1);
    QCOMPARE(summary["answers"].toInt(), 7);

    // The validation study takes the discovery study's labelled pairs (the adjudicated one).
    const CliRun validation =
        runSalient({"hits", "create", "--study", "validation", "--workspace", ws, "--json"});
    QVERIFY2(validation.exitCode == 0, validation.err.constData());
    QCOMPARE(json(validation)["hits"].toInt(), 1);
    const CliRun same =
        runSalient({"hits", "answer", "--annotator", "ann", "--answer", "same", "--confidence", "4",
                    "--reason", "water in both image sets", "--study", "validation", "--workspace", ws});
    QVERIFY2(same.exitCode == 0, same.err.constData());
    const CliRun wrongKind =
        runSalient({"hits", "answer", "--annotator", "ann", "--answer", "background", "--confidence", "4",
                    "--reason", "water in both image sets", "--study", "validation", "--workspace", ws});
    QVERIFY(refused(wrongKind, "'background' is not an answer of a validation study"));

    const QString out = dir.filePath("answers.csv");
    // One discovery HIT is still open: its answers stay blind but to an administrator.
    QVERIFY(refused(runSalient({"hits", "export", out, "--study", "discovery", "--workspace", ws}),
                    "study 'discovery' has open HITs (3 of 4 complete)"));
    QVERIFY(!QFile::exists(out));
    QCOMPARE(runSalient({"hits", "export", out, "--study", "discovery", "--admin", "boss", "--workspace", ws})
                 .exitCode,
             0);
    const QByteArray csv = fileBytes(out);
    QCOMPARE(csv.count('\n'), 8); // header + 7 answers
    QVERIFY(csv.contains("\nann,n00001000,0,10,1,background,3.0,the water behind the fish\n"));

    // submit without --study answers in the HIT's own study, not the latest (validation) one.
    const CliRun carol = runSalient(
        {"hits", "next", "--annotator", "carol", "--study", "discovery", "--workspace", ws, "--json"});
    const QString last = QString::number(json(carol)["hit"].toInt());
    const CliRun late =
        runSalient({"hits", "submit", "--annotator", "carol", "--hit", last, "--answer", "main_object",
                    "--confidence", "2", "--reason", "the body of the fish", "--workspace", ws});
    QVERIFY2(late.exitCode == 0, late.err.constData());
    QCOMPARE(json(runSalient(
                 {"hits", "progress", "--study", "discovery", "--workspace", ws, "--json"}))["complete"]
                 .toInt(),
             4);
}

void TestHitsCommand::mergeTwiceAddsOnce()
{
    QTemporaryDir dir;
    const QString a = dir.filePath("a"), b = dir.filePath("b");
    indexedWorkspace(a, 3, 1);
    QCOMPARE(runSalient({"hits", "create", "--study", "discovery", "--workspace", a}).exitCode, 0);
    QVERIFY(QDir().mkpath(b));
    QVERIFY(QFile::copy(a + "/salient.db", b + "/salient.db"));
    const QStringList answer = {"hits",         "answer", "--answer", "main_object",
                                "--confidence", "4",      "--reason", "the body of the fish",
                                "--all"};
    QCOMPARE(runSalient(answer + QStringList{"--annotator", "on-a", "--workspace", a}).exitCode, 0);
    QCOMPARE(runSalient(answer + QStringList{"--annotator", "on-b", "--workspace", b}).exitCode, 0);

    const CliRun first = runSalient({"hits", "merge", b, "--workspace", a, "--json"});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    QCOMPARE(json(first)["merged"].toArray()[0].toObject()["responses_added"].toInt(), 3);
    const CliRun second = runSalient({"hits", "merge", b, "--workspace", a, "--json"});
    QCOMPARE(json(second)["merged"].toArray()[0].toObject()["responses_added"].toInt(), 0);
    QCOMPARE(json(second)["merged"].toArray()[0].toObject()["responses_present"].toInt(), 3);
    QCOMPARE(json(runSalient({"hits", "summary", "--workspace", a, "--json"}))["answers"].toInt(), 6);
}

void TestHitsCommand::studyOptionsSetTheReasonRule()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath("ws");
    const QString generic = dir.filePath("generic.txt");
    QFile list(generic);
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write("water\r\nthe fish\n");
    list.close();
    // A study from the MTurk file's pairs, with a lenient reason rule of its own.
    const CliRun created =
        runSalient({"hits", "create", "--study", "discovery", "--name", "quick", "--pairs-from",
                    QString::fromStdString(testDataFile("mturk_small.csv")), "--reason-min-chars", "3",
                    "--reason-min-words", "1", "--generic-reasons", generic, "--workspace", ws, "--json"});
    QVERIFY2(created.exitCode == 0, created.err.constData());
    QCOMPARE(json(created)["hits"].toInt(), 4);
    QCOMPARE(json(created)["study"].toString(), QString("quick"));
    const QStringList answer = {"hits",         "answer", "--annotator", "ann", "--answer", "background",
                                "--confidence", "2",      "--workspace", ws,    "--reason"};
    QVERIFY(refused(runSalient(answer + QStringList{"Water!"}), "The reason \"Water!\" is too generic"));
    QVERIFY(refused(runSalient(answer + QStringList{"The fish."}), "is too generic"));
    const CliRun fin = runSalient(answer + QStringList{"fin"});
    QVERIFY2(fin.exitCode == 0, fin.err.constData());
    QCOMPARE(fin.out.count("answered HIT "), 1);
}

/// "Alíce" typed composed and decomposed is one annotator; a name stored with bytes that are not UTF-8
/// (by an older version or another tool) no longer breaks --json output for the whole workspace.
void TestHitsCommand::oneNamePerPersonAndJsonSurvivesBadBytes()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath("ws");
    indexedWorkspace(ws, 2, 2);
    QCOMPARE(runSalient({"hits", "create", "--study", "discovery", "--workspace", ws}).exitCode, 0);
    const QString composed = QString::fromUtf8("Al\xc3\xad"
                                               "ce"),
                  decomposed = QString::fromUtf8("Ali\xcc\x81"
                                                 "ce");
    QCOMPARE(runSalient({"hits", "add-annotator", composed, "--workspace", ws}).exitCode, 0);
    const CliRun again = runSalient({"hits", "add-annotator", decomposed, "--workspace", ws});
    QVERIFY2(refused(again, "exists already"), again.err.constData());
    const CliRun next = runSalient({"hits", "next", "--annotator", decomposed, "--workspace", ws, "--json"});
    QVERIFY2(next.exitCode == 0, next.err.constData());

    {
        salient::Database db((ws + "/salient.db").toStdString(), salient::Database::OpenMode::ReadWrite);
        db.exec("INSERT INTO annotators (name, role, created_at) VALUES (CAST(X'426fff62' AS TEXT), "
                "'annotator', '2026-01-01T00:00:00Z')");
    }
    const CliRun listed = runSalient({"hits", "annotators", "--workspace", ws, "--json"});
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    QStringList names;
    for (const auto& a : json(listed)["annotators"].toArray())
        names << a.toObject()["name"].toString();
    QCOMPARE(names, QStringList({composed, QString::fromUtf8("Bo\xef\xbf\xbd"
                                                             "b")})); // U+FFFD for the bad byte
    const CliRun progress = runSalient({"hits", "progress", "--workspace", ws, "--json"});
    QVERIFY2(progress.exitCode == 0, progress.err.constData());
}

void TestHitsCommand::errorsAreOneLineAndNameTheCulprit()
{
    QTemporaryDir dir;
    const QString nowhere = dir.filePath("nowhere");
    QVERIFY(refused(runSalient({"hits", "summary", "--workspace", nowhere}), nowhere));
    QVERIFY(!QFile::exists(nowhere));

    const QString bad = dir.filePath("bad.csv");
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "WorkerId,Input.wordnet_id,Input.class_index,Input.feature_index,Input.feature_rank,Answer.main,"
        "Answer.confidence,Answer.reasons\n1,n1,0,5,1,background,4.0,\"the \"sea\"\n");
    file.close();
    const QString ws = dir.filePath("ws");
    QVERIFY(refused(runSalient({"hits", "import-mturk", bad, "--workspace", ws}),
                    bad + ":2: text after the closing quote"));
    QVERIFY(!QFile::exists(ws)); // read and checked before anything was written

    indexedWorkspace(ws, 1, 1);
    QVERIFY(refused(runSalient({"hits", "summary", "--workspace", ws}), "has no study yet"));
    QVERIFY(refused(runSalient({"hits", "create", "--workspace", ws}), "usage: salient hits create"));
    QVERIFY(refused(runSalient({"hits", "create", "--study", "survey", "--workspace", ws}),
                    "unknown study kind 'survey'"));
    QVERIFY(refused(runSalient({"hits", "frobnicate", "--workspace", ws}), "hits needs a command"));
    QVERIFY(refused(runSalient({"hits", "create", "--study", "discovery", "--annotators-per-hit", "0",
                                "--workspace", ws}),
                    "--annotators-per-hit needs a whole number of at least 1, not '0'"));
    QCOMPARE(runSalient({"hits", "create", "--study", "discovery", "--workspace", ws}).exitCode, 0);
    QVERIFY(refused(runSalient({"hits", "summary", "--study", "other", "--workspace", ws}),
                    "no study named 'other' (the workspace has: discovery)"));
    QVERIFY(refused(runSalient({"hits", "submit", "--annotator", "x", "--hit", "1", "--answer", "background",
                                "--confidence", "9", "--reason", "the sea around it", "--workspace", ws}),
                    "the confidence must be 1 to 5, not 9"));
    QVERIFY(refused(runSalient({"hits", "merge", nowhere, "--workspace", ws}), nowhere));
}

QTEST_GUILESS_MAIN(TestHitsCommand)
#include "TestHitsCommand.moc"
