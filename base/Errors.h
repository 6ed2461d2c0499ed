#pragma once

#include <stdexcept>
#include <string>

namespace salient {

/// The root of every error the program reports to a person: its message is one line that names the
/// file or value at fault. The CLI turns it into an exit code (exitCodeFor), the GUI into a message.
class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Input a person or a file got wrong: a file, an option, a value, an answer, a PIN. Nothing was
/// written. Exit code 2.
class InputError : public Error
{
public:
    using Error::Error;
};

/// A command line that does not parse: an unknown option, a missing or malformed value.
class UsageError : public InputError
{
public:
    using InputError::InputError;
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

/// A failure of the workspace database; the message names the file and carries SQLite's own text.
/// Exit code 1.
class DatabaseError : public Error
{
public:
    explicit DatabaseError(const std::string& message, int sqliteCode = 0)
        : Error(message), m_sqliteCode(sqliteCode)
    {}

    /// SQLite's (extended) result code, or 0 when the error did not come from SQLite.
    int sqliteCode() const { return m_sqliteCode; }

private:
    int m_sqliteCode;
};

/// Thrown by a job that saw its cancellation flag; what it wrote so far is left consistent.
class JobCancelled : public Error
{
public:
    JobCancelled() : Error("cancelled") {}
};

/// How a command ended, as its process exit code.
enum class ExitCode : int
{
    Success = 0,
    Failure = 1,  ///< the work failed (a database, a disk, a cancelled job)
    BadInput = 2, ///< the user's input was at fault: usage, a file, a value
};

/// The exit code for an error a command let through: BadInput for InputError, Failure for anything
/// else.
ExitCode exitCodeFor(const std::exception& error);

} // namespace salient
