#pragma once

#include <string>
#include <string_view>

namespace salient {

/// Writes `bytes` to a temporary file beside `path` (unique to this process) and renames it into
/// place, so that readers and crashes see either the old file or the new one, never half of it.
/// Throws InputError naming the file, with the system's reason, when it cannot be written.
void writeFileAtomically(const std::string& path, std::string_view bytes);

} // namespace salient
