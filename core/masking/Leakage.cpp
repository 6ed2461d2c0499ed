// Mask-shape leakage (the masking lab's first experiment): on the images a model gets right, remove the
// object with each strategy, and as a control the same mask rolled by half the image in both axes.
#include "core/masking/MaskingRun_p.h"

#include "core/sweep/Corruption_p.h"

#include <ATen/ATen.h>

#include <chrono>

namespace salient {

LeakageResults runLeakage(const SweepSource& source, const std::vector<std::string>& modelPaths,
                          const MaskingOptions& options, const Job& job)
{
    const auto start = std::chrono::steady_clock::now();
    LeakageResults results;
    std::vector<ExperimentModel> models = openExperiment(source, modelPaths, options, results.info);
    SweepScope scope;
    scope.limit = options.limit;
    const std::vector<std::size_t> positions = scopeSamples(source, scope);
    LayerMaskReport report;
    for (std::size_t m = 0; m < models.size(); ++m) {
        ExperimentModel& model = models[m];
        const std::string stage = "Leakage, " + results.info.models[m].name;
        forEachBatch(
            source, positions, model.model.network->preprocessing(), model.model.network->device(),
            options.batchSize, job, stage, [&](const DeviceBatch& batch) {
                const SweepBatch& host = *batch.host;
                const std::vector<std::int64_t> clean = predictClean(model, batch.images);
                std::vector<std::int64_t> rows;
                for (std::size_t i = 0; i < host.samples.size(); ++i) {
                    if (!host.hasCore[i])
                        continue;
                    const int label = source.samples()[host.samples[i]].label;
                    const bool right = clean[i] == model.classOf[std::size_t(label)];
                    auto& [images, correct] = results.clean[int(m)];
                    ++images;
                    correct += right ? 1 : 0;
                    if (right)
                        rows.push_back(std::int64_t(i));
                }
                if (rows.empty())
                    return;
                const at::Tensor index = at::tensor(rows, at::kLong).to(batch.images.device());
                const at::Tensor images = batch.images.index_select(0, index);
                const at::Tensor object = batch.object.index_select(0, index);
                const at::Tensor broken = at::roll(object, {object.size(2) / 2, object.size(3) / 2}, {2, 3});
                for (MaskingStrategy strategy : options.strategies) {
                    job.throwIfCancelled();
                    std::vector<std::uint64_t> seeds;
                    for (std::int64_t row : rows)
                        seeds.push_back(
                            noiseSeed(options.seed, host.samples[std::size_t(row)], strategy, 1.0));
                    const auto withObject =
                        predictMasked(model, images, 1 - object, strategy, seeds, options, report);
                    const auto withBroken =
                        predictMasked(model, images, 1 - broken, strategy, seeds, options, report);
                    for (std::size_t k = 0; k < rows.size(); ++k) {
                        const int label = source.samples()[host.samples[std::size_t(rows[k])]].label;
                        const std::int64_t truth = model.classOf[std::size_t(label)];
                        for (int cls : {label, -1}) {
                            LeakageCell& cell = results.cells[{int(m), strategy, cls}];
                            ++cell.images;
                            cell.objectCorrect += withObject[k] == truth ? 1 : 0;
                            cell.brokenCorrect += withBroken[k] == truth ? 1 : 0;
                        }
                    }
                }
            });
    }
    if (const std::string note = thresholdNote(report); !note.empty())
        results.info.notes.push_back(note);
    results.info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return results;
}

} // namespace salient
