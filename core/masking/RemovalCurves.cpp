// Segment-removal curves (the masking lab's second experiment): square patches removed in a seeded random
// order per image, at each rate, with every strategy.
#include "core/masking/MaskingRun_p.h"

#include "base/SeededRandom.h"
#include "core/WordNet.h"
#include "core/sweep/Corruption_p.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace salient {
namespace {

/// Wu-Palmer similarity between the source's classes; empty when they are not all WordNet ids.
std::vector<std::vector<double>> classSimilarities(const std::vector<std::string>& classIds,
                                                   const std::string& wordNetDirectory)
{
    if (wordNetDirectory.empty())
        return {};
    const WordNet wordNet = WordNet::open(wordNetDirectory);
    std::vector<std::vector<std::string>> paths;
    for (const std::string& wnid : classIds) {
        std::vector<std::string> path;
        for (const Synset& synset : wordNet.hypernymPath(wnid))
            path.push_back(synset.wnid);
        if (path.empty())
            return {};
        paths.push_back(std::move(path));
    }
    std::vector<std::vector<double>> similarity(paths.size(), std::vector<double>(paths.size()));
    for (std::size_t a = 0; a < paths.size(); ++a)
        for (std::size_t b = 0; b < paths.size(); ++b)
            similarity[a][b] = wuPalmer(paths[a], paths[b]);
    return similarity;
}

/// N x 1 x H x W keep masks with the first `count` patches of each image's order removed.
at::Tensor patchMasks(const std::vector<std::vector<int>>& orders, int count, int side, std::int64_t height,
                      std::int64_t width)
{
    const std::int64_t n = std::int64_t(orders.size());
    at::Tensor keep = at::ones({n, 1, height, width});
    float* data = keep.data_ptr<float>();
    const int across = int((width + side - 1) / side);
    for (std::int64_t i = 0; i < n; ++i)
        for (int k = 0; k < count; ++k) {
            const int patch = orders[std::size_t(i)][std::size_t(k)];
            const std::int64_t top = std::int64_t(patch / across) * side,
                               left = std::int64_t(patch % across) * side;
            for (std::int64_t y = top; y < std::min(height, top + side); ++y)
                std::fill(data + (i * height + y) * width + left,
                          data + (i * height + y) * width + std::min(width, left + side), 0.0f);
        }
    return keep;
}

} // namespace

int patchSide(int patch, int width, int height)
{
    if (patch > 0)
        return patch;
    return std::max(1, int(std::lround(16.0 * double(std::min(width, height)) / 224.0)));
}

std::vector<int> patchOrder(std::uint64_t seed, std::size_t sample, int count)
{
    std::vector<int> order(static_cast<std::size_t>(count));
    std::iota(order.begin(), order.end(), 0);
    SeededRandom random(SeededRandom::derive(seed, std::uint64_t(sample) + 1, 0x5A7C4E5ULL));
    for (int i = count - 1; i > 0; --i) // Fisher-Yates
        std::swap(order[std::size_t(i)], order[std::size_t(random.integer(0, i))]);
    return order;
}

double wuPalmer(const std::vector<std::string>& pathA, const std::vector<std::string>& pathB)
{
    for (std::size_t i = 0; i < pathA.size(); ++i)
        if (std::find(pathB.begin(), pathB.end(), pathA[i]) != pathB.end()) {
            const double lcs = double(pathA.size() - i);
            return 2.0 * lcs / double(pathA.size() + pathB.size());
        }
    return 0.0;
}

double CurvePoint::entropy() const
{
    double bits = 0.0;
    for (const auto& [cls, count] : predicted) {
        const double p = double(count) / double(images);
        bits -= p * std::log2(p);
    }
    return bits;
}

CurveResults runRemovalCurves(const SweepSource& source, const std::vector<std::string>& modelPaths,
                              const MaskingOptions& options, const Job& job,
                              const std::string& wordNetDirectory)
{
    const auto start = std::chrono::steady_clock::now();
    CurveResults results;
    std::vector<ExperimentModel> models = openExperiment(source, modelPaths, options, results.info);
    const auto similarity = classSimilarities(source.classIds(), wordNetDirectory);
    SweepScope scope;
    scope.limit = options.limit;
    const std::vector<std::size_t> positions = scopeSamples(source, scope);
    LayerMaskReport report;
    bool skippedEmpty = false;
    for (std::size_t m = 0; m < models.size(); ++m) {
        ExperimentModel& model = models[m];
        std::map<std::int64_t, int> labelOf; // model class -> source label
        for (std::size_t label = 0; label < model.classOf.size(); ++label)
            labelOf[model.classOf[label]] = int(label);
        const std::string stage = "Removal curves, " + results.info.models[m].name;
        forEachBatch(
            source, positions, model.model.network->preprocessing(), model.model.network->device(),
            options.batchSize, job, stage, [&](const DeviceBatch& batch) {
                const SweepBatch& host = *batch.host;
                const std::int64_t height = batch.images.size(2), width = batch.images.size(3);
                const int side = patchSide(options.patch, int(width), int(height));
                results.patch = side;
                const int patches = int(((height + side - 1) / side) * ((width + side - 1) / side));
                std::vector<std::vector<int>> orders;
                for (std::size_t sample : host.samples)
                    orders.push_back(patchOrder(options.seed, sample, patches));
                const std::vector<std::int64_t> clean = predictClean(model, batch.images);
                for (std::size_t r = 0; r < options.rates.size(); ++r) {
                    const int count = int(std::lround(options.rates[r] * patches));
                    const at::Tensor keep =
                        patchMasks(orders, count, side, height, width).to(batch.images.device());
                    for (MaskingStrategy strategy : options.strategies) {
                        job.throwIfCancelled();
                        if (strategy == MaskingStrategy::Layer && count == patches) {
                            skippedEmpty = true;
                            continue;
                        }
                        std::vector<std::uint64_t> seeds;
                        for (std::size_t sample : host.samples)
                            seeds.push_back(noiseSeed(options.seed, sample, strategy, options.rates[r]));
                        const auto predicted =
                            predictMasked(model, batch.images, keep, strategy, seeds, options, report);
                        CurvePoint& point = results.points[{int(m), strategy, int(r)}];
                        for (std::size_t i = 0; i < predicted.size(); ++i) {
                            const int label = source.samples()[host.samples[i]].label;
                            ++point.images;
                            point.correct += predicted[i] == model.classOf[std::size_t(label)] ? 1 : 0;
                            point.unchanged += predicted[i] == clean[i] ? 1 : 0;
                            ++point.predicted[predicted[i]];
                            const auto other = labelOf.find(predicted[i]);
                            if (!similarity.empty() && other != labelOf.end()) {
                                point.similaritySum +=
                                    similarity[std::size_t(label)][std::size_t(other->second)];
                                ++point.similarityImages;
                            }
                        }
                    }
                }
            });
    }
    if (skippedEmpty)
        results.info.notes.push_back(
            "layer masking has no point at a rate that removes every patch (it needs a "
            "kept pixel)");
    if (const std::string note = thresholdNote(report); !note.empty())
        results.info.notes.push_back(note);
    results.info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return results;
}

} // namespace salient
