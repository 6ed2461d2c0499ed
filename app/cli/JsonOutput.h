#pragma once

#include <nlohmann/json.hpp>

#include <iostream>

namespace salient::cli {

/// Prints a command's --json result. Text from files and people (image names, annotator names, notes)
/// may not be valid UTF-8; such bytes become U+FFFD instead of failing the whole output after the work
/// was done.
inline void printJson(const nlohmann::json& json, int indent = 2)
{
    std::cout << json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

} // namespace salient::cli
