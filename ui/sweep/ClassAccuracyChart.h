#pragma once

#include "ui/sweep/SweepChart.h"
#include "ui/sweep/SweepChartData.h"

/// Per class: the core accuracy (spurious regions corrupted) at one level as bars, a bar per model (and
/// run), with the clean accuracy on the same images as a tick above or inside each bar.
class ClassAccuracyChart : public SweepChart
{
    Q_OBJECT

public:
    explicit ClassAccuracyChart(QWidget* parent = nullptr);
    void showRuns(const std::vector<ChartRun>& runs, const ChartSelection& selection);
};
