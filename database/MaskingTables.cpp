#include "database/MaskingTables.h"

namespace salient {
namespace {

MaskingRunRecord readRun(Statement& query, bool withResults)
{
    MaskingRunRecord run;
    run.runId = query.columnInt64(0);
    run.createdAt = query.columnText(1);
    run.experiment = query.columnText(2);
    run.source = query.columnText(3);
    run.strategies = query.columnText(4);
    run.models = query.columnText(5);
    run.seed = std::uint64_t(query.columnInt64(6));
    run.seconds = query.columnDouble(7);
    if (withResults)
        run.results = query.columnText(8);
    return run;
}

constexpr const char* kColumns = "run_id, created_at, experiment, source, strategies, models, seed, seconds";

} // namespace

std::int64_t storeMaskingRun(Database& db, const MaskingRunRecord& run)
{
    Transaction transaction(db);
    Statement insert =
        db.prepare("INSERT INTO masking_runs (created_at, experiment, source, strategies, models, seed, "
                   "seconds, results) "
                   "VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insert.bind(1, run.experiment)
        .bind(2, run.source)
        .bind(3, run.strategies)
        .bind(4, run.models)
        .bind(5, std::int64_t(run.seed))
        .bind(6, run.seconds)
        .bind(7, run.results);
    insert.step();
    const std::int64_t runId = db.lastInsertRowId();
    transaction.commit();
    return runId;
}

std::vector<MaskingRunRecord> maskingRuns(Database& db)
{
    Statement query = db.prepare(std::string("SELECT ") + kColumns + " FROM masking_runs ORDER BY run_id");
    std::vector<MaskingRunRecord> runs;
    while (query.step())
        runs.push_back(readRun(query, false));
    return runs;
}

std::optional<MaskingRunRecord> maskingRun(Database& db, std::int64_t runId)
{
    Statement query =
        db.prepare(std::string("SELECT ") + kColumns + ", results FROM masking_runs WHERE run_id = ?1");
    query.bind(1, runId);
    if (!query.step())
        return std::nullopt;
    return readRun(query, true);
}

} // namespace salient
