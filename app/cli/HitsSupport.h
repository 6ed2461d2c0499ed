#pragma once

// Helpers shared by the `salient hits` verbs (HitsCommand.cpp, HitsAnnotateCommand.cpp).
#include "Arguments.h"

#include "database/Annotators.h"
#include "database/Studies.h"
#include "database/Workspace.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace salient::cli {

using Json = nlohmann::json;

/// --pin PIN, else the environment variable SALIENT_PIN, else none.
std::optional<std::string> pinArgument(Arguments& arguments);

/// A whole number option that must be at least `minimum`; UsageError otherwise.
int boundedIntOption(Arguments& arguments, const std::string& name, int fallback, int minimum);

/// A required option; UsageError naming it and the verb's usage otherwise.
std::string requiredOption(Arguments& arguments, const std::string& name, const std::string& usage);

/// The positionals of a verb that takes none; UsageError with the usage otherwise.
void expectNoPositionals(const Arguments& arguments, const std::string& usage);

/// "discovery" / "validation" as the kind's text, for JSON.
Json studyJson(const Study& study);

/// The verbs of HitsAnnotateCommand.cpp; each returns the exit code.
int runHitsNext(Arguments& arguments);
int runHitsSubmit(Arguments& arguments);
int runHitsAnswer(Arguments& arguments);
int runHitsUndo(Arguments& arguments);
int runHitsProgress(Arguments& arguments);
int runHitsReview(Arguments& arguments);
int runHitsAdjudicate(Arguments& arguments);
int runHitsAddAnnotator(Arguments& arguments);
int runHitsAnnotators(Arguments& arguments);
/// HitsAutolabelCommand.cpp
int runHitsAutolabel(Arguments& arguments);

} // namespace salient::cli
