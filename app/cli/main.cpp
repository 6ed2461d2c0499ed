// salient: the command-line face of Salient Studio.
#include "Commands.h"

#include "core/Errors.h"
#include "core/Job.h"
#include "core/Runtime.h"
#include "database/InvalidInput.h"

#include <iostream>

namespace {

const char* kUsage = "usage: salient <noun> <verb> [options]\n"
                     "\n"
                     "  model info FILE [--json]              architecture, parameters, classes, checksum\n"
                     "  model predict FILE IMAGE... [--json]  top-5 classes with probabilities\n"
                     "  model convert FILE --out FILE         save as a Salient Studio model\n"
                     "  model evaluate FILE --data DIR        accuracy, clean and under L2 PGD\n"
                     "  train --recipe FILE --out FILE        standard or L2-PGD robust training\n"
                     "  demo DIR                              create the Spurious Fashion demo workspace\n"
                     "  workspace init DIR [--dataset DIR]    a workspace for your own data and models\n"
                     "  workspace info [DIR]                  its settings and what is indexed\n"
                     "  workspace import-classes DIR CSV      class metadata for the class panel\n"
                     "  index [--workspace DIR]               features, predictions of the robust model\n"
                     "  features top --class C                a class's top features and their top images\n"
                     "  hits create --study discovery|...     a study: a HIT per (class, feature) pair\n"
                     "  hits import-mturk CSV | export CSV    Salient ImageNet's MTurk answers in and out\n"
                     "  hits next|submit|answer|undo          annotate: --annotator NAME [--pin PIN]\n"
                     "  hits summary|progress|review|merge    labels, kappa, disputed pairs, other copies\n"
                     "  render --class C --feature J --out D  top images, heatmaps, feature attacks\n"
                     "  dataset build|summary                 soft masks of the labelled pairs' top images\n"
                     "  dataset export DIR | import DIR       the Salient ImageNet layout out and in\n"
                     "  sweep [--model FILE ...]              core and spurious accuracy under noise\n"
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
        if (noun == "features")
            return salient::cli::runFeaturesCommand(verb, arguments);
        if (noun == "workspace")
            return salient::cli::runWorkspaceCommand(verb, arguments);
        if (noun == "hits")
            return salient::cli::runHitsCommand(verb, arguments);
        if (noun == "dataset")
            return salient::cli::runDatasetCommand(verb, arguments);
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
        throw salient::cli::UsageError("unknown command '" + noun + "' (see salient --help)");
    } catch (const salient::JobCancelled&) {
        std::cerr << "salient: cancelled\n";
        return 1;
    } catch (const salient::InputError& e) {
        std::cerr << "salient: " << e.what() << '\n';
        return 2;
    } catch (const salient::InvalidInput& e) {
        std::cerr << "salient: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "salient: " << e.what() << '\n';
        return 1;
    }
}
