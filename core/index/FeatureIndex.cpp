#include "core/index/FeatureIndex.h"

#include "base/AtomicFile.h"
#include "base/Errors.h"
#include "core/ImageDecoder.h"
#include "core/ImageHeader.h"
#include "core/Parallel.h"
#include "core/data/ClassMapping.h"
#include "core/data/ImageFolder.h"
#include "core/index/IndexManifest.h"
#include "core/model/ModelFile.h"
#include "core/model/TorchDevice_p.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <future>
#include <map>

namespace salient {
namespace fs = std::filesystem;

namespace {

using Json = nlohmann::json;

/// A file of fixed-size rows written in place, so that a resumed run fills in only what is missing.
class RowFile
{
public:
    RowFile(const fs::path& path, std::int64_t rows, std::int64_t rowBytes, bool fresh)
        : m_path(path), m_rowBytes(rowBytes)
    {
        if (fresh || !fs::exists(path) || std::int64_t(fs::file_size(path)) != rows * rowBytes) {
            std::ofstream(path, std::ios::binary | std::ios::trunc).close();
            fs::resize_file(path, std::uintmax_t(rows * rowBytes));
        }
        m_file.open(path, std::ios::binary | std::ios::in | std::ios::out);
        if (!m_file)
            throw InputError(path.string() + ": cannot open for writing");
    }

    void write(std::int64_t row, const void* data, std::int64_t count)
    {
        m_file.seekp(std::streamoff(row * m_rowBytes));
        m_file.write(static_cast<const char*>(data), std::streamsize(count * m_rowBytes));
    }

    void flush()
    {
        m_file.flush();
        if (!m_file)
            throw InputError(m_path.string() + ": write failed (disk full?)");
    }

private:
    fs::path m_path;
    std::int64_t m_rowBytes;
    std::fstream m_file;
};

struct DecodedBatch
{
    std::vector<Image> images;
    std::vector<std::string> failures; ///< empty where the image decoded
};

void writeJson(const fs::path& path, const Json& json)
{
    const std::string text = json.dump(2) + "\n";
    writeFileAtomically(path.string(), text);
}

/// What a run of this model over these images writes into progress.json and checks on resuming:
/// rows made by another model, dataset or preprocessing are never reused.
std::string runIdentity(const ModelInfo& info, const std::string& preprocessing,
                        const std::string& datasetRoot, std::int64_t count)
{
    return info.sha256 + "|" + fs::absolute(datasetRoot).lexically_normal().string() + "|" +
           std::to_string(count) + "|" + preprocessing;
}

/// The input size every image must have for a model that keeps image sizes (no crop): that of the most
/// common image size in the whole dataset after preprocessing, the same for every shard. {0, 0} when the
/// model crops (every input then has the crop's size) or no size can be read.
std::pair<int, int> keptInputSize(const ImageFolder& folder, const Preprocessing& preprocessing)
{
    if (preprocessing.crop > 0)
        return {0, 0};
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::int64_t> sizes;
    for (const ImageFolderEntry& entry : folder.entries)
        if (const auto size = declaredImageSize(entry.path))
            ++sizes[*size];
    if (sizes.empty())
        return {0, 0};
    const auto common = std::max_element(sizes.begin(), sizes.end(), [](const auto& a, const auto& b) {
                            return a.second < b.second;
                        })->first;
    return preparedSize(int(common.first), int(common.second), preprocessing.resize, preprocessing.crop);
}

/// The shard of the sorted images `options` asks for: [first, last).
std::pair<std::int64_t, std::int64_t> shardRange(std::int64_t total, const IndexOptions& options)
{
    if (options.shardCount < 1 || options.shard < 0 || options.shard >= options.shardCount)
        throw InputError("shard " + std::to_string(options.shard) + "/" + std::to_string(options.shardCount) +
                         " does not exist (shards are numbered 0 to N-1)");
    // A shard is a contiguous run of the sorted images, so shards merge by concatenation.
    return {total * options.shard / options.shardCount, total * (options.shard + 1) / options.shardCount};
}

} // namespace

std::optional<IndexSummary> completedFeatureIndex(const std::string& modelPath,
                                                  const std::string& datasetRoot,
                                                  const std::string& indexDirectory,
                                                  const IndexOptions& options)
{
    try {
        if (fs::exists(fs::path(indexDirectory) / "progress.json"))
            return std::nullopt;
        const IndexManifest manifest = IndexManifest::read(indexDirectory);
        const ImageFolder folder = ImageFolder::scan(datasetRoot);
        const std::int64_t total = std::int64_t(folder.entries.size());
        const auto [first, last] = shardRange(total, options);
        if (manifest.totalImages != total || manifest.first != first || manifest.images != last - first ||
            manifest.shard != options.shard || manifest.shardCount != options.shardCount ||
            fs::absolute(manifest.dataset).lexically_normal() != fs::absolute(datasetRoot).lexically_normal())
            return std::nullopt;
        const LoadedModel model = loadModel(modelPath, at::kCPU);
        if (manifest.modelSha256 != model.info.sha256 ||
            manifest.preprocessing != model.network->preprocessing().describe())
            return std::nullopt;
        IndexSummary summary;
        summary.images = manifest.images;
        summary.featureWidth = manifest.featureWidth;
        summary.classes = manifest.classes;
        summary.resumedAt = manifest.images;
        summary.unreadable = manifest.unreadable;
        summary.accuracy = manifest.accuracy;
        summary.emptyClasses = folder.emptyClasses;
        summary.skipped = folder.skipped;
        return summary;
    } catch (const std::exception&) {
        return std::nullopt; // unreadable or gone: not a finished index of this run
    }
}

IndexSummary buildFeatureIndex(const std::string& modelPath, const std::string& datasetRoot,
                               const std::string& indexDirectory, const IndexOptions& options, const Job& job)
{
    if (options.batchSize < 1)
        throw InputError("the batch size must be at least 1");
    LoadedModel model = loadModel(modelPath, torchDevice(options.device));
    Network& network = *model.network;
    ResNet& resnet = network.resnet(); // features need a native model
    ImageFolder folder = ImageFolder::scan(datasetRoot);
    const std::vector<std::int64_t> classOf = mapFolderClasses(model.info, folder);
    const std::int64_t total = std::int64_t(folder.entries.size());
    const auto [first, last] = shardRange(total, options);
    const auto [keptWidth, keptHeight] = keptInputSize(folder, network.preprocessing());
    folder.entries =
        std::vector<ImageFolderEntry>(folder.entries.begin() + first, folder.entries.begin() + last);
    const std::int64_t count = last - first;
    const int width = model.info.featureWidth;
    if (total == 0)
        throw InputError(datasetRoot + ": no images");

    const fs::path dir(indexDirectory);
    fs::create_directories(dir);
    const fs::path progressPath = dir / "progress.json";
    const std::string preprocessing = network.preprocessing().describe();
    const std::string identity = runIdentity(model.info, preprocessing, datasetRoot, count);
    IndexSummary summary;
    summary.emptyClasses = folder.emptyClasses;
    summary.skipped = folder.skipped;
    summary.images = count;
    summary.featureWidth = width;
    summary.classes = model.info.numClasses;
    if (std::ifstream in(progressPath); in) {
        const Json progress = Json::parse(in, nullptr, false);
        if (!progress.is_discarded() && progress.value("identity", "") == identity) {
            summary.resumedAt = progress.value("done", std::int64_t(0));
            for (const auto& u : progress.value("unreadable", Json::array()))
                summary.unreadable.emplace_back(u.at(0).get<std::string>(), u.at(1).get<std::string>());
        }
    }
    const bool fresh = summary.resumedAt == 0;
    RowFile features(dir / "features.f32", count, std::int64_t(width) * 4, fresh);
    RowFile labels(dir / "labels.i32", count, 4, fresh);
    RowFile predictions(dir / "predictions.i32", count, 4, fresh);

    at::NoGradGuard noGrad;
    // Decoding runs one batch ahead on its own threads while the model works on the current batch.
    auto decode = [&](std::int64_t begin, std::int64_t end) {
        DecodedBatch batch;
        batch.images.resize(std::size_t(end - begin));
        batch.failures.resize(batch.images.size());
        parallelFor(0, batch.images.size(), [&](std::size_t i) {
            const std::string& path = folder.entries[std::size_t(begin) + i].path;
            try {
                batch.images[i] = applyGeometry(decodeImageFile(path), network.preprocessing());
                const Image& image = batch.images[i];
                if (keptWidth > 0 && (image.width != keptWidth || image.height != keptHeight))
                    throw ImageError(path + ": " + std::to_string(image.width) + " x " +
                                     std::to_string(image.height) +
                                     "; this model keeps image sizes (no crop), " +
                                     "and the dataset's images are mostly " + std::to_string(keptWidth) +
                                     " x " + std::to_string(keptHeight));
            } catch (const InputError& e) {
                batch.failures[i] = e.what();
            }
        });
        return batch;
    };
    std::future<DecodedBatch> pending;
    if (summary.resumedAt < count)
        pending = std::async(std::launch::async, decode, summary.resumedAt,
                             std::min(count, summary.resumedAt + options.batchSize));
    for (std::int64_t begin = summary.resumedAt; begin < count; begin += options.batchSize) {
        const std::int64_t end = std::min(count, begin + options.batchSize);
        DecodedBatch batch = pending.get();
        job.throwIfCancelled();
        job.report(begin, count, "Indexing");
        if (end < count)
            pending = std::async(std::launch::async, decode, end, std::min(count, end + options.batchSize));
        std::vector<Image> readable;
        std::vector<std::int64_t> rows;
        for (std::size_t i = 0; i < batch.images.size(); ++i) {
            if (batch.failures[i].empty()) {
                readable.push_back(std::move(batch.images[i]));
                rows.push_back(begin + std::int64_t(i));
            } else {
                summary.unreadable.emplace_back(folder.entries[std::size_t(begin) + i].path,
                                                batch.failures[i]);
            }
        }
        std::vector<std::int32_t> batchLabels, batchPredictions(std::size_t(end - begin), -1);
        for (std::int64_t row = begin; row < end; ++row)
            batchLabels.push_back(std::int32_t(classOf[std::size_t(folder.entries[std::size_t(row)].label)]));
        at::Tensor batchFeatures = at::zeros({end - begin, width});
        if (!readable.empty()) {
            const ResNetOutputs out =
                resnet.inferenceForward(network.normalise(imagesToTensor(readable).to(network.device())));
            const at::Tensor rowIndex = at::tensor(rows, at::kLong) - begin;
            batchFeatures.index_copy_(0, rowIndex, out.features.to(at::kCPU).to(at::kFloat));
            const at::Tensor predicted = out.logits.argmax(1).to(at::kCPU);
            for (std::size_t i = 0; i < rows.size(); ++i)
                batchPredictions[std::size_t(rows[i] - begin)] =
                    std::int32_t(predicted[std::int64_t(i)].item<std::int64_t>());
        }
        batchFeatures = batchFeatures.contiguous();
        features.write(begin, batchFeatures.data_ptr<float>(), end - begin);
        labels.write(begin, batchLabels.data(), end - begin);
        predictions.write(begin, batchPredictions.data(), end - begin);
        features.flush();
        labels.flush();
        predictions.flush();
        // Only once the rows are on disk does the progress move past them.
        Json unreadable = Json::array();
        for (const auto& [path, reason] : summary.unreadable)
            unreadable.push_back({path, reason});
        writeJson(progressPath, {{"identity", identity}, {"done", end}, {"unreadable", unreadable}});
    }

    // The last linear layer, for the importance of step 2.
    const at::Tensor fc =
        resnet.stateDict().at(resnet.stateDict().size() - 2).second.detach().to(at::kCPU).contiguous();
    RowFile fcFile(dir / "fc.f32", model.info.numClasses, std::int64_t(width) * 4, true);
    fcFile.write(0, fc.data_ptr<float>(), model.info.numClasses);
    fcFile.flush();

    std::ofstream list(dir / "images.txt");
    for (const auto& entry : folder.entries)
        list << fs::relative(entry.path, datasetRoot).string() << '\n';

    summary.accuracy = indexAccuracy(dir.string(), count);
    IndexManifest manifest;
    manifest.images = count;
    manifest.first = first;
    manifest.totalImages = total;
    manifest.shard = options.shard;
    manifest.shardCount = options.shardCount;
    manifest.featureWidth = width;
    manifest.classes = model.info.numClasses;
    manifest.classIds = model.info.classIds;
    manifest.model = modelPath;
    manifest.modelSha256 = model.info.sha256;
    manifest.dataset = datasetRoot;
    manifest.preprocessing = preprocessing;
    manifest.accuracy = summary.accuracy;
    manifest.unreadable = summary.unreadable;
    manifest.write(dir.string());
    fs::remove(progressPath);
    return summary;
}

} // namespace salient
