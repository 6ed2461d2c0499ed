#pragma once

#include <string>
#include <vector>

namespace salient::cli {

/// A workspace setting as a path inside the workspace (plus `suffix`); an input error when it is not set.
std::string workspacePath(const std::string& workspaceDir, const std::string& key,
                          const std::string& suffix = {});

/// A class given as one of `ids` (e.g. a WordNet id) or an index into them; a usage error naming the range.
int classArgument(const std::vector<std::string>& ids, const std::string& text);

} // namespace salient::cli
