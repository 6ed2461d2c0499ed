#include "base/Errors.h"
#include "core/index/FeatureIndex.h"
#include "core/index/IndexManifest.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace salient {
namespace fs = std::filesystem;

namespace {

void append(const fs::path& from, std::ofstream& to)
{
    std::ifstream in(from, std::ios::binary);
    if (!in)
        throw InputError(from.string() + ": missing");
    to << in.rdbuf();
}

} // namespace

void mergeFeatureIndexes(const std::vector<std::string>& shardDirectories, const std::string& outDirectory)
{
    if (shardDirectories.empty())
        throw InputError("no shard folders to merge");
    std::vector<std::pair<IndexManifest, std::string>> shards;
    for (const auto& dir : shardDirectories)
        shards.emplace_back(IndexManifest::read(dir), dir);
    std::sort(shards.begin(), shards.end(),
              [](const auto& a, const auto& b) { return a.first.first < b.first.first; });
    const IndexManifest& head = shards.front().first;
    std::int64_t next = 0;
    for (const auto& [m, dir] : shards) {
        if (m.modelSha256 != head.modelSha256 || m.dataset != head.dataset ||
            m.totalImages != head.totalImages || m.featureWidth != head.featureWidth)
            throw InputError(dir + ": a shard of another model or dataset than " + shards.front().second);
        if (m.preprocessing != head.preprocessing)
            throw InputError(dir + ": a shard preprocessed otherwise (" + m.preprocessing + ") than " +
                             shards.front().second + " (" + head.preprocessing + ")");
        if (m.first != next)
            throw InputError(dir + ": starts at image " + std::to_string(m.first) +
                             " but the shards before end at " + std::to_string(next) +
                             (m.first > next ? " (a shard is missing)" : " (shards overlap)"));
        next = m.first + m.images;
    }
    if (next != head.totalImages)
        throw InputError("the shards end at image " + std::to_string(next) + " of " +
                         std::to_string(head.totalImages) + " (a shard is missing)");

    const fs::path out(outDirectory);
    fs::create_directories(out);
    for (const char* file : {"features.f32", "labels.i32", "predictions.i32", "images.txt"}) {
        std::ofstream joined(out / file, std::ios::binary | std::ios::trunc);
        for (const auto& shard : shards)
            append(fs::path(shard.second) / file, joined);
        if (!joined)
            throw InputError((out / file).string() + ": cannot write");
    }
    fs::copy_file(fs::path(shards.front().second) / "fc.f32", out / "fc.f32",
                  fs::copy_options::overwrite_existing);

    IndexManifest merged = head;
    merged.images = head.totalImages;
    merged.first = 0;
    merged.shard = 0;
    merged.shardCount = 1;
    merged.unreadable.clear();
    for (const auto& shard : shards)
        merged.unreadable.insert(merged.unreadable.end(), shard.first.unreadable.begin(),
                                 shard.first.unreadable.end());
    merged.accuracy = indexAccuracy(outDirectory, merged.images);
    merged.write(outDirectory);
}

} // namespace salient
