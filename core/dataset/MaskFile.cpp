#include "core/dataset/MaskFile.h"

#include "base/Errors.h"

#include <filesystem>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace fs = std::filesystem;

namespace salient {

MaskFile::MaskFile(std::string path, std::FILE* file, std::uint64_t size)
    : m_path(std::move(path)), m_file(file), m_size(size)
{}

MaskFile::MaskFile(MaskFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_file(std::exchange(other.m_file, nullptr)), m_size(other.m_size)
{}

MaskFile& MaskFile::operator=(MaskFile&& other) noexcept
{
    if (this != &other) {
        if (m_file)
            std::fclose(m_file);
        m_path = std::move(other.m_path);
        m_file = std::exchange(other.m_file, nullptr);
        m_size = other.m_size;
    }
    return *this;
}

MaskFile::~MaskFile()
{
    if (m_file)
        std::fclose(m_file);
}

MaskFile MaskFile::openForAppend(const std::string& path, std::uint64_t committedSize)
{
    std::error_code error;
    fs::create_directories(fs::path(path).parent_path(), error);
    if (!fs::exists(path)) {
        std::FILE* created = std::fopen(path.c_str(), "wb");
        if (!created)
            throw InputError(path + ": cannot create the mask file");
        std::fclose(created);
    }
    const std::uint64_t actual = fs::file_size(path, error);
    if (error)
        throw InputError(path + ": cannot read the mask file's size");
    if (actual < committedSize)
        throw InputError(path + ": the mask file is shorter (" + std::to_string(actual) +
                         " bytes) than the masks salient.db lists (" + std::to_string(committedSize) +
                         " bytes); run salient dataset build again with --rebuild");
    if (actual > committedSize)
        fs::resize_file(path, committedSize, error); // masks of an interrupted run that no row names
    if (error)
        throw InputError(path + ": cannot cut off an interrupted run's masks");
    std::FILE* file = std::fopen(path.c_str(), "r+b");
    if (!file)
        throw InputError(path + ": cannot open the mask file");
    return MaskFile(path, file, committedSize);
}

MaskFile MaskFile::openForReading(const std::string& path)
{
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file)
        throw InputError(path + ": the mask file is missing; run salient dataset build or import");
    std::error_code error;
    const std::uint64_t size = fs::file_size(path, error);
    return MaskFile(path, file, error ? 0 : size);
}

std::uint64_t MaskFile::append(const SoftMask& mask)
{
    const std::uint64_t offset = m_size;
    if (std::fseek(m_file, long(offset), SEEK_SET) != 0 ||
        std::fwrite(mask.values.data(), 1, mask.values.size(), m_file) != mask.values.size())
        throw InputError(m_path + ": cannot write a mask (disk full?)");
    m_size += mask.values.size();
    return offset;
}

void MaskFile::flush()
{
    if (std::fflush(m_file) != 0 || ::fsync(fileno(m_file)) != 0)
        throw InputError(m_path + ": cannot flush the mask file");
}

SoftMask MaskFile::read(std::uint64_t offset, int width, int height) const
{
    SoftMask mask{width, height, std::vector<std::uint8_t>(std::size_t(width) * std::size_t(height))};
    if (std::fseek(m_file, long(offset), SEEK_SET) != 0 ||
        std::fread(mask.values.data(), 1, mask.values.size(), m_file) != mask.values.size())
        throw InputError(m_path + ": no mask of " + std::to_string(mask.values.size()) + " bytes at offset " +
                         std::to_string(offset) + "; the file is damaged or older than salient.db");
    return mask;
}

} // namespace salient
