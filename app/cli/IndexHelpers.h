#pragma once

#include <string>

namespace salient {
class IndexView;
}

namespace salient::cli {

/// A workspace setting as a path inside the workspace (plus `suffix`); a usage error when it is not set.
std::string workspacePath(const std::string& workspaceDir, const std::string& key,
                          const std::string& suffix = {});

/// A class given as an id of the index (e.g. a WordNet id) or an index; a usage error naming the range.
int classArgument(const IndexView& index, const std::string& text);

} // namespace salient::cli
