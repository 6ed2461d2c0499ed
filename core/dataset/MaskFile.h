#pragma once

#include "core/dataset/SoftMask.h"

#include <cstdint>
#include <cstdio>
#include <string>

namespace salient {

/// The Salient dataset's mask store: soft masks appended one after the other to one file (a workspace's
/// `salient-dataset/masks.u8`), each width * height bytes, no header. Where a mask starts and its size
/// are kept by the caller (the dataset_masks table), so the file holds nothing but pixels.
class MaskFile
{
public:
    /// Opens (creating when missing) the file for reading and appending. A crash may leave masks at the
    /// end that no row names: `committedSize` (the end of the last mask the caller knows) cuts them off.
    static MaskFile openForAppend(const std::string& path, std::uint64_t committedSize);
    /// Opens an existing file for reading; throws InputError naming it when it is missing.
    static MaskFile openForReading(const std::string& path);

    MaskFile(MaskFile&& other) noexcept;
    MaskFile& operator=(MaskFile&& other) noexcept;
    MaskFile(const MaskFile&) = delete;
    MaskFile& operator=(const MaskFile&) = delete;
    ~MaskFile();

    /// Appends the mask and returns its offset.
    std::uint64_t append(const SoftMask& mask);
    /// Makes the appended masks durable (before the rows that name them are committed).
    void flush();
    /// The mask of `width` x `height` at `offset`; throws InputError when the file is too short. Moves
    /// the file position: one thread at a time.
    SoftMask read(std::uint64_t offset, int width, int height) const;
    std::uint64_t size() const { return m_size; }
    const std::string& path() const { return m_path; }

private:
    MaskFile(std::string path, std::FILE* file, std::uint64_t size);

    std::string m_path;
    std::FILE* m_file = nullptr;
    std::uint64_t m_size = 0;
};

} // namespace salient
