#pragma once

#include <stdexcept>

namespace salient {

/// Input that a person or a file got wrong: a refused answer, a malformed CSV line, an unknown study or
/// annotator, a wrong PIN. The message says what and where; nothing was written. The CLI exits with 2.
class InvalidInput : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace salient
