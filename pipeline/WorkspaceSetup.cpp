#include "pipeline/WorkspaceSetup.h"

#include "base/Errors.h"
#include "core/Classifier.h"
#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"

#include <filesystem>

namespace salient {

void setUpWorkspace(Workspace& workspace, const WorkspaceSetup& setup)
{
    struct Entry
    {
        const char* key;
        const char* what;
        const std::string& path;
    };
    const Entry entries[] = {
        {WorkspaceKeys::Dataset, "the image folder", setup.dataset},
        {WorkspaceKeys::RobustModel, "the robust model", setup.robustModel},
        {WorkspaceKeys::StandardModel, "the standard model", setup.standardModel},
    };
    for (const Entry& entry : entries)
        if (!entry.path.empty() && !std::filesystem::exists(entry.path))
            throw InputError(entry.path + ": no such file or folder (" + entry.what + ")");
    for (const Entry& entry : entries)
        if (!entry.path.empty())
            setWorkspaceFile(workspace, entry.key, entry.path);
}

ModelInfo describeModelFile(const std::string& path)
{
    return Classifier::open(path, DeviceChoice::Cpu).info();
}

} // namespace salient
