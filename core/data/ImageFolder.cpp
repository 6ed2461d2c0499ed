#include "core/data/ImageFolder.h"

#include "base/Errors.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace salient {
namespace fs = std::filesystem;

namespace {

bool isImageFile(const fs::path& path)
{
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return extension == ".jpg" || extension == ".jpeg" || extension == ".png";
}

/// Why a name cannot go into an index, or empty.
std::string unusableName(const fs::path& path)
{
    const std::string name = path.filename().string();
    if (name.find_first_of("\n\r") != std::string::npos)
        return "a line break in the file name (an index lists one name per line)";
    return {};
}

/// The entries of `folder` that are of `type` (following symbolic links), sorted; what cannot be
/// examined is added to `skipped` instead of stopping the scan.
std::vector<fs::path> entriesOfType(const fs::path& folder, fs::file_type type,
                                    std::vector<std::pair<std::string, std::string>>& skipped)
{
    std::vector<fs::path> found;
    std::error_code error;
    fs::directory_iterator it(folder, error), end;
    if (error) {
        skipped.emplace_back(folder.string(), "cannot be read: " + error.message());
        return found;
    }
    for (; it != end; it.increment(error)) {
        if (error) {
            skipped.emplace_back(folder.string(), "cannot be listed to its end: " + error.message());
            break;
        }
        const fs::path& path = it->path();
        std::error_code statusError;
        const fs::file_status status = fs::status(path, statusError); // follows links, as before
        if (statusError) {
            const bool meant = type == fs::file_type::directory || isImageFile(path);
            if (meant && fs::is_symlink(fs::symlink_status(path, statusError)))
                skipped.emplace_back(path.string(), "a symbolic link that loops or leads nowhere");
            continue; // vanished meanwhile
        }
        if (status.type() != type)
            continue;
        if (type == fs::file_type::regular && !isImageFile(path))
            continue;
        if (const std::string why = unusableName(path); !why.empty()) {
            skipped.emplace_back(path.string(), why);
            continue;
        }
        found.push_back(path);
    }
    std::sort(found.begin(), found.end());
    return found;
}

} // namespace

ImageFolder ImageFolder::scan(const std::string& root)
{
    std::error_code error;
    if (!fs::is_directory(root, error))
        throw InputError(root + ": not a folder of class folders");
    ImageFolder folder;
    folder.root = root;
    for (const fs::path& classFolder : entriesOfType(root, fs::file_type::directory, folder.skipped))
        folder.classes.push_back(classFolder.filename().string());
    if (folder.classes.empty())
        throw InputError(root + ": no class folders inside");
    for (std::size_t label = 0; label < folder.classes.size(); ++label) {
        const auto files =
            entriesOfType(fs::path(root) / folder.classes[label], fs::file_type::regular, folder.skipped);
        if (files.empty())
            folder.emptyClasses.push_back(folder.classes[label]);
        for (const fs::path& file : files)
            folder.entries.push_back({file.string(), int(label)});
    }
    return folder;
}

} // namespace salient
