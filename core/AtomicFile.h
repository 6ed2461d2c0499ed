#pragma once

#include <string>
#include <vector>

namespace salient {

/// Writes bytes to `path` through `path.partial` and a rename, so a crash leaves either the old file or
/// the new one, never half of it. Throws InputError on failure.
void writeFileAtomically(const std::string& path, const std::vector<char>& bytes);

} // namespace salient
