// Eight annotators answering at once, each in its own `salient hits answer` process on one shared
// workspace: no answer lost or doubled, no "database is locked", an intact database; a process killed
// with SIGKILL loses at most the answer it had not submitted. SALIENT_STRESS_SECONDS sets the length
// (TestHitsConcurrency: a few seconds; TestHitsConcurrencySlow, label slow: the 60 s).
#include "CliRun.h"

#include "../database/StudyTestSupport.h"

#include "database/Database.h"

#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <memory>

namespace {

constexpr int kProcesses = 8;
constexpr int kVictim = 5; // the process killed with SIGKILL halfway

QSet<QString> printedResponses(const QByteArray& out)
{
    QSet<QString> uids;
    for (const QByteArray& line : out.split('\n')) {
        const QList<QByteArray> words = line.split(' ');
        if (words.size() == 5 && words[0] == "answered")
            uids.insert(QString::fromUtf8(words[4]));
    }
    return uids;
}

QSet<QString> storedResponses(salient::Database& db, const QString& annotator)
{
    salient::Statement query =
        db.prepare("SELECT r.uid FROM responses r JOIN annotators a USING (annotator_id) "
                   "WHERE a.name = ?1");
    query.bind(1, annotator.toStdString());
    QSet<QString> uids;
    while (query.step())
        uids.insert(QString::fromStdString(query.columnText(0)));
    return uids;
}

} // namespace

class TestHitsConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void eightAnnotatorsAtOnce()
    {
        const int seconds = SALIENT_STRESS_SECONDS;
        QTemporaryDir dir;
        const QString ws = dir.filePath("ws");
        // 5000 pairs like Salient ImageNet for the short run; more for a long one, so that the annotators
        // never run out of HITs (about 450 answers a second on a busy 2-core machine).
        indexedWorkspace(ws, std::max(1000, 200 * seconds), 5);
        const CliRun created = runSalient({"hits", "create", "--study", "discovery", "--workspace", ws});
        QVERIFY2(created.exitCode == 0, created.err.constData());

        std::vector<std::unique_ptr<QProcess>> processes;
        const char* answers[] = {"main_object", "separate_object", "background"};
        for (int i = 0; i < kProcesses; ++i) {
            auto process = std::make_unique<QProcess>();
            process->start(SALIENT_CLI_PATH,
                           {"hits", "answer", "--workspace", ws, "--annotator",
                            QString("annotator-%1").arg(i), "--answer", answers[i % 3], "--confidence",
                            QString::number(1 + i % 5), "--reason",
                            QString("scripted reason %1, with a comma and \"quotes\"").arg(i), "--all",
                            "--max-seconds", QString::number(seconds)});
            QVERIFY(process->waitForStarted());
            processes.push_back(std::move(process));
        }
        // Kill one halfway through its answering (process start-up takes a while on a busy machine):
        // once it has reported answers for half the run, SIGKILL, wherever it is.
        QByteArray victimOut;
        QElapsedTimer sinceFirst;
        for (QElapsedTimer waited;
             waited.elapsed() < 120000 && processes[kVictim]->state() == QProcess::Running;) {
            QTest::qWait(20);
            victimOut += processes[kVictim]->readAllStandardOutput();
            if (!sinceFirst.isValid() && victimOut.contains("answered"))
                sinceFirst.start();
            if (sinceFirst.isValid() && sinceFirst.elapsed() >= seconds * 500)
                break;
        }
        QVERIFY2(sinceFirst.isValid(), "the process to kill never answered");
        processes[kVictim]->kill();
        for (auto& process : processes)
            QVERIFY(process->waitForFinished(seconds * 1000 + 120000));
        victimOut += processes[kVictim]->readAllStandardOutput();

        salient::Database db(ws.toStdString() + "/salient.db", salient::Database::OpenMode::ReadOnly);
        QCOMPARE(db.queryText("PRAGMA integrity_check"), std::string("ok"));
        QCOMPARE(db.queryInt64("SELECT COUNT(*) FROM pragma_foreign_key_check"), 0);

        int printedTotal = 0;
        double busiest = 0.0; // the longest answering time a process reported
        for (int i = 0; i < kProcesses; ++i) {
            QProcess& process = *processes[std::size_t(i)];
            const QByteArray err = process.readAllStandardError();
            const int in = err.lastIndexOf(" in ");
            if (in >= 0)
                busiest = std::max(busiest, err.mid(in + 4).split(' ').front().toDouble());
            const QSet<QString> printed =
                printedResponses(i == kVictim ? victimOut : process.readAllStandardOutput());
            const QSet<QString> stored = storedResponses(db, QString("annotator-%1").arg(i));
            QVERIFY2(!err.toLower().contains("locked") && !err.toLower().contains("busy"), err.constData());
            printedTotal += int(printed.size());
            if (i == kVictim) {
                QCOMPARE(process.exitStatus(), QProcess::CrashExit);
                QVERIFY(!printed.isEmpty());
                // Everything it reported is stored; at most the answer it was committing when killed
                // (stored, not yet printed) is extra.
                QVERIFY(stored.contains(printed));
                QVERIFY(stored.size() - printed.size() <= 1);
                QVERIFY(db.queryInt64("SELECT COUNT(*) FROM assignments") <= 1);
            } else {
                QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                         err.constData());
                QCOMPARE(stored, printed); // nothing lost, nothing doubled
            }
        }
        const std::int64_t responses = db.queryInt64("SELECT COUNT(*) FROM responses");
        QVERIFY(responses >= printedTotal && responses <= printedTotal + 1);
        QCOMPARE(db.queryInt64("SELECT COUNT(DISTINCT uid) FROM responses"), responses);
        QCOMPARE(db.queryInt64("SELECT COUNT(*) FROM (SELECT DISTINCT hit_id, annotator_id FROM responses)"),
                 responses);
        QVERIFY(db.queryInt64(
                    "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) n FROM responses GROUP BY hit_id)") <=
                5);
        // The derived labels match the responses they come from.
        QCOMPARE(db.queryInt64("SELECT COALESCE(SUM(answers), 0) FROM hit_labels"), responses);
        QCOMPARE(
            db.queryInt64("SELECT COUNT(*) FROM hit_labels WHERE complete = 1"),
            db.queryInt64(
                "SELECT COUNT(*) FROM (SELECT hit_id FROM responses GROUP BY hit_id HAVING COUNT(*) = 5)"));
        QVERIFY(responses > kProcesses);
        qInfo("%d processes, %d s: %lld answers (%.0f per second over %.1f s), %lld HITs complete",
              kProcesses, seconds, static_cast<long long>(responses), double(responses) / busiest, busiest,
              static_cast<long long>(db.queryInt64("SELECT COUNT(*) FROM hit_labels WHERE complete = 1")));

        // The killed annotator comes back and first gets the HIT it held, if it held one.
        const std::int64_t held = db.queryInt64(
            "SELECT COALESCE(MAX(hit_id), 0) FROM assignments JOIN annotators USING (annotator_id) "
            "WHERE name = 'annotator-5'");
        const CliRun again =
            runSalient({"hits", "answer", "--workspace", ws, "--annotator", "annotator-5", "--answer",
                        "background", "--confidence", "3", "--reason", "the water around the fish"});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        if (held != 0)
            QVERIFY(again.out.startsWith("answered HIT " + QByteArray::number(qlonglong(held)) + " "));
        QCOMPARE(db.queryText("PRAGMA integrity_check"), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestHitsConcurrency)
#include "TestHitsConcurrency.moc"
