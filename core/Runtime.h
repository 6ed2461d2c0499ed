#pragma once

#include <string>

namespace salient {

/// Where tensors live: `Auto` picks CUDA when the build and the machine have it, else the CPU.
enum class DeviceChoice
{
    Auto,
    Cpu,
    Cuda
};

/// Parses "auto", "cpu" or "cuda"; throws InputError for anything else.
DeviceChoice parseDeviceChoice(const std::string& text);

/// "cpu" or "cuda" after resolving Auto; throws InputError when CUDA is asked for but unavailable.
std::string resolvedDeviceName(DeviceChoice choice);

/// Sets LibTorch's intra-op thread count from the hardware (Debian's build defaults to one thread).
/// `threads` <= 0 means one per hardware thread. Call once at start-up.
void configureTorchThreads(int threads = 0);

/// The intra-op thread count in force.
int torchThreads();

} // namespace salient
