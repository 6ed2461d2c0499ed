// Sweep runs in salient.db: configuration, models, counts; newest first; deleting cascades.
#include "base/ProcessTag.h"
#include "database/SweepTables.h"
#include "database/Workspace.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace salient;

namespace {

SweepRunRecord runRecord(const std::string& source)
{
    SweepRunRecord run;
    run.source = source;
    run.split = "test";
    run.seed = 18446744073709551615ull;
    run.sigmas = "[0.0,0.5]";
    run.strategies = "[\"noise\"]";
    run.images = 40;
    run.config = "{\"source\":\"" + source + "\"}";
    run.models = {{0, "robust", "/m/robust.pt", std::string(64, 'r')},
                  {1, "standard", "/m/standard.pt", std::string(64, 's')}};
    return run;
}

} // namespace

class TestSweepTables : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storesAndReadsARun()
    {
        QTemporaryDir dir;
        Workspace workspace = Workspace::open(dir.path().toStdString(), true);
        Database& db = workspace.database();
        const std::int64_t first = createSweepRun(db, runRecord("first"));
        const std::int64_t second = createSweepRun(db, runRecord("second"));
        QVERIFY(second > first);

        const auto fresh = sweepRun(db, first);
        QVERIFY(fresh);
        QCOMPARE(fresh->status, std::string("running"));
        QCOMPARE(fresh->seed, std::uint64_t(18446744073709551615ull));
        QCOMPARE(fresh->models.size(), std::size_t(2));
        QCOMPARE(fresh->models[1].sha256, std::string(64, 's'));
        QCOMPARE(fresh->createdAt.size(), std::size_t(20));

        const std::vector<SweepCleanRecord> clean = {{0, -1, 40, 31}, {0, 3, 4, 2}};
        const std::vector<SweepCellRecord> cells = {{0, "noise", 1, 0.5, "core", -1, 0, 20, 15, 9},
                                                    {1, "noise", 1, 0.5, "feature", 3, -2, 4, 2, 1}};
        storeSweepCounts(db, first, "cancelled", 32, 2.5, clean, cells);
        storeSweepCounts(db, first, "finished", 40, 3.5, clean, cells); // replaces, never doubles
        const auto stored = sweepRun(db, first);
        QCOMPARE(stored->status, std::string("finished"));
        QCOMPARE(stored->imagesDone, std::int64_t(40));
        QCOMPARE(stored->seconds, 3.5);
        QCOMPARE(sweepClean(db, first).size(), std::size_t(2));
        QCOMPARE(sweepClean(db, first)[1].correct, std::int64_t(2));
        const auto readCells = sweepCells(db, first);
        QCOMPARE(readCells.size(), std::size_t(2));
        QCOMPARE(readCells[1].measure, std::string("feature"));
        QCOMPARE(readCells[1].feature, -2);
        QCOMPARE(readCells[1].corruptedCorrect, std::int64_t(1));
        QVERIFY(sweepCells(db, second).empty());

        const auto runs = sweepRuns(db);
        QCOMPARE(runs.size(), std::size_t(2));
        QCOMPARE(runs[0].runId, second); // newest first
        QCOMPARE(runs[1].source, std::string("first"));

        deleteSweepRun(db, first);
        QVERIFY(!sweepRun(db, first));
        QCOMPARE(db.queryInt64("SELECT COUNT(*) FROM sweep_results"), std::int64_t(0));
        QCOMPARE(db.queryInt64("SELECT COUNT(*) FROM sweep_models"), std::int64_t(2));
    }

    /// A run left "running" by a process that was killed reads as interrupted; one of this process, or of
    /// another host that cannot be asked, still reads as running.
    void aRunWhoseProcessEndedReadsAsInterrupted()
    {
        QTemporaryDir dir;
        Workspace workspace = Workspace::open(dir.path().toStdString(), true);
        Database& db = workspace.database();
        const std::int64_t run = createSweepRun(db, runRecord("killed"));
        QCOMPARE(sweepRun(db, run)->status, std::string("running"));

        QProcess ended;
        ended.start("/bin/true");
        QVERIFY(ended.waitForFinished());
        const std::string host = currentProcessTag().substr(0, currentProcessTag().find(' '));
        const auto setOwner = [&](const std::string& owner) {
            Statement update = db.prepare("UPDATE sweep_runs SET owner = ?1 WHERE run_id = ?2");
            update.bind(1, owner).bind(2, run);
            update.step();
            return sweepRun(db, run)->status;
        };
        QCOMPARE(setOwner(host + " " + std::to_string(ended.processId()) + " 12345"),
                 std::string("interrupted"));
        const std::string self = currentProcessTag();
        QCOMPARE(setOwner(self.substr(0, self.rfind(' ')) + " 1"), std::string("interrupted")); // pid reused
        QCOMPARE(setOwner("another-node 12 345"), std::string("running"));
        QCOMPARE(setOwner(self), std::string("running"));
        storeSweepCounts(db, run, "finished", 0, 1.0, {}, {});
        QCOMPARE(setOwner(host + " " + std::to_string(ended.processId()) + " 12345"),
                 std::string("finished"));
    }

    void refusesWhatDoesNotFit()
    {
        QTemporaryDir dir;
        Workspace workspace = Workspace::open(dir.path().toStdString(), true);
        Database& db = workspace.database();
        QVERIFY_THROWS_EXCEPTION(DatabaseError, storeSweepCounts(db, 99, "finished", 0, 0, {}, {}));
        const std::int64_t run = createSweepRun(db, runRecord("x"));
        QVERIFY_THROWS_EXCEPTION(
            DatabaseError,
            storeSweepCounts(db, run, "finished", 0, 0, {}, {{0, "noise", 0, 0, "other", -1, 0, 1, 1, 1}}));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, storeSweepCounts(db, run, "paused", 0, 0, {}, {}));
        // The failed transactions left the run as it was.
        QCOMPARE(sweepRun(db, run)->status, std::string("running"));
    }
};

QTEST_GUILESS_MAIN(TestSweepTables)
#include "TestSweepTables.moc"
