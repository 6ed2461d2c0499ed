#pragma once

#include <string>

namespace salient {

class Workspace;

/// Workspace settings that name files and folders inside it. The values are stored relative to the
/// workspace, so a workspace folder can be moved or copied whole.
namespace WorkspaceKeys {
inline constexpr const char* RobustModel = "robust_model";
inline constexpr const char* StandardModel = "standard_model";
inline constexpr const char* Dataset = "dataset";
inline constexpr const char* FeatureIndex = "feature_index";
} // namespace WorkspaceKeys

/// The absolute path a setting names (plus `suffix` inside it); throws InputError saying which option to
/// pass when the workspace does not name it.
std::string workspaceFile(const Workspace& workspace, const std::string& key, const std::string& suffix = {});

/// Stores `path` under `key`, relative to the workspace when it lies inside it.
void setWorkspaceFile(Workspace& workspace, const std::string& key, const std::string& path);

} // namespace salient
