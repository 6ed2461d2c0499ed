#pragma once

#include "database/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace salient {

struct SweepModelRecord
{
    int index = 0;
    std::string name;
    std::string path;
    std::string sha256;
};

/// One sweep run: its configuration and how far it got. The counts live in their own tables.
struct SweepRunRecord
{
    std::int64_t runId = 0;
    std::string createdAt; ///< UTC, ISO 8601
    /// running, finished, cancelled or failed as stored; interrupted when stored as running by a process of
    /// this host that has ended (killed, crashed)
    std::string status;
    std::string source;
    std::string split;
    std::uint64_t seed = 0;
    std::string sigmas;     ///< JSON list
    std::string strategies; ///< JSON list of names
    std::int64_t images = 0;
    std::int64_t imagesDone = 0;
    double seconds = 0.0;
    std::string config;  ///< the whole configuration as JSON
    std::string message; ///< why it failed
    std::vector<SweepModelRecord> models;
};

/// Clean accuracy of a model on a class (-1: every class of the run's scope).
struct SweepCleanRecord
{
    int model = 0;
    int classIndex = -1;
    std::int64_t images = 0;
    std::int64_t correct = 0;
};

/// One cell of a run: a model, strategy, level and measure on a class (-1: all) and, for the measure
/// "feature", a feature (else 0).
struct SweepCellRecord
{
    int model = 0;
    std::string strategy;
    int level = 0;
    double sigma = 0.0;
    std::string measure; ///< core, spurious or feature
    int classIndex = -1;
    int feature = 0;
    std::int64_t images = 0;
    std::int64_t cleanCorrect = 0;
    std::int64_t corruptedCorrect = 0;
};

/// Records a new run as "running" with its models; returns its id.
std::int64_t createSweepRun(Database& db, const SweepRunRecord& run);

/// Replaces the run's counts and sets its status, progress and time, in one transaction.
void storeSweepCounts(Database& db, std::int64_t runId, const std::string& status, std::int64_t imagesDone,
                      double seconds, const std::vector<SweepCleanRecord>& clean,
                      const std::vector<SweepCellRecord>& cells, const std::string& message = {});

/// Every run, newest first, with its models (without counts).
std::vector<SweepRunRecord> sweepRuns(Database& db);
std::optional<SweepRunRecord> sweepRun(Database& db, std::int64_t runId);
std::vector<SweepCleanRecord> sweepClean(Database& db, std::int64_t runId);
std::vector<SweepCellRecord> sweepCells(Database& db, std::int64_t runId);
/// Removes a run and its counts.
void deleteSweepRun(Database& db, std::int64_t runId);

} // namespace salient
