#pragma once

#include "ui/sweep/SweepChart.h"
#include "ui/sweep/SweepChartData.h"

/// Accuracy against the noise level for one strategy: per model (and run) a solid line for the core
/// accuracy (spurious regions corrupted) and a dashed one for the spurious accuracy (core regions
/// corrupted), each point on every image of the scope done so far.
class AccuracyCurveChart : public SweepChart
{
    Q_OBJECT

public:
    explicit AccuracyCurveChart(QWidget* parent = nullptr);
    void showRuns(const std::vector<ChartRun>& runs, const ChartSelection& selection);
};
