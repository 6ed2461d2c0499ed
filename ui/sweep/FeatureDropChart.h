#pragma once

#include "ui/sweep/SweepChart.h"
#include "ui/sweep/SweepChartData.h"

/// Per (class, feature): the accuracy drop when that feature's mask alone is corrupted (x) against the
/// drop when the class's core region is corrupted (y), at one level. Spurious features are triangles,
/// core features discs; points below the diagonal are features the model leans on more than on the
/// object itself. Features on fewer than 5 images are left out.
class FeatureDropChart : public SweepChart
{
    Q_OBJECT

public:
    explicit FeatureDropChart(QWidget* parent = nullptr);
    void showRuns(const std::vector<ChartRun>& runs, const ChartSelection& selection);
};
