#include "ui/sweep/AccuracyCurveChart.h"

using namespace salient;

AccuracyCurveChart::AccuracyCurveChart(QWidget* parent) : SweepChart(parent)
{
    setObjectName("accuracyCurveChart");
    yAxis->setLabel(tr("accuracy (%)"));
    yAxis->setRange(0, 100);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    legend->setWrap(4); // a row per run: two models, core and spurious
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
}

void AccuracyCurveChart::showRuns(const std::vector<ChartRun>& runs, const ChartSelection& selection)
{
    clearChart();
    xAxis->setLabel(levelName(selection.strategy));
    double maxSigma = 0.0;
    int series = 0;
    for (const ChartRun& run : runs) {
        const SweepResults& r = *run.results;
        for (std::size_t m = 0; m < r.models.size(); ++m, ++series) {
            const QColor colour = seriesColour(series);
            for (SweepMeasure measure : {SweepMeasure::Core, SweepMeasure::Spurious}) {
                const bool core = measure == SweepMeasure::Core;
                QCPGraph* graph = addGraph();
                graph->setName(seriesName(run, int(m)) + (core ? tr(" · core") : tr(" · spurious")));
                graph->setPen(QPen(colour, 2, core ? Qt::SolidLine : Qt::DashLine));
                graph->setScatterStyle(
                    QCPScatterStyle(core ? QCPScatterStyle::ssDisc : QCPScatterStyle::ssTriangle, colour, 7));
                for (std::size_t level = 0; level < r.sigmas.size(); ++level) {
                    const Tally t = r.cell({int(m), selection.strategy, int(level), measure});
                    if (t.images == 0)
                        continue;
                    const double sigma = r.sigmas[level];
                    maxSigma = std::max(maxSigma, sigma);
                    graph->addData(sigma, 100.0 * t.accuracy());
                    addTip(graph, sigma, 100.0 * t.accuracy(),
                           tr("%1\n%2 accuracy %3 at %4 = %5 (%6)\nclean %7 on the same %8 images")
                               .arg(seriesName(run, int(m)), core ? tr("core") : tr("spurious"),
                                    percentText(t.accuracy()), levelName(selection.strategy))
                               .arg(sigma)
                               .arg(QString::fromStdString(strategyName(selection.strategy)),
                                    percentText(t.cleanAccuracy()))
                               .arg(t.images));
                }
            }
        }
    }
    xAxis->setRange(-0.03 * std::max(maxSigma, 1.0), std::max(maxSigma, 1.0) * 1.03);
    redraw();
}
