#include "Commands.h"

#include "database/ClassMetadata.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "database/WriteTransaction.h"
#include "pipeline/WorkspacePaths.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace salient::cli {
namespace {

namespace fs = std::filesystem;

/// The options that name a workspace's files, with the setting each one fills.
const std::vector<std::pair<std::string, std::string>> fileOptions = {
    {"dataset", WorkspaceKeys::Dataset},
    {"robust-model", WorkspaceKeys::RobustModel},
    {"standard-model", WorkspaceKeys::StandardModel},
};

int initWorkspace(Arguments& arguments)
{
    std::vector<std::pair<std::string, std::string>> settings;
    for (const auto& [option, key] : fileOptions) {
        if (const auto value = arguments.option(option)) {
            if (!fs::exists(*value))
                throw InputError(*value + ": no such file or folder (--" + option + ")");
            settings.emplace_back(key, *value);
        }
    }
    const auto words = arguments.positionals();
    if (words.size() != 1)
        throw UsageError("workspace init takes one DIR and optionally --dataset DIR (holding train/), "
                         "--robust-model FILE, --standard-model FILE");
    Workspace workspace = Workspace::open(words[0], true);
    for (const auto& [key, value] : settings)
        setWorkspaceFile(workspace, key, value);
    std::cerr << "Workspace ready in " << workspace.path() << '\n';
    return 0;
}

int showWorkspace(Arguments& arguments)
{
    const bool json = arguments.flag("json");
    const auto words = arguments.positionals();
    if (words.size() > 1)
        throw UsageError("workspace info takes at most one DIR");
    Workspace workspace = Workspace::open(words.empty() ? "." : words[0], false);
    nlohmann::json info = {{"path", workspace.path()}, {"schema_version", workspace.schemaVersion()}};
    for (const auto& [option, key] : fileOptions)
        info[key] = workspace.configValue(key).value_or("");
    const auto classes = indexedClasses(workspace.database());
    info["indexed_images"] = indexedImageCount(workspace.database());
    info["indexed_classes"] = classes.size();
    if (json) {
        std::cout << info.dump(2) << '\n';
        return 0;
    }
    for (const auto& [key, value] : info.items())
        std::cout << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << '\n';
    return 0;
}

/// Salient ImageNet's class_metadata.csv into the workspace, for the class panel.
int importClasses(Arguments& arguments)
{
    const auto words = arguments.positionals();
    if (words.size() != 2)
        throw UsageError("workspace import-classes takes DIR and a class_metadata.csv file");
    const std::vector<ClassMetadata> classes = readClassMetadataCsv(words[1]);
    Workspace workspace = Workspace::open(words[0], false);
    WriteTransaction transaction(workspace.database());
    storeClassMetadata(workspace.database(), classes);
    transaction.commit();
    std::cerr << "Imported " << classes.size() << " classes from " << words[1] << '\n';
    return 0;
}

} // namespace

int runWorkspaceCommand(const std::string& verb, Arguments& arguments)
{
    if (verb == "init")
        return initWorkspace(arguments);
    if (verb == "info")
        return showWorkspace(arguments);
    if (verb == "import-classes")
        return importClasses(arguments);
    throw UsageError("workspace needs a command: init, info or import-classes (see salient --help)");
}

} // namespace salient::cli
