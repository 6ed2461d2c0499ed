#pragma once

// Internal to core: includes LibTorch headers.
#include <c10/util/Exception.h>

#include <string>

namespace salient {

/// The first line of a LibTorch error, without its C++ backtrace: what a user can act on.
inline std::string torchMessage(const c10::Error& error)
{
    std::string message = error.what_without_backtrace();
    const auto newline = message.find('\n');
    if (newline != std::string::npos)
        message.resize(newline);
    return message;
}

} // namespace salient
