#include "ui/sweep/FeatureDropChart.h"

using namespace salient;

namespace {

/// Features on fewer images are left out: their drops are mostly chance.
constexpr std::int64_t minimumImages = 5;

} // namespace

FeatureDropChart::FeatureDropChart(QWidget* parent) : SweepChart(parent)
{
    setObjectName("featureDropChart");
    xAxis->setLabel(tr("drop with the feature's mask corrupted (points)"));
    yAxis->setLabel(tr("drop with the core region corrupted (points)"));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
}

void FeatureDropChart::showRuns(const std::vector<ChartRun>& runs, const ChartSelection& selection)
{
    clearChart();
    double low = 0.0, high = 10.0;
    int series = 0;
    for (const ChartRun& run : runs) {
        const SweepResults& r = *run.results;
        const int level = selectedLevel(r, selection.sigma);
        for (std::size_t m = 0; m < r.models.size(); ++m, ++series) {
            const QColor colour = seriesColour(series);
            for (MaskRole role : {MaskRole::Spurious, MaskRole::Core}) {
                const bool spurious = role == MaskRole::Spurious;
                QCPGraph* points = addGraph();
                points->setName(seriesName(run, int(m)) +
                                (spurious ? tr(" · spurious features") : tr(" · core features")));
                points->setLineStyle(QCPGraph::lsNone);
                points->setScatterStyle(
                    QCPScatterStyle(spurious ? QCPScatterStyle::ssTriangle : QCPScatterStyle::ssCircle,
                                    colour, spurious ? colour : Qt::transparent, 9));
                for (const SourceFeature& f : r.features) {
                    if (f.role != role)
                        continue;
                    const Tally own = r.cell(
                        {int(m), selection.strategy, level, SweepMeasure::Feature, f.classIndex, f.feature});
                    const Tally coreRegion =
                        r.cell({int(m), selection.strategy, level, SweepMeasure::Spurious, f.classIndex});
                    if (own.images < minimumImages || coreRegion.images == 0)
                        continue;
                    const double x = 100.0 * own.drop(), y = 100.0 * coreRegion.drop();
                    low = std::min({low, x, y});
                    high = std::max({high, x, y});
                    points->addData(x, y);
                    addTip(points, x, y,
                           tr("%1 · %2 (%3 feature)\n%4: drop %5 points with its mask corrupted (%6 images)\n"
                              "drop %7 points with the class's core region corrupted (%8 images)")
                               .arg(classLabel(r, f.classIndex),
                                    QString::fromStdString(r.featureName(f.classIndex, f.feature)),
                                    spurious ? tr("spurious") : tr("core"), seriesName(run, int(m)))
                               .arg(x, 0, 'f', 1)
                               .arg(own.images)
                               .arg(y, 0, 'f', 1)
                               .arg(coreRegion.images));
                }
                if (points->dataCount() == 0)
                    removeGraph(points);
            }
        }
    }
    const double margin = 0.05 * (high - low);
    auto* diagonal = new QCPItemStraightLine(this);
    diagonal->point1->setCoords(0, 0);
    diagonal->point2->setCoords(1, 1);
    xAxis->setRange(low - margin, high + margin);
    yAxis->setRange(low - margin, high + margin);
    redraw();
}
