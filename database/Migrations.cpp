#include "database/Migrations.h"

namespace salient {

const std::vector<std::string>& workspaceMigrations()
{
    static const std::vector<std::string> migrations = {
        // 1: key/value settings of the workspace.
        R"sql(
CREATE TABLE config (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql",
    };
    return migrations;
}

} // namespace salient
