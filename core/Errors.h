#pragma once

#include <stdexcept>
#include <string>

namespace salient {

/// A failure the user caused with bad input (a file, an option, a value): the CLI exits with 2.
class InputError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// A model file that cannot be read or does not fit the expected architecture.
class ModelError : public InputError
{
public:
    using InputError::InputError;
};

/// An image that cannot be decoded.
class ImageError : public InputError
{
public:
    using InputError::InputError;
};

} // namespace salient
