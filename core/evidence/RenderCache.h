#pragma once

#include "core/Image.h"

#include <optional>
#include <string>
#include <vector>

namespace salient {

/// What a cached render depends on; keys that differ in any field name different files.
struct RenderKey
{
    std::string modelSha256;
    std::string imagePath; ///< the source image file
    int feature = 0;
    std::string kind;       ///< "image", "heatmap", "attack", "attack-trace", ...
    std::string parameters; ///< everything else the render depends on, as text
};

/// Rendered files under one folder (a workspace's `cache/render/`), named by the SHA-256 of their key:
/// `<folder>/<first two hex digits>/<hash>.<extension>`. Files are written through a temporary file and
/// a rename, so a reader never sees half a file. Everything in it can be rebuilt: deleting the folder is
/// always safe.
class RenderCache
{
public:
    explicit RenderCache(std::string directory);
    /// The cache of a workspace: `<workspaceDirectory>/cache/render`.
    static RenderCache forWorkspace(const std::string& workspaceDirectory);

    const std::string& directory() const { return m_directory; }

    /// SHA-256 over the key's fields and the source image's absolute path, size and modification time,
    /// so that an image replaced in place is rendered again.
    std::string hash(const RenderKey& key) const;
    std::string pathFor(const RenderKey& key, const std::string& extension) const;

    /// The cached file's path, or nothing when it was never stored (or was deleted).
    std::optional<std::string> lookup(const RenderKey& key, const std::string& extension = "png") const;
    /// Stores the image as PNG and returns its path; throws InputError when it cannot be written.
    std::string storePng(const RenderKey& key, const Image& image) const;
    std::string storeBytes(const RenderKey& key, const std::vector<char>& bytes,
                           const std::string& extension) const;

private:
    std::string m_directory;
};

} // namespace salient
