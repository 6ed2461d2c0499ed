#include "pipeline/WorkspacePaths.h"

#include "base/Errors.h"
#include "database/Workspace.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace salient {

std::string workspaceFile(const Workspace& workspace, const std::string& key, const std::string& suffix)
{
    const auto value = workspace.configValue(key);
    if (!value)
        throw InputError("the workspace " + workspace.path() + " does not name its " + key +
                         "; pass it as an option");
    fs::path path = fs::path(workspace.path()) / *value;
    if (!suffix.empty())
        path /= suffix;
    return path.lexically_normal().string();
}

void setWorkspaceFile(Workspace& workspace, const std::string& key, const std::string& path)
{
    const fs::path absolute = fs::absolute(path).lexically_normal();
    const fs::path relative = absolute.lexically_relative(workspace.path());
    const bool inside = !relative.empty() && *relative.begin() != "..";
    workspace.setConfigValue(key, inside ? relative.string() : absolute.string());
}

} // namespace salient
