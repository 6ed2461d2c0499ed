#pragma once

#include "core/sweep/SweepResults.h"

#include <string>

namespace salient {

/// The configuration of a run as JSON: source, split, scope, seed, sigmas, strategies, batch size, device,
/// classes, features, and the models with their SHA-256 (what salient.db keeps beside the counts).
std::string sweepConfigJson(const SweepResults& results);

/// The configuration plus progress, the clean accuracies and every cell (docs/cli.md shows the layout).
std::string sweepResultsJson(const SweepResults& results);

/// Reads what sweepConfigJson or sweepResultsJson wrote; counts are read when present. Throws InputError
/// for text that is not such a document.
SweepResults sweepResultsFromJson(const std::string& text);

/// One row per clean count and per cell: model, strategy, sigma, measure, class, feature, images, clean and
/// corrupted correct, clean accuracy, accuracy, drop.
std::string sweepResultsCsv(const SweepResults& results);

} // namespace salient
