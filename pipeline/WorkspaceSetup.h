#pragma once

#include "core/ModelInfo.h"

#include <string>

namespace salient {

class Workspace;

/// The files and folders a workspace's steps read; an empty entry is left as it is.
struct WorkspaceSetup
{
    std::string dataset;       ///< the image folder (ImageNet layout: train/<wnid>/...)
    std::string robustModel;   ///< the model whose features are indexed
    std::string standardModel; ///< a second classifier for sweeps (optional)
};

/// Stores the setup in the workspace (`salient workspace init`, the Overview's Set Up dialog), each path
/// relative to the workspace when it lies inside it. Throws InputError naming an entry that does not
/// exist, before anything is stored.
void setUpWorkspace(Workspace& workspace, const WorkspaceSetup& setup);

/// What a model file holds (`salient model info`): its format, architecture, classes and preprocessing.
/// Throws ModelError naming the file.
ModelInfo describeModelFile(const std::string& path);

} // namespace salient
