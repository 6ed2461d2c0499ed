#include "core/index/IndexManifest.h"

#include "base/AtomicFile.h"
#include "base/Errors.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace salient {
namespace fs = std::filesystem;

IndexManifest IndexManifest::read(const std::string& directory)
{
    const fs::path file = fs::path(directory) / "index.json";
    std::ifstream in(file);
    if (!in)
        throw InputError(directory +
                         ": no finished feature index here (index.json missing); run salient index");
    IndexManifest m;
    try {
        const nlohmann::json json = nlohmann::json::parse(in);
        m.images = json.at("images").get<std::int64_t>();
        m.first = json.value("first", std::int64_t(0));
        m.totalImages = json.value("total_images", m.images);
        m.shard = json.value("shard", 0);
        m.shardCount = json.value("shard_count", 1);
        m.featureWidth = json.at("feature_width").get<int>();
        m.classes = json.at("classes").get<int>();
        m.classIds = json.at("class_ids").get<std::vector<std::string>>();
        m.model = json.at("model").get<std::string>();
        m.modelSha256 = json.at("model_sha256").get<std::string>();
        m.dataset = json.at("dataset").get<std::string>();
        m.preprocessing = json.value("preprocessing", "");
        m.accuracy = json.value("accuracy", 0.0);
        for (const auto& u : json.at("unreadable"))
            m.unreadable.emplace_back(u.at("path").get<std::string>(), u.at("reason").get<std::string>());
    } catch (const nlohmann::json::exception& e) {
        throw InputError(file.string() + ": malformed (" + e.what() + ")");
    }
    return m;
}

void IndexManifest::write(const std::string& directory) const
{
    nlohmann::json unreadableJson = nlohmann::json::array();
    for (const auto& [path, reason] : unreadable)
        unreadableJson.push_back({{"path", path}, {"reason", reason}});
    const nlohmann::json json = {{"images", images},
                                 {"first", first},
                                 {"total_images", totalImages},
                                 {"shard", shard},
                                 {"shard_count", shardCount},
                                 {"feature_width", featureWidth},
                                 {"classes", classes},
                                 {"class_ids", classIds},
                                 {"model", model},
                                 {"model_sha256", modelSha256},
                                 {"dataset", dataset},
                                 {"preprocessing", preprocessing},
                                 {"dtype", "float32 little-endian row-major"},
                                 {"accuracy", accuracy},
                                 {"unreadable", unreadableJson}};
    const std::string text = json.dump(2) + "\n";
    writeFileAtomically((fs::path(directory) / "index.json").string(), text);
}

double indexAccuracy(const std::string& directory, std::int64_t rows)
{
    std::vector<std::int32_t> labels(static_cast<std::size_t>(rows)), predictions(labels.size());
    std::ifstream(fs::path(directory) / "labels.i32", std::ios::binary)
        .read(reinterpret_cast<char*>(labels.data()), std::streamsize(rows * 4));
    std::ifstream(fs::path(directory) / "predictions.i32", std::ios::binary)
        .read(reinterpret_cast<char*>(predictions.data()), std::streamsize(rows * 4));
    std::int64_t correct = 0, readable = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        readable += predictions[i] >= 0;
        correct += predictions[i] >= 0 && predictions[i] == labels[i];
    }
    return readable ? double(correct) / double(readable) : 0.0;
}

} // namespace salient
