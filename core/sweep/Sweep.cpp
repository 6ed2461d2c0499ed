#include "core/sweep/Sweep.h"

#include "base/Errors.h"
#include "core/data/ClassMapping.h"
#include "core/model/ModelFile.h"
#include "core/model/TorchDevice_p.h"
#include "core/sweep/Corruption_p.h"
#include "core/sweep/SweepBatch_p.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <chrono>
#include <filesystem>
#include <future>

namespace salient {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct SweepNetwork
{
    LoadedModel model;
    std::vector<std::int64_t> classOf; ///< source label -> model class
};

/// Models that want the same resize, crop and normalisation mean (grey fills with it) share a decoded
/// batch and its corrupted images.
struct GeometryGroup
{
    Preprocessing geometry;
    std::vector<int> models;
};

std::vector<GeometryGroup> groupByGeometry(const std::vector<SweepNetwork>& networks)
{
    std::vector<GeometryGroup> groups;
    for (std::size_t m = 0; m < networks.size(); ++m) {
        const Preprocessing& p = networks[m].model.network->preprocessing();
        auto it = std::find_if(groups.begin(), groups.end(), [&](const GeometryGroup& g) {
            return g.geometry.resize == p.resize && g.geometry.crop == p.crop && g.geometry.mean == p.mean;
        });
        if (it == groups.end())
            it = groups.insert(groups.end(), GeometryGroup{p, {}});
        it->models.push_back(int(m));
    }
    return groups;
}

std::string uniqueName(const std::string& path, const std::vector<SweepModel>& taken)
{
    const std::string stem = std::filesystem::path(path).stem().string();
    std::string name = stem;
    for (int k = 2;
         std::any_of(taken.begin(), taken.end(), [&](const SweepModel& m) { return m.name == name; }); ++k)
        name = stem + " (" + std::to_string(k) + ")";
    return name;
}

/// The rows of a per-image tensor at `index`; a fill every image shares (a constant, or one value per
/// channel) broadcasts as it is.
at::Tensor rowsOf(const at::Tensor& tensor, const at::Tensor& index)
{
    return tensor.dim() < 4 || tensor.size(0) == 1 ? tensor : tensor.index_select(0, index);
}

at::Tensor indexTensor(const std::vector<std::int64_t>& rows, at::Device device)
{
    return at::tensor(rows, at::kLong).to(device);
}

class SweepRun
{
public:
    SweepRun(const SweepSource& source, const std::vector<std::string>& modelPaths,
             const SweepOptions& options, const Job& job)
        : m_source(source), m_options(options), m_job(job), m_device(torchDevice(options.device))
    {
        options.validate();
        if (modelPaths.empty())
            throw InputError("a sweep needs at least one model");
        ImageFolder classes;
        classes.root = source.description();
        classes.classes = source.classIds();
        for (const std::string& path : modelPaths) {
            SweepNetwork network;
            network.model = loadModel(path, m_device);
            network.classOf = mapFolderClasses(network.model.info, classes);
            SweepModel model;
            model.path = path;
            model.sha256 = network.model.info.sha256;
            model.name = uniqueName(path, m_results.models);
            model.architecture = network.model.info.architecture;
            model.device = m_device.is_cuda() ? "cuda" : "cpu";
            m_results.models.push_back(model);
            m_networks.push_back(std::move(network));
        }
        m_groups = groupByGeometry(m_networks);
        m_positions = scopeSamples(source, options.scope);
        if (m_positions.empty())
            throw InputError("no image of " + source.description() + " is in the sweep's scope");

        m_results.source = source.description();
        m_results.classIds = source.classIds();
        m_results.features = sourceFeatures(source);
        for (const SourceFeature& f : m_results.features)
            m_results.featureNames[{f.classIndex, f.feature}] = source.featureName(f.classIndex, f.feature);
        m_results.sigmas = options.sigmas;
        m_results.strategies = options.strategies;
        m_results.scope = options.scope;
        m_results.seed = options.seed;
        m_results.batchSize = options.batchSize;
        m_results.device = m_device.is_cuda() ? "cuda" : "cpu";
        m_results.scopeImages = std::int64_t(m_positions.size());
    }

    SweepResults run(const SweepListener& listener)
    {
        at::NoGradGuard noGrad;
        const Clock::time_point start = Clock::now();
        const std::size_t count = m_positions.size(), batchSize = std::size_t(m_options.batchSize);
        auto decode = [this](std::size_t begin, std::size_t end) {
            const std::vector<std::size_t> samples(m_positions.begin() + long(begin),
                                                   m_positions.begin() + long(end));
            std::vector<SweepBatch> batches;
            for (const GeometryGroup& group : m_groups)
                batches.push_back(
                    decodeSweepBatch(m_source, samples, group.geometry, m_options.featureDrops));
            return batches;
        };
        // Decoding runs one batch ahead on its own threads while the models work on the current batch.
        std::future<std::vector<SweepBatch>> pending =
            std::async(std::launch::async, decode, 0, std::min(count, batchSize));
        for (std::size_t begin = 0; begin < count; begin += batchSize) {
            const std::size_t end = std::min(count, begin + batchSize);
            std::vector<SweepBatch> batches = pending.get();
            m_job.throwIfCancelled();
            m_job.report(std::int64_t(begin), std::int64_t(count), "Sweeping");
            if (end < count)
                pending = std::async(std::launch::async, decode, end, std::min(count, end + batchSize));
            for (std::size_t g = 0; g < m_groups.size(); ++g)
                process(m_groups[g], batches[g]);
            m_results.imagesDone = std::int64_t(end);
            m_results.seconds = secondsSince(start);
            if (listener)
                listener(m_results);
        }
        m_job.report(std::int64_t(count), std::int64_t(count), "Sweeping");
        return m_results;
    }

private:
    /// The arg-max class of every image, in forward passes of at most the batch size.
    std::vector<std::int64_t> predict(SweepNetwork& network, const at::Tensor& images)
    {
        const Clock::time_point start = Clock::now();
        Network& net = *network.model.network;
        std::vector<at::Tensor> parts;
        for (std::int64_t begin = 0; begin < images.size(0); begin += m_options.batchSize) {
            const at::Tensor x =
                images.slice(0, begin, std::min(images.size(0), begin + m_options.batchSize));
            const at::Tensor logits =
                net.isNative() ? net.resnet().inferenceForward(net.normalise(x)).logits : net.logits(x);
            parts.push_back(logits.argmax(1));
        }
        const at::Tensor predicted = at::cat(parts).to(at::kCPU).contiguous();
        m_results.forwardImages += images.size(0);
        m_results.forwardSeconds += secondsSince(start);
        const std::int64_t* data = predicted.data_ptr<std::int64_t>();
        return std::vector<std::int64_t>(data, data + predicted.numel());
    }

    void process(const GeometryGroup& group, const SweepBatch& host)
    {
        const std::int64_t n = std::int64_t(host.samples.size());
        const auto& samples = m_source.samples();
        const at::Tensor x = host.images.to(m_device).permute({0, 3, 1, 2}).contiguous();
        const at::Tensor coreUnion = host.coreUnion.to(m_device).unsqueeze(1);
        const at::Tensor spuriousUnion = host.spuriousUnion.to(m_device).unsqueeze(1);
        const at::Tensor featureMasks = host.featureMasks.to(m_device).unsqueeze(1);
        // Core accuracy corrupts the spurious union of images that have one, spurious accuracy the core
        // union.
        std::vector<std::int64_t> coreRows, spuriousRows;
        for (std::int64_t i = 0; i < n; ++i) {
            if (host.hasSpurious[std::size_t(i)])
                coreRows.push_back(i);
            if (host.hasCore[std::size_t(i)])
                spuriousRows.push_back(i);
        }
        const at::Tensor coreIndex = indexTensor(coreRows, m_device);
        const at::Tensor spuriousIndex = indexTensor(spuriousRows, m_device);
        const at::Tensor ownerIndex = indexTensor(host.featureOwner, m_device);

        std::vector<std::vector<bool>> clean(m_networks.size());
        for (int m : group.models) {
            const std::vector<std::int64_t> predicted = predict(m_networks[std::size_t(m)], x);
            for (std::int64_t i = 0; i < n; ++i) {
                const int label = samples[host.samples[std::size_t(i)]].label;
                const bool correct =
                    predicted[std::size_t(i)] == m_networks[std::size_t(m)].classOf[std::size_t(label)];
                clean[std::size_t(m)].push_back(correct);
                m_results.clean[{m, label}].add(correct, correct);
                m_results.clean[{m, -1}].add(correct, correct);
            }
        }

        for (SweepStrategy strategy : m_options.strategies) {
            const at::Tensor fill = corruptionFill(strategy, x, group.geometry.mean);
            for (std::size_t level = 0; level < m_options.sigmas.size(); ++level) {
                m_job.throwIfCancelled();
                const double sigma = m_options.sigmas[level];
                at::Tensor noiseOrFill = fill;
                if (isRandomStrategy(strategy)) {
                    std::vector<std::uint64_t> seeds;
                    for (std::size_t sample : host.samples)
                        seeds.push_back(noiseSeed(m_options.seed, sample, strategy, sigma));
                    noiseOrFill = corruptionNoise(strategy, seeds, x.sizes(), m_device);
                }
                auto corrupted = [&](const at::Tensor& index, const at::Tensor& masks) {
                    return corrupt(strategy, sigma, x.index_select(0, index), masks,
                                   rowsOf(noiseOrFill, index));
                };
                std::vector<at::Tensor> parts;
                if (!coreRows.empty())
                    parts.push_back(corrupted(coreIndex, spuriousUnion.index_select(0, coreIndex)));
                if (!spuriousRows.empty())
                    parts.push_back(corrupted(spuriousIndex, coreUnion.index_select(0, spuriousIndex)));
                if (!host.featureOwner.empty())
                    parts.push_back(corrupted(ownerIndex, featureMasks));
                if (parts.empty())
                    continue;
                const at::Tensor inputs = at::cat(parts);
                for (int m : group.models)
                    tally(m, strategy, int(level), host, coreRows, spuriousRows, clean[std::size_t(m)],
                          predict(m_networks[std::size_t(m)], inputs));
            }
        }
    }

    void tally(int model, SweepStrategy strategy, int level, const SweepBatch& host,
               const std::vector<std::int64_t>& coreRows, const std::vector<std::int64_t>& spuriousRows,
               const std::vector<bool>& clean, const std::vector<std::int64_t>& predicted)
    {
        const auto& samples = m_source.samples();
        const auto& classOf = m_networks[std::size_t(model)].classOf;
        auto add = [&](SweepMeasure measure, int classIndex, int feature, bool before, bool after) {
            m_results.cells[{model, strategy, level, measure, classIndex, feature}].add(before, after);
        };
        // Results of the union passes, also for features alone in their role.
        auto unionPass = [&](const std::vector<std::int64_t>& rows, std::size_t offset, SweepMeasure measure,
                             MaskRole role) {
            for (std::size_t k = 0; k < rows.size(); ++k) {
                const std::size_t i = std::size_t(rows[k]);
                const SweepSample& sample = samples[host.samples[i]];
                const bool after = predicted[offset + k] == classOf[std::size_t(sample.label)];
                add(measure, sample.label, 0, clean[i], after);
                add(measure, -1, 0, clean[i], after);
                for (std::size_t m = 0; m < sample.masks.size(); ++m)
                    if (m_options.featureDrops && sample.masks[m].role == role && host.featureRow[i][m] < 0)
                        add(SweepMeasure::Feature, sample.label, sample.masks[m].feature, clean[i], after);
            }
        };
        unionPass(coreRows, 0, SweepMeasure::Core, MaskRole::Spurious);
        unionPass(spuriousRows, coreRows.size(), SweepMeasure::Spurious, MaskRole::Core);
        const std::size_t featureOffset = coreRows.size() + spuriousRows.size();
        for (std::size_t i = 0; i < host.featureRow.size(); ++i) {
            const SweepSample& sample = samples[host.samples[i]];
            for (std::size_t m = 0; m < sample.masks.size(); ++m) {
                const std::int64_t row = host.featureRow[i][m];
                if (row < 0)
                    continue;
                const bool after =
                    predicted[featureOffset + std::size_t(row)] == classOf[std::size_t(sample.label)];
                add(SweepMeasure::Feature, sample.label, sample.masks[m].feature, clean[i], after);
            }
        }
    }

    const SweepSource& m_source;
    const SweepOptions& m_options;
    const Job& m_job;
    at::Device m_device;
    std::vector<SweepNetwork> m_networks;
    std::vector<GeometryGroup> m_groups;
    std::vector<std::size_t> m_positions;
    SweepResults m_results;
};

} // namespace

SweepResults runSweep(const SweepSource& source, const std::vector<std::string>& modelPaths,
                      const SweepOptions& options, const Job& job, const SweepListener& listener)
{
    SweepRun run(source, modelPaths, options, job);
    return run.run(listener);
}

} // namespace salient
