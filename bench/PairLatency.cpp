// Pair latency of the feature browser: from choosing a (class, feature) pair until its 15 pictures are on
// screen, uncached (the render cache emptied first: NAMs, heatmaps and 100-step feature attacks are
// computed) and cached (the same pairs again). Runs the real FeatureBrowser offscreen on a workspace with
// a feature index and prints the median and worst of each.
//
// Usage: bench_pair_latency WORKSPACE [PAIRS]   (default 10 pairs: rank 1 and 2 of the first classes)
#include "ui/features/ClassList.h"
#include "ui/features/FeatureBrowser.h"
#include "ui/features/FeatureList.h"
#include "ui/widgets/WorkspaceSession.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

/// Chooses class `row` of the list and feature `rank` (0-based) and waits for the 15 pictures.
qint64 showPair(FeatureBrowser& browser, int classIndex, int rank)
{
    QSignalSpy shown(&browser, &FeatureBrowser::pairShown);
    browser.classList()->selectClass(classIndex);
    FeatureList* features = browser.featureList();
    if (rank >= features->model()->rowCount())
        return -1;
    if (features->currentRow() != rank)
        features->setCurrentRow(rank);
    if (shown.isEmpty() && !shown.wait(300000))
        return -1;
    return browser.lastPairMilliseconds();
}

void report(const char* name, std::vector<qint64> times)
{
    std::sort(times.begin(), times.end());
    if (times.empty())
        return;
    std::printf("%-10s pairs %2zu  median %6lld ms  worst %6lld ms\n", name, times.size(),
                static_cast<long long>(times[times.size() / 2]), static_cast<long long>(times.back()));
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_pair_latency WORKSPACE [PAIRS]\n");
        return 2;
    }
    const QString workspace = QString::fromLocal8Bit(argv[1]);
    const int pairs = argc > 2 ? std::atoi(argv[2]) : 10;
    QDir(workspace + "/cache/render").removeRecursively();

    WorkspaceSession session;
    try {
        session.open(workspace);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_pair_latency: %s\n", e.what());
        return 2;
    }
    FeatureBrowser browser(&session);
    browser.resize(1366, 768);
    browser.show();
    std::vector<std::pair<int, int>> chosen;
    for (int i = 0; int(chosen.size()) < pairs && i < 1000; ++i)
        chosen.emplace_back(i % 10, i / 10 % 5);
    std::vector<qint64> uncached, cached;
    for (const auto& [cls, rank] : chosen) {
        const qint64 ms = showPair(browser, cls, rank);
        if (ms >= 0)
            uncached.push_back(ms);
    }
    for (const auto& [cls, rank] : chosen) {
        // Another pair in between, so the browser really switches.
        showPair(browser, (cls + 1) % 10, (rank + 1) % 5);
        const qint64 ms = showPair(browser, cls, rank);
        if (ms >= 0)
            cached.push_back(ms);
    }
    report("uncached", uncached);
    report("cached", cached);
    return uncached.empty() ? 1 : 0;
}
