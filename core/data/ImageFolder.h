#pragma once

#include <string>
#include <utility>
#include <vector>

namespace salient {

struct ImageFolderEntry
{
    std::string path;
    int label = 0;
};

/// A dataset laid out as `root/<class>/<image>` (ImageNet's `train/nXXXXXXXX/*.JPEG`, the demo's
/// `train/<wnid>/*.png`): classes are the sub-folders in sorted order, as torchvision's ImageFolder has them.
struct ImageFolder
{
    std::string root;
    std::vector<std::string> classes;      ///< folder names, sorted; the label is the index
    std::vector<ImageFolderEntry> entries; ///< sorted by class, then file name
    std::vector<std::string> emptyClasses; ///< class folders without a single image
    /// Entries that cannot be used, with the reason: a symbolic link that loops or leads nowhere, an
    /// unreadable folder, a line break in a name (an index lists one name per line). Never fatal.
    std::vector<std::pair<std::string, std::string>> skipped;

    /// Scans `root`; files with other extensions than .jpg, .jpeg, .png (any case) are ignored.
    /// Throws InputError when root is missing or holds no class folder.
    static ImageFolder scan(const std::string& root);
};

} // namespace salient
