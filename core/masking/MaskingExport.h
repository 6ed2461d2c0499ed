#pragma once

#include "core/masking/MaskingExperiment.h"

#include <string>

namespace salient {

/// The results of a masking experiment as JSON: "experiment" ("leakage" or "curves"), the source, classes,
/// models with their SHA-256, the options, notes, and every cell or point with its derived numbers
/// (docs/masking.md shows the layout). What salient.db keeps for a run.
std::string leakageJson(const LeakageResults& results);
std::string curvesJson(const CurveResults& results);

/// Reads what leakageJson / curvesJson wrote; throws InputError for text that is not such a document.
LeakageResults leakageFromJson(const std::string& text);
CurveResults curvesFromJson(const std::string& text);

/// One row per cell: model, strategy, class (id, or "all"), images, object_correct, broken_correct,
/// object_accuracy, broken_accuracy, ratio.
std::string leakageCsv(const LeakageResults& results);
/// One row per point: model, strategy, rate, images, accuracy, entropy_bits, unchanged_fraction,
/// wu_palmer (empty without WordNet).
std::string curvesCsv(const CurveResults& results);

} // namespace salient
