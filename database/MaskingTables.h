#pragma once

#include "database/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace salient {

/// One finished run of the masking lab.
struct MaskingRunRecord
{
    std::int64_t runId = 0;
    std::string createdAt;  ///< UTC, ISO 8601
    std::string experiment; ///< leakage or curves
    std::string source;
    std::string strategies; ///< JSON list of names
    std::string models;     ///< JSON list of model names
    std::uint64_t seed = 0;
    double seconds = 0.0;
    std::string results; ///< configuration and counts as JSON
};

/// Stores a run; returns its id.
std::int64_t storeMaskingRun(Database& db, const MaskingRunRecord& run);
/// Every run, newest last, without its results text.
std::vector<MaskingRunRecord> maskingRuns(Database& db);
std::optional<MaskingRunRecord> maskingRun(Database& db, std::int64_t runId);

} // namespace salient
