#include "base/Errors.h"

namespace salient {

ExitCode exitCodeFor(const std::exception& error)
{
    return dynamic_cast<const InputError*>(&error) != nullptr ? ExitCode::BadInput : ExitCode::Failure;
}

} // namespace salient
