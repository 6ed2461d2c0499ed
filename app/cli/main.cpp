// salient: the command-line face of Salient Studio.
#include "Commands.h"
#include "Help.h"

#include "base/Errors.h"
#include "base/Job.h"
#include "core/Runtime.h"

#include <iostream>

int main(int argc, char** argv)
{
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty()) {
        std::cerr << salient::cli::overviewHelp();
        return int(salient::ExitCode::BadInput);
    }
    if (words[0] == "--version") {
        std::cout << "salient " SALIENT_VERSION "\n";
        return 0;
    }
    if (salient::cli::asksForHelp(words)) {
        // "help model info", "model info --help", "--help": the most specific help there is.
        if (words[0] == "help" || words[0] == "--help" || words[0] == "-h")
            words.erase(words.begin());
        const std::string noun = words.empty() ? std::string() : words[0];
        const std::string verb = words.size() > 1 && words[1].rfind('-', 0) != 0 ? words[1] : std::string();
        const std::string text = noun.empty() || noun.rfind('-', 0) == 0 ? salient::cli::overviewHelp()
                                                                         : salient::cli::helpFor(noun, verb);
        if (text.empty()) {
            std::cerr << "salient: unknown command '" << noun << "' (see salient --help)\n";
            return int(salient::ExitCode::BadInput);
        }
        std::cout << text;
        return 0;
    }
    try {
        salient::configureTorchThreads();
        const std::string noun = words[0];
        const std::string verb = words.size() > 1 ? words[1] : std::string();
        salient::cli::Arguments arguments(
            std::vector<std::string>(words.begin() + std::min<long>(2, long(words.size())), words.end()));
        if (noun == "model")
            return salient::cli::runModelCommand(verb, arguments);
        if (noun == "features")
            return salient::cli::runFeaturesCommand(verb, arguments);
        if (noun == "workspace")
            return salient::cli::runWorkspaceCommand(verb, arguments);
        if (noun == "hits")
            return salient::cli::runHitsCommand(verb, arguments);
        if (noun == "dataset")
            return salient::cli::runDatasetCommand(verb, arguments);
        if (noun == "masking")
            return salient::cli::runMaskingCommand(verb, arguments);
        // Commands without a verb take everything after the noun.
        salient::cli::Arguments all(std::vector<std::string>(words.begin() + 1, words.end()));
        if (noun == "train")
            return salient::cli::runTrainCommand(all);
        if (noun == "demo")
            return salient::cli::runDemoCommand(all);
        if (noun == "index")
            return salient::cli::runIndexCommand(all);
        if (noun == "render")
            return salient::cli::runRenderCommand(all);
        if (noun == "sweep")
            return salient::cli::runSweepCommand(all);
        throw salient::UsageError("unknown command '" + noun + "' (see salient --help)");
    } catch (const std::exception& e) {
        std::cerr << "salient: " << e.what() << '\n';
        return int(salient::exitCodeFor(e));
    }
}
