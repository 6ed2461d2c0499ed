#include "ui/sweep/ClassAccuracyChart.h"

using namespace salient;

namespace {

/// A short horizontal stroke: the clean accuracy's marker.
QCPScatterStyle tickStyle(const QColor& colour)
{
    QPainterPath stroke;
    stroke.moveTo(-1, 0);
    stroke.lineTo(1, 0);
    return QCPScatterStyle(stroke, QPen(colour, 2), Qt::NoBrush, 12);
}

} // namespace

ClassAccuracyChart::ClassAccuracyChart(QWidget* parent) : SweepChart(parent)
{
    setObjectName("classAccuracyChart");
    yAxis->setLabel(tr("core accuracy (%)"));
    yAxis->setRange(0, 100);
    xAxis->grid()->setVisible(false);
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
}

void ClassAccuracyChart::showRuns(const std::vector<ChartRun>& runs, const ChartSelection& selection)
{
    clearChart();
    int seriesCount = 0;
    for (const ChartRun& run : runs)
        seriesCount += int(run.results->models.size());
    const double width = 0.8 / std::max(1, seriesCount);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    int classCount = 0;
    int series = 0;
    QString levelText;
    for (const ChartRun& run : runs) {
        const SweepResults& r = *run.results;
        const int level = selectedLevel(r, selection.sigma);
        levelText =
            QStringLiteral("%1 = %2").arg(levelName(selection.strategy)).arg(r.sigmas.at(std::size_t(level)));
        classCount = std::max(classCount, int(r.classIds.size()));
        for (std::size_t m = 0; m < r.models.size(); ++m, ++series) {
            const QColor colour = seriesColour(series);
            auto* bars = new QCPBars(xAxis, yAxis);
            bars->setName(seriesName(run, int(m)));
            bars->setWidth(width);
            bars->setPen(Qt::NoPen);
            bars->setBrush(colour);
            QCPGraph* clean = addGraph();
            clean->removeFromLegend();
            clean->setLineStyle(QCPGraph::lsNone);
            clean->setScatterStyle(tickStyle(palette().color(QPalette::WindowText)));
            markAsInk(clean);
            const double offset = (series - (seriesCount - 1) / 2.0) * width;
            for (int c = 0; c < int(r.classIds.size()); ++c) {
                const Tally t = r.cell({int(m), selection.strategy, level, SweepMeasure::Core, c});
                if (t.images == 0)
                    continue;
                bars->addData(c + offset, 100.0 * t.accuracy());
                clean->addData(c + offset, 100.0 * t.cleanAccuracy());
                addTip(bars, c + offset, 100.0 * t.accuracy(),
                       tr("%1 · %2\ncore accuracy %3 with %4 on the spurious regions at %5\nclean %6 on the "
                          "same "
                          "%7 images")
                           .arg(classLabel(r, c), seriesName(run, int(m)), percentText(t.accuracy()),
                                QString::fromStdString(strategyName(selection.strategy)), levelText,
                                percentText(t.cleanAccuracy()))
                           .arg(t.images));
            }
        }
        for (int c = 0; c < int(r.classIds.size()); ++c)
            ticker->addTick(c, classLabel(r, c));
    }
    xAxis->setTicker(ticker);
    xAxis->setTickLabelRotation(classCount > 6 ? 35 : 0);
    xAxis->setLabel(levelText.isEmpty() ? QString() : tr("class (core accuracy at %1)").arg(levelText));
    xAxis->setRange(-0.6, std::max(1, classCount) - 0.4);
    redraw();
}
