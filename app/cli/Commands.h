#pragma once

#include "Arguments.h"

#include <string>

namespace salient::cli {

/// `salient model info|predict|convert ...`; returns the exit code.
int runModelCommand(const std::string& verb, Arguments& arguments);

/// `salient train --recipe FILE --out FILE ...`
int runTrainCommand(Arguments& arguments);

/// `salient index [--workspace DIR] ...`
int runIndexCommand(Arguments& arguments);

/// `salient features top --class C ...`
int runFeaturesCommand(const std::string& verb, Arguments& arguments);

/// `salient workspace init|info ...`
int runWorkspaceCommand(const std::string& verb, Arguments& arguments);

/// `salient hits create|import-mturk|export|summary|merge|next|submit|answer|undo|...`
int runHitsCommand(const std::string& verb, Arguments& arguments);

/// `salient dataset build|export|import|summary ...`
int runDatasetCommand(const std::string& verb, Arguments& arguments);

/// `salient demo DIR`
int runDemoCommand(Arguments& arguments);

/// `salient render --class C --feature J --out DIR ...`
int runRenderCommand(Arguments& arguments);
/// `salient sweep [options]`, `salient sweep list`, `salient sweep show RUN`
int runSweepCommand(Arguments& arguments);

/// `salient masking leakage|curves [options]`, `salient masking list`, `salient masking show RUN`
int runMaskingCommand(const std::string& verb, Arguments& arguments);

} // namespace salient::cli
