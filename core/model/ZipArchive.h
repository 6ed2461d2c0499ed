#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace salient {

/// One file of a zip archive as its central directory describes it.
struct ZipEntry
{
    std::string name;
    std::uint16_t method = 0;       ///< 0 stored, 8 deflated
    std::uint64_t packedSize = 0;   ///< bytes in the archive
    std::uint64_t size = 0;         ///< bytes once unpacked, as declared
    std::uint64_t headerOffset = 0; ///< where its local header starts
};

/// The entries of a zip archive's central directory (zip64 included), read without unpacking
/// anything. Throws ModelError naming `path` when the directory is missing or damaged.
std::vector<ZipEntry> readZipDirectory(const std::string& path);

/// Refuses, before anything is unpacked, a model archive that declares more than real models hold:
/// an entry that runs past the end of the file, one that unpacks out of proportion to its packed
/// size (inflatesLikeABomb), a pickle (data.pkl, constants.pkl) over kMaxPickleBytes, entries over
/// kMaxArchiveBytes in all, or a deflated entry that inflates to another size than it declares (found
/// by inflating it into a small buffer that is thrown away, stopping once it passes the declared size).
/// Throws ModelError naming `path`, the entry and the limit.
void checkModelArchive(const std::string& path);

/// What real model archives hold, with a wide margin. A ResNet-152 state dict is 240 MB and the
/// largest vision models people load here (ViT-H/14) 2.5 GB; 4 GiB in all leaves room for an
/// optimiser's state in a training checkpoint without letting a file claim more than a workstation's
/// memory. The pickle of a ResNet-152 state dict is under 100 KB (tensor data lives in other
/// entries), so 64 MiB is hundreds of times more than any state dict's pickle.
constexpr std::uint64_t kMaxArchiveBytes = std::uint64_t(4) << 30;
constexpr std::uint64_t kMaxPickleBytes = std::uint64_t(64) << 20;

} // namespace salient
