#pragma once

#include <string>
#include <vector>

namespace salient {

/// The workspace schema as an ordered list of SQL scripts: element i brings the schema to version i + 1.
/// Never edit a shipped migration; append a new one.
const std::vector<std::string>& workspaceMigrations();

} // namespace salient
