#include "ui/sweep/SweepChartData.h"

#include "core/demo/DemoClasses.h"

#include <QLocale>

using namespace salient;

QString seriesName(const ChartRun& run, int model)
{
    const QString name = QString::fromStdString(run.results->models.at(std::size_t(model)).name);
    return run.label.isEmpty() ? name : run.label + QStringLiteral(" · ") + name;
}

QString classLabel(const SweepResults& results, int classIndex)
{
    if (classIndex < 0 || classIndex >= int(results.classIds.size()))
        return QObject::tr("all classes");
    const std::string& id = results.classIds[std::size_t(classIndex)];
    for (const DemoClass& cls : demoClasses())
        if (cls.wnid == id)
            return QString::fromStdString(cls.lemma);
    return QString::fromStdString(id);
}

int selectedLevel(const SweepResults& results, double sigma)
{
    int chosen = -1;
    for (std::size_t i = 0; i < results.sigmas.size(); ++i)
        if (results.sigmas[i] <= sigma + 1e-12 &&
            (chosen < 0 || results.sigmas[i] > results.sigmas[std::size_t(chosen)]))
            chosen = int(i);
    return std::max(chosen, 0);
}

QString levelName(SweepStrategy strategy)
{
    return isRandomStrategy(strategy) ? QObject::tr("σ") : QObject::tr("strength");
}

QString percentText(double fraction)
{
    return QLocale().toString(100.0 * fraction, 'f', 1) + QStringLiteral(" %");
}
