#pragma once

#include "core/sweep/SweepResults.h"

#include <QString>

#include <memory>
#include <vector>

/// One sweep run shown in the charts: the live run, or a stored one reopened for comparison.
struct ChartRun
{
    QString label; ///< empty for a single run; "run 3" when several are compared
    std::shared_ptr<const salient::SweepResults> results;
};

/// What the charts show of the runs: one strategy, and for the per-class and per-feature charts one level.
struct ChartSelection
{
    salient::SweepStrategy strategy = salient::SweepStrategy::Noise;
    double sigma = 1.0; ///< runs without this level show their highest level below it
};

/// "standard" or "run 3 · standard".
QString seriesName(const ChartRun& run, int model);
/// A class's short name: the demo world's lemma for its WordNet ids, else the id itself.
QString classLabel(const salient::SweepResults& results, int classIndex);
/// The level of `results` the selection means: `sigma` itself, else the highest level below it, else 0.
int selectedLevel(const salient::SweepResults& results, double sigma);
/// "σ" for the noise strategies, "strength" for the fill strategies.
QString levelName(salient::SweepStrategy strategy);
QString percentText(double fraction);
