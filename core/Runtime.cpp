#include "core/Runtime.h"

#include "base/Errors.h"
#include "core/model/TorchDevice_p.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>

#include <thread>

namespace salient {

DeviceChoice parseDeviceChoice(const std::string& text)
{
    if (text == "auto")
        return DeviceChoice::Auto;
    if (text == "cpu")
        return DeviceChoice::Cpu;
    if (text == "cuda")
        return DeviceChoice::Cuda;
    throw InputError("unknown device '" + text + "' (expected auto, cpu or cuda)");
}

at::Device torchDevice(DeviceChoice choice)
{
    const bool haveCuda = at::hasCUDA();
    switch (choice) {
    case DeviceChoice::Cpu:
        return at::kCPU;
    case DeviceChoice::Cuda:
        if (!haveCuda)
            throw InputError("CUDA was requested but this build or machine has no usable CUDA device");
        return at::kCUDA;
    case DeviceChoice::Auto:
        break;
    }
    return haveCuda ? at::Device(at::kCUDA) : at::Device(at::kCPU);
}

std::string resolvedDeviceName(DeviceChoice choice)
{
    return torchDevice(choice).is_cuda() ? "cuda" : "cpu";
}

void configureTorchThreads(int threads)
{
    if (threads <= 0)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
}

int torchThreads()
{
    return at::get_num_threads();
}

} // namespace salient
