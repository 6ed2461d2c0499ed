#include "database/SweepTables.h"

#include "base/ProcessTag.h"

namespace salient {
namespace {

const char* kRunColumns = "run_id, created_at, status, source, split, seed, sigmas, strategies, images, "
                          "images_done, seconds, config, message, owner";

SweepRunRecord readRun(Database& db, Statement& row)
{
    SweepRunRecord run;
    run.runId = row.columnInt64(0);
    run.createdAt = row.columnText(1);
    run.status = row.columnText(2);
    run.source = row.columnText(3);
    run.split = row.columnText(4);
    run.seed = std::uint64_t(row.columnInt64(5)); // stored as the same 64 bits
    run.sigmas = row.columnText(6);
    run.strategies = row.columnText(7);
    run.images = row.columnInt64(8);
    run.imagesDone = row.columnInt64(9);
    run.seconds = row.columnDouble(10);
    run.config = row.columnText(11);
    run.message = row.columnText(12);
    // A run whose process has ended without saying how is not running any more.
    if (run.status == "running" && !processMayBeRunning(row.columnText(13)))
        run.status = "interrupted";
    Statement models = db.prepare(
        "SELECT model_index, name, path, sha256 FROM sweep_models WHERE run_id = ?1 ORDER BY model_index");
    models.bind(1, run.runId);
    while (models.step())
        run.models.push_back(
            {int(models.columnInt64(0)), models.columnText(1), models.columnText(2), models.columnText(3)});
    return run;
}

} // namespace

std::int64_t createSweepRun(Database& db, const SweepRunRecord& run)
{
    Transaction transaction(db);
    Statement insert = db.prepare(
        "INSERT INTO sweep_runs (created_at, status, source, split, seed, sigmas, strategies, images, "
        "images_done, seconds, config, owner) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'running', ?1, "
        "?2, ?3, ?4, ?5, ?6, 0, 0, ?7, ?8)");
    insert.bind(1, run.source)
        .bind(2, run.split)
        .bind(3, std::int64_t(run.seed))
        .bind(4, run.sigmas)
        .bind(5, run.strategies)
        .bind(6, run.images)
        .bind(7, run.config)
        .bind(8, currentProcessTag());
    insert.step();
    const std::int64_t runId = db.lastInsertRowId();
    Statement model = db.prepare(
        "INSERT INTO sweep_models (run_id, model_index, name, path, sha256) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const SweepModelRecord& m : run.models) {
        model.reset();
        model.bind(1, runId).bind(2, m.index).bind(3, m.name).bind(4, m.path).bind(5, m.sha256);
        model.step();
    }
    transaction.commit();
    return runId;
}

void storeSweepCounts(Database& db, std::int64_t runId, const std::string& status, std::int64_t imagesDone,
                      double seconds, const std::vector<SweepCleanRecord>& clean,
                      const std::vector<SweepCellRecord>& cells, const std::string& message)
{
    Transaction transaction(db);
    Statement update = db.prepare(
        "UPDATE sweep_runs SET status = ?2, images_done = ?3, seconds = ?4, message = ?5 WHERE run_id = ?1");
    update.bind(1, runId).bind(2, status).bind(3, imagesDone).bind(4, seconds);
    if (message.empty())
        update.bindNull(5);
    else
        update.bind(5, message);
    update.step();
    if (db.changes() == 0)
        throw DatabaseError("Database \"" + db.path() + "\": no sweep run " + std::to_string(runId));
    Statement wipe = db.prepare("DELETE FROM sweep_clean WHERE run_id = ?1");
    wipe.bind(1, runId);
    wipe.step();
    wipe = db.prepare("DELETE FROM sweep_results WHERE run_id = ?1");
    wipe.bind(1, runId);
    wipe.step();
    Statement cleanRow = db.prepare("INSERT INTO sweep_clean (run_id, model_index, class_index, images, "
                                    "correct) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const SweepCleanRecord& c : clean) {
        cleanRow.reset();
        cleanRow.bind(1, runId).bind(2, c.model).bind(3, c.classIndex).bind(4, c.images).bind(5, c.correct);
        cleanRow.step();
    }
    Statement cellRow = db.prepare(
        "INSERT INTO sweep_results (run_id, model_index, strategy, level, sigma, measure, class_index, "
        "feature, "
        "images, clean_correct, corrupted_correct) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    for (const SweepCellRecord& c : cells) {
        cellRow.reset();
        cellRow.bind(1, runId)
            .bind(2, c.model)
            .bind(3, c.strategy)
            .bind(4, c.level)
            .bind(5, c.sigma)
            .bind(6, c.measure)
            .bind(7, c.classIndex)
            .bind(8, c.feature)
            .bind(9, c.images)
            .bind(10, c.cleanCorrect)
            .bind(11, c.corruptedCorrect);
        cellRow.step();
    }
    transaction.commit();
}

std::vector<SweepRunRecord> sweepRuns(Database& db)
{
    Statement query =
        db.prepare(std::string("SELECT ") + kRunColumns + " FROM sweep_runs ORDER BY run_id DESC");
    std::vector<SweepRunRecord> runs;
    while (query.step())
        runs.push_back(readRun(db, query));
    return runs;
}

std::optional<SweepRunRecord> sweepRun(Database& db, std::int64_t runId)
{
    Statement query = db.prepare(std::string("SELECT ") + kRunColumns + " FROM sweep_runs WHERE run_id = ?1");
    query.bind(1, runId);
    if (!query.step())
        return std::nullopt;
    return readRun(db, query);
}

std::vector<SweepCleanRecord> sweepClean(Database& db, std::int64_t runId)
{
    Statement query = db.prepare("SELECT model_index, class_index, images, correct FROM sweep_clean "
                                 "WHERE run_id = ?1 ORDER BY model_index, class_index");
    query.bind(1, runId);
    std::vector<SweepCleanRecord> rows;
    while (query.step())
        rows.push_back({int(query.columnInt64(0)), int(query.columnInt64(1)), query.columnInt64(2),
                        query.columnInt64(3)});
    return rows;
}

std::vector<SweepCellRecord> sweepCells(Database& db, std::int64_t runId)
{
    Statement query = db.prepare(
        "SELECT model_index, strategy, level, sigma, measure, class_index, feature, images, clean_correct, "
        "corrupted_correct FROM sweep_results WHERE run_id = ?1 "
        "ORDER BY model_index, strategy, level, measure, class_index, feature");
    query.bind(1, runId);
    std::vector<SweepCellRecord> rows;
    while (query.step()) {
        SweepCellRecord c;
        c.model = int(query.columnInt64(0));
        c.strategy = query.columnText(1);
        c.level = int(query.columnInt64(2));
        c.sigma = query.columnDouble(3);
        c.measure = query.columnText(4);
        c.classIndex = int(query.columnInt64(5));
        c.feature = int(query.columnInt64(6));
        c.images = query.columnInt64(7);
        c.cleanCorrect = query.columnInt64(8);
        c.corruptedCorrect = query.columnInt64(9);
        rows.push_back(std::move(c));
    }
    return rows;
}

void deleteSweepRun(Database& db, std::int64_t runId)
{
    Statement remove = db.prepare("DELETE FROM sweep_runs WHERE run_id = ?1");
    remove.bind(1, runId);
    remove.step();
}

} // namespace salient
