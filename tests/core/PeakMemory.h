#pragma once

// The peak resident memory of the test process, to check that a hostile file is refused before it
// costs memory: resetPeakMemory(), read the file, then peakMemoryGrowth().
#include "base/Parse.h"

#include <cstdint>
#include <fstream>
#include <string>

namespace salient::test {

/// A field of /proc/self/status in bytes ("VmRSS", "VmHWM"), 0 when absent.
inline std::uint64_t processStatusBytes(const std::string& field)
{
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(field + ":", 0) == 0) {
            const std::size_t start = line.find_first_not_of(" \t", field.size() + 1);
            const std::size_t end = line.find(' ', start);
            return requireUint64(line.substr(start, end - start), field) * 1024; // "... kB"
        }
    return 0;
}

/// Sets the kernel's peak mark (VmHWM) to the present resident size (Linux 4.0 and later).
inline std::uint64_t resetPeakMemory()
{
    std::ofstream("/proc/self/clear_refs") << "5";
    return processStatusBytes("VmHWM");
}

/// How far the peak rose above `base` (what resetPeakMemory returned).
inline std::uint64_t peakMemoryGrowth(std::uint64_t base)
{
    const std::uint64_t peak = processStatusBytes("VmHWM");
    return peak > base ? peak - base : 0;
}

} // namespace salient::test
