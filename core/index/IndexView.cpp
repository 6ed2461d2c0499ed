#include "core/index/IndexView.h"

#include "base/Errors.h"
#include "core/index/IndexManifest.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace salient {

struct IndexView::Mapping
{
    void* address = MAP_FAILED;
    std::size_t size = 0;

    Mapping(const std::string& path, std::size_t expectedSize)
    {
        const int fd = ::open(path.c_str(), O_RDONLY);
        if (fd < 0)
            throw InputError(path + ": cannot open the index file");
        struct stat info = {};
        ::fstat(fd, &info);
        size = std::size_t(info.st_size);
        if (size != expectedSize) {
            ::close(fd);
            throw InputError(path + ": " + std::to_string(size) + " bytes where index.json implies " +
                             std::to_string(expectedSize) + " (an unfinished or damaged index)");
        }
        if (size > 0)
            address = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
        ::close(fd);
        if (size > 0 && address == MAP_FAILED)
            throw InputError(path + ": cannot map the index file");
    }
    ~Mapping()
    {
        if (address != MAP_FAILED)
            ::munmap(address, size);
    }
};

IndexView::IndexView(IndexView&&) noexcept = default;
IndexView::~IndexView() = default;

IndexView IndexView::open(const std::string& directory)
{
    const std::filesystem::path dir(directory);
    const IndexManifest manifest = IndexManifest::read(directory);
    if (manifest.images != manifest.totalImages)
        throw InputError(directory + ": one shard of an index (" + std::to_string(manifest.shard) + "/" +
                         std::to_string(manifest.shardCount) +
                         "); merge the shards first with salient index merge");
    IndexView view;
    view.m_images = manifest.images;
    view.m_width = manifest.featureWidth;
    view.m_classes = manifest.classes;
    view.m_classIds = manifest.classIds;
    view.m_dataset = manifest.dataset;
    auto map = [&](const char* name, std::size_t bytes) {
        view.m_mappings.push_back(std::make_unique<Mapping>((dir / name).string(), bytes));
        return view.m_mappings.back()->address;
    };
    const std::size_t n = std::size_t(view.m_images), d = std::size_t(view.m_width);
    view.m_features = static_cast<const float*>(map("features.f32", n * d * 4));
    view.m_labels = static_cast<const std::int32_t*>(map("labels.i32", n * 4));
    view.m_predictions = static_cast<const std::int32_t*>(map("predictions.i32", n * 4));
    view.m_fc = static_cast<const float*>(map("fc.f32", std::size_t(view.m_classes) * d * 4));
    std::ifstream list(dir / "images.txt");
    for (std::string line; std::getline(list, line);)
        view.m_paths.push_back(line);
    if (std::int64_t(view.m_paths.size()) != view.m_images)
        throw InputError((dir / "images.txt").string() + ": lists " + std::to_string(view.m_paths.size()) +
                         " images, index.json " + std::to_string(view.m_images));
    return view;
}

} // namespace salient
