#include "core/evidence/RenderCache.h"

#include "base/AtomicFile.h"
#include "base/Errors.h"
#include "base/Sha256.h"
#include "core/evidence/PngFile.h"

#include <filesystem>
#include <system_error>

namespace salient {
namespace fs = std::filesystem;

namespace {

/// Size and modification time of a file, or "missing".
std::string fileStamp(const fs::path& path)
{
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error)
        return "missing";
    const auto time = fs::last_write_time(path, error);
    return std::to_string(size) + "@" + std::to_string(error ? 0 : time.time_since_epoch().count());
}

} // namespace

RenderCache::RenderCache(std::string directory) : m_directory(std::move(directory)) {}

RenderCache RenderCache::forWorkspace(const std::string& workspaceDirectory)
{
    return RenderCache((fs::path(workspaceDirectory) / "cache" / "render").string());
}

std::string RenderCache::hash(const RenderKey& key) const
{
    const fs::path image = fs::absolute(key.imagePath).lexically_normal();
    // One field per line; none of them holds a newline except, possibly, parameters, which come last.
    const std::string text = "salient-render-1\n" + key.modelSha256 + "\n" + image.string() + "\n" +
                             fileStamp(image) + "\n" + std::to_string(key.feature) + "\n" + key.kind + "\n" +
                             key.parameters;
    Sha256 sha;
    sha.update(text.data(), text.size());
    return sha.hexDigest();
}

std::string RenderCache::pathFor(const RenderKey& key, const std::string& extension) const
{
    const std::string name = hash(key);
    return (fs::path(m_directory) / name.substr(0, 2) / (name + "." + extension)).string();
}

std::optional<std::string> RenderCache::lookup(const RenderKey& key, const std::string& extension) const
{
    std::string path = pathFor(key, extension);
    std::error_code error;
    if (fs::is_regular_file(path, error))
        return path;
    return std::nullopt;
}

std::string RenderCache::storeBytes(const RenderKey& key, const std::vector<char>& bytes,
                                    const std::string& extension) const
{
    const std::string path = pathFor(key, extension);
    std::error_code error;
    fs::create_directories(fs::path(path).parent_path(), error);
    if (error)
        throw InputError(fs::path(path).parent_path().string() + ": cannot create the render cache folder (" +
                         error.message() + ")");
    writeFileAtomically(path, std::string_view(bytes.data(), bytes.size()));
    return path;
}

std::string RenderCache::storePng(const RenderKey& key, const Image& image) const
{
    const std::vector<std::uint8_t> png = encodePng(image);
    return storeBytes(key, std::vector<char>(png.begin(), png.end()), "png");
}

} // namespace salient
