#pragma once

#include <cstdint>

namespace salient {

/// Compressed input whose unpacked size is out of proportion to what it occupies on disk is refused
/// before anything is unpacked (a decompression bomb: 2 MB of deflated zeros unpack to 2 GiB). Real
/// data barely compresses: model weights about 1.1:1, a model archive's small pickle 3:1, grayscale
/// image sets such as Fashion-MNIST 2:1 to 5:1, even a heavily pruned model (90% zero weights) under
/// 20:1. Small entries may compress more (a bias tensor of zeros), and cost little: the ratio applies
/// only above kRatioFreeBytes.
constexpr std::uint64_t kRatioFreeBytes = std::uint64_t(64) << 20;
constexpr std::uint64_t kMaxCompressionRatio = 100;

/// Whether `unpacked` bytes coming out of `packed` compressed bytes is more than real data does.
inline bool inflatesLikeABomb(std::uint64_t unpacked, std::uint64_t packed)
{
    return unpacked > kRatioFreeBytes && unpacked / kMaxCompressionRatio > packed;
}

} // namespace salient
