#pragma once

// Internal to core: includes LibTorch headers. What the masking lab's experiments share: their models,
// the batches of a source and predictions under a strategy.
#include "core/masking/MaskingExperiment.h"
#include "core/model/ModelFile.h"
#include "core/sweep/SweepBatch_p.h"

#include <ATen/core/Tensor.h>

#include <functional>

namespace salient {

struct ExperimentModel
{
    LoadedModel model;
    std::vector<std::int64_t> classOf; ///< source label -> model class
};

/// Validates the options, loads the models on the chosen device, maps the source's classes to each
/// and fills `info` (models, source, classes, options, device). Throws ModelError when layer masking
/// is asked of a black-box model.
std::vector<ExperimentModel> openExperiment(const SweepSource& source,
                                            const std::vector<std::string>& modelPaths,
                                            const MaskingOptions& options, MaskingRunInfo& info);

/// The batches of `positions` at `geometry`, images uploaded as N x 3 x H x W and the core-mask unions
/// as N x 1 x H x W on `device`; reports progress as `stage` and stops when the job is cancelled.
struct DeviceBatch
{
    const SweepBatch* host = nullptr;
    at::Tensor images;
    at::Tensor object;
};
void forEachBatch(const SweepSource& source, const std::vector<std::size_t>& positions,
                  const Preprocessing& geometry, at::Device device, int batchSize, const Job& job,
                  const std::string& stage, const std::function<void(const DeviceBatch&)>& body);

/// The model class predicted for each image once `strategy` removed what `keep` (N x 1 x H x W, 1 keeps,
/// soft allowed) leaves out; noise is drawn per image from `seeds`. Layer masking thresholds a soft
/// mask and adds what it did to `report`.
std::vector<std::int64_t> predictMasked(ExperimentModel& model, const at::Tensor& images,
                                        const at::Tensor& keep, MaskingStrategy strategy,
                                        const std::vector<std::uint64_t>& seeds,
                                        const MaskingOptions& options, LayerMaskReport& report);

/// The model class predicted for each clean image.
std::vector<std::int64_t> predictClean(ExperimentModel& model, const at::Tensor& images);

/// A note for info.notes when layer masking thresholded soft masks ("" when it did not).
std::string thresholdNote(const LayerMaskReport& report);

} // namespace salient
