#pragma once

#include <string>
#include <vector>

namespace salient::cli {

/// The help of one command: `salient NOUN [VERB]`.
struct CommandHelp
{
    std::string noun;
    std::string verb;     ///< empty for commands without verbs (train, demo, index, render, sweep)
    std::string synopsis; ///< the arguments after `salient NOUN VERB`
    std::string summary;  ///< what it does, one paragraph
    std::vector<std::pair<std::string, std::string>> options; ///< option, meaning
};

/// Every command, in the order `salient --help` lists them. New commands add their entry here.
const std::vector<CommandHelp>& commandHelp();

/// The overview `salient --help` prints.
std::string overviewHelp();

/// `salient NOUN --help` (every verb of the noun) or `salient NOUN VERB --help`; empty when there is no
/// such command.
std::string helpFor(const std::string& noun, const std::string& verb);

/// True when `words` ask for help: `--help` or `-h` anywhere, or `help` as the first word.
bool asksForHelp(const std::vector<std::string>& words);

} // namespace salient::cli
