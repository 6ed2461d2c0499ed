// salient: the command-line face of Salient Studio.
#include "Commands.h"

#include "core/Errors.h"
#include "core/Runtime.h"

#include <iostream>

namespace {

const char* kUsage = "usage: salient <noun> <verb> [options]\n"
                     "\n"
                     "  model info FILE [--json]              architecture, parameters, classes, checksum\n"
                     "  model predict FILE IMAGE... [--json]  top-5 classes with probabilities\n"
                     "  model convert FILE --out FILE         save as a Salient Studio model\n"
                     "\n"
                     "Common options: --device auto|cpu|cuda, --json. See docs/cli.md.";

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
        std::cout << kUsage << '\n';
        return words.empty() ? 2 : 0;
    }
    if (words[0] == "--version") {
        std::cout << "salient " SALIENT_VERSION "\n";
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
        throw salient::cli::UsageError("unknown command '" + noun + "' (see salient --help)");
    } catch (const salient::InputError& e) {
        std::cerr << "salient: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "salient: " << e.what() << '\n';
        return 1;
    }
}
