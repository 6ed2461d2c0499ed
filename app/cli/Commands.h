#pragma once

#include "Arguments.h"

#include <string>

namespace salient::cli {

/// `salient model info|predict|convert ...`; returns the exit code.
int runModelCommand(const std::string& verb, Arguments& arguments);

} // namespace salient::cli
