#pragma once

#include <string>
#include <vector>

namespace salient {

/// One answer of Salient ImageNet's discovery study as published (discover_spurious_features.csv).
struct MturkRow
{
    std::string workerId;
    std::string wnid;
    int classIndex = 0;
    int feature = 0;
    int rank = 0;
    std::string answer; ///< main_object | separate_object | background (or a validation answer on export)
    int confidence = 0; ///< 1-5, written as "4.0"
    std::string reason;
    int line = 0; ///< where it was read, for messages; 0 when it was not read from a file
};

/// WorkerId, Input.wordnet_id, Input.class_index, Input.feature_index, Input.feature_rank, Answer.main,
/// Answer.confidence, Answer.reasons: the published column order, which export writes.
const std::vector<std::string>& mturkColumns();

/// Reads the MTurk CSV at `path`. Columns are found by name (any order; others are ignored). Throws
/// InputError "FILE:LINE: ..." for malformed CSV, a missing column, a record with the wrong number of
/// fields, a number that is not one, a rank below 1, an answer that is not a discovery option, a
/// confidence outside 1-5 or not whole, and an empty WorkerId or wnid.
std::vector<MturkRow> readMturkCsv(const std::string& path);

/// The CSV text of `rows` with the header, in mturkColumns() order.
std::string mturkCsvText(const std::vector<MturkRow>& rows);

} // namespace salient
