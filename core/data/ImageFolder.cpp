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

} // namespace

ImageFolder ImageFolder::scan(const std::string& root)
{
    std::error_code error;
    if (!fs::is_directory(root, error))
        throw InputError(root + ": not a folder of class folders");
    ImageFolder folder;
    folder.root = root;
    for (const auto& entry : fs::directory_iterator(root))
        if (entry.is_directory())
            folder.classes.push_back(entry.path().filename().string());
    std::sort(folder.classes.begin(), folder.classes.end());
    if (folder.classes.empty())
        throw InputError(root + ": no class folders inside");
    for (std::size_t label = 0; label < folder.classes.size(); ++label) {
        std::vector<std::string> files;
        for (const auto& entry : fs::directory_iterator(fs::path(root) / folder.classes[label]))
            if (entry.is_regular_file() && isImageFile(entry.path()))
                files.push_back(entry.path().string());
        std::sort(files.begin(), files.end());
        if (files.empty())
            folder.emptyClasses.push_back(folder.classes[label]);
        for (auto& file : files)
            folder.entries.push_back({std::move(file), int(label)});
    }
    return folder;
}

} // namespace salient
