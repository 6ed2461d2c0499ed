#include "Commands.h"
#include "JsonOutput.h"

#include "base/Errors.h"
#include "core/index/IndexManifest.h"
#include "database/ClassMetadata.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "database/WorkspaceIntegrity.h"
#include "database/WriteTransaction.h"
#include "pipeline/WorkspacePaths.h"
#include "pipeline/WorkspaceSetup.h"
#include "pipeline/WorkspaceStatus.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iomanip>
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

/// The value of a file option that must exist, or empty when it is not given.
std::string existingFileOption(Arguments& arguments, const std::string& option)
{
    const auto value = arguments.option(option);
    if (value && !fs::exists(*value))
        throw InputError(*value + ": no such file or folder (--" + option + ")");
    return value.value_or("");
}

int initWorkspace(Arguments& arguments)
{
    WorkspaceSetup setup;
    setup.dataset = existingFileOption(arguments, "dataset");
    setup.robustModel = existingFileOption(arguments, "robust-model");
    setup.standardModel = existingFileOption(arguments, "standard-model");
    const auto words = arguments.positionals();
    if (words.size() != 1)
        throw UsageError("workspace init takes one DIR and optionally --dataset DIR (holding train/), "
                         "--robust-model FILE, --standard-model FILE");
    Workspace workspace = Workspace::open(words[0], true);
    setUpWorkspace(workspace, setup);
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
    // What the stored features were computed from, so results can be matched outside the program.
    if (workspace.configValue(WorkspaceKeys::FeatureIndex)) {
        try {
            const std::string preprocessing =
                IndexManifest::read(workspaceFile(workspace, WorkspaceKeys::FeatureIndex)).preprocessing;
            info["index_preprocessing"] =
                preprocessing.empty() ? "not recorded (an older index)" : preprocessing;
        } catch (const InputError& e) {
            info["index_preprocessing"] = std::string("unreadable: ") + e.what();
        }
    }
    if (json) {
        printJson(info);
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

/// The workspace folder of a check or backup: its one positional, or the current folder.
std::string workspaceFolder(Arguments& arguments, const char* verb)
{
    const auto words = arguments.positionals();
    if (words.size() > 1)
        throw UsageError(std::string("workspace ") + verb + " takes at most one DIR");
    return words.empty() ? "." : words[0];
}

/// SQLite's full integrity check; exit 2 when the file is damaged, with the way to recover.
int checkWorkspace(Arguments& arguments)
{
    const bool json = arguments.flag("json");
    Workspace workspace = Workspace::openForRepair(workspaceFolder(arguments, "check"));
    std::vector<std::string> problems;
    try {
        problems = databaseProblems(workspace.database(), true);
    } catch (const DatabaseError& error) {
        problems.push_back(error.what());
    }
    if (json)
        printJson(nlohmann::json{{"database", workspace.databasePath()}, {"problems", problems}});
    if (problems.empty()) {
        if (!json)
            std::cout << workspace.databasePath() << ": ok\n";
        return 0;
    }
    if (!json) {
        for (const auto& problem : problems)
            std::cout << problem << '\n';
        std::cerr << workspace.databasePath() << " is damaged. " << recoveryAdvice(workspace.databasePath())
                  << '\n';
    }
    return int(ExitCode::BadInput);
}

/// A consistent copy of salient.db while others may be writing (SQLite's online backup).
int backUpWorkspace(Arguments& arguments)
{
    const auto out = arguments.option("out");
    Workspace workspace = Workspace::openForRepair(workspaceFolder(arguments, "backup"));
    const std::string target = out ? *out : defaultBackupPath(workspace.path(), "manual");
    if (fs::exists(target))
        throw InputError(target + ": already exists; choose another --out");
    backupDatabase(workspace.database(), target);
    std::cout << target << '\n';
    return 0;
}

/// One step's figures, in the words `workspace status` prints them.
std::string stepFigures(const WorkspaceStatus& s, MethodStep step)
{
    auto study = [](const StudyStatus& st) {
        return "'" + st.study.name + "': " + std::to_string(st.progress.answers) + " of " +
               std::to_string(st.progress.answersNeeded) + " answers, " + std::to_string(st.labelled) +
               " of " + std::to_string(st.progress.hits) + " HITs labelled";
    };
    switch (step) {
    case MethodStep::Setup:
        return s.isSetUp() ? "images " + s.dataset + ", robust model " + s.robustModel
                           : "no image folder or robust model yet (salient workspace init)";
    case MethodStep::Index:
        return s.hasIndex() ? std::to_string(s.indexedImages) + " images in " +
                                  std::to_string(s.indexedClasses) + " classes"
                            : "not built (salient index)";
    case MethodStep::Discovery:
        return s.discovery ? study(*s.discovery)
                           : "no discovery study (salient hits create --study discovery)";
    case MethodStep::Dataset:
        return s.datasetPairs > 0 ? std::to_string(s.datasetPairs) + " labelled features, " +
                                        std::to_string(s.datasetMasks) + " masks"
                                  : "not built (salient dataset build)";
    case MethodStep::Validation:
        return s.validation ? study(*s.validation) : "no validation study (optional)";
    case MethodStep::Sweeps:
        break;
    }
    return s.latestSweep
               ? std::to_string(s.sweepRuns) + " stored runs, the latest from " + s.latestSweep->createdAt
               : "none (salient sweep)";
}

int showStatus(Arguments& arguments)
{
    const bool json = arguments.flag("json");
    const auto words = arguments.positionals();
    if (words.size() > 1)
        throw UsageError("workspace status takes at most one DIR");
    Workspace workspace = Workspace::open(words.empty() ? "." : words[0], false);
    const WorkspaceStatus status = workspaceStatus(workspace);
    nlohmann::json steps = nlohmann::json::array();
    for (int i = 0; i < MethodStepCount; ++i) {
        const auto step = MethodStep(i);
        steps.push_back({{"step", toString(step)},
                         {"state", toString(stepState(status, step))},
                         {"figures", stepFigures(status, step)}});
    }
    if (json) {
        printJson({{"path", workspace.path()}, {"steps", steps}});
        return 0;
    }
    for (const auto& step : steps)
        std::cout << std::left << std::setw(12) << step["step"].get<std::string>() << std::setw(13)
                  << step["state"].get<std::string>() << step["figures"].get<std::string>() << '\n';
    return 0;
}

} // namespace

int runWorkspaceCommand(const std::string& verb, Arguments& arguments)
{
    if (verb == "init")
        return initWorkspace(arguments);
    if (verb == "info")
        return showWorkspace(arguments);
    if (verb == "status")
        return showStatus(arguments);
    if (verb == "import-classes")
        return importClasses(arguments);
    if (verb == "check")
        return checkWorkspace(arguments);
    if (verb == "backup")
        return backUpWorkspace(arguments);
    throw UsageError("workspace needs a command: init, info, status, import-classes, check or backup (see "
                     "salient --help)");
}

} // namespace salient::cli
