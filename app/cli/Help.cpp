#include "Help.h"

#include <algorithm>
#include <sstream>

namespace salient::cli {
namespace {

const std::pair<std::string, std::string> kWorkspace{"--workspace DIR", "the workspace folder (default: .)"};
const std::pair<std::string, std::string> kJson{"--json", "machine-readable output on stdout"};
const std::pair<std::string, std::string> kDevice{"--device auto|cpu|cuda",
                                                  "where tensors run (default: auto)"};
const std::pair<std::string, std::string> kStudy{"--study NAME", "the study (default: the latest created)"};
const std::pair<std::string, std::string> kAnnotator{"--annotator NAME", "who answers; a new name signs up"};
const std::pair<std::string, std::string> kPin{"--pin PIN", "the annotator's PIN (or $SALIENT_PIN)"};
const std::vector<std::pair<std::string, std::string>> kMaskingOptions{
    kWorkspace,
    {"--model FILE", "a classifier (repeatable; default: the workspace's models)"},
    {"--strategy S", "noise|uniform|black|grey|mean|blur|grey-edge|layer (repeatable; default: all)"},
    {"--threshold T", "layer masking keeps mask values >= T of a soft mask (default 0.5)"},
    {"--split NAME", "the demo world's split (default test)"},
    {"--dataset DIR", "the dataset with ground-truth masks (default: the workspace's)"},
    {"--limit N", "at most N images, spread over the split"},
    {"--rates LIST", "curves: removal rates (default 0,0.1,...,1)"},
    {"--patch N", "curves: patch side in pixels (default 16 per 224)"},
    {"--seed S", "noise and patch order"},
    {"--batch-size N", "images per forward pass"},
    kDevice,
    {"--json OUT, --csv OUT", "write the results (- for stdout)"}};

std::string render(const CommandHelp& help)
{
    std::ostringstream out;
    out << "usage: salient " << help.noun << (help.verb.empty() ? "" : " " + help.verb)
        << (help.synopsis.empty() ? "" : " " + help.synopsis) << "\n\n"
        << help.summary << '\n';
    if (!help.options.empty()) {
        std::size_t width = 0;
        for (const auto& [option, meaning] : help.options)
            width = std::max(width, option.size());
        out << "\noptions:\n";
        for (const auto& [option, meaning] : help.options)
            out << "  " << option << std::string(width - option.size() + 2, ' ') << meaning << '\n';
    }
    return out.str();
}

} // namespace

const std::vector<CommandHelp>& commandHelp()
{
    static const std::vector<CommandHelp> commands = {
        {"model",
         "info",
         "FILE [--json] [--device D]",
         "Architecture, parameter count, classes, feature width, preprocessing and SHA-256 of a model "
         "file (TorchScript, torch.save state dict, robustness-library checkpoint or the program's own).",
         {kJson, kDevice}},
        {"model",
         "predict",
         "FILE IMAGE... [--top K] [--json] [--device D]",
         "The top K classes of each image with softmax probabilities.",
         {{"--top K", "how many classes (default 5)"}, kJson, kDevice}},
        {"model",
         "convert",
         "FILE --out OUT",
         "Writes a native ResNet file in the program's own format (torch.load reads it back).",
         {{"--out OUT", "the file to write (atomically)"}}},
        {"model",
         "evaluate",
         "FILE --data DIR [--pgd-eps E] [--pgd-steps N] [--limit N] [--json]",
         "Accuracy on an ImageFolder, clean and, with --pgd-eps, under an L2 PGD attack.",
         {{"--data DIR", "an ImageFolder (class folders of images)"},
          {"--pgd-eps E", "attack with L2 PGD of radius E"},
          {"--pgd-steps N", "attack steps (default 10)"},
          {"--limit N", "attack N images spread over the folder"},
          kJson,
          kDevice}},
        {"train",
         "",
         "--recipe FILE --out FILE [--data DIR] [--epochs N] [--device D]",
         "Standard or L2-PGD robust training from a JSON recipe; a checkpoint per epoch, resumable after "
         "a kill.",
         {{"--recipe FILE", "the training recipe (docs/training.md)"},
          {"--out FILE", "the model to write"},
          {"--data DIR", "the ImageFolder to train on (default: the recipe's)"},
          {"--epochs N", "override the recipe's epochs"},
          kDevice}},
        {"demo",
         "",
         "DIR [--seed S] [--world-only] [--no-index] [--train N --val N --test N --balanced N]",
         "Creates the Spurious Fashion demo workspace in DIR: the world built from Fashion-MNIST, the "
         "shipped robust and standard models, WordNet metadata, their measured accuracies and the feature "
         "index.",
         {{"--seed S", "the world's seed"},
          {"--world-only", "write only the dataset"},
          {"--no-index", "do not index the training split"},
          {"--train N, --val N, --test N, --balanced N", "images per split"},
          kDevice}},
        {"workspace",
         "init",
         "DIR [--dataset DIR] [--robust-model FILE] [--standard-model FILE]",
         "Makes DIR a workspace for your own data (an ImageFolder with train/ and a robust model).",
         {{"--dataset DIR", "the folder that holds train/ (and optionally val/)"},
          {"--robust-model FILE", "the robust model whose features are indexed"},
          {"--standard-model FILE", "a standard model to compare with"}}},
        {"workspace",
         "info",
         "[DIR] [--json]",
         "The workspace's settings and what its index holds.",
         {kJson}},
        {"workspace",
         "status",
         "[DIR] [--json]",
         "Where the workspace stands in the method: each step (setup, index, discovery, dataset, validation, "
         "sweeps) with its state (waiting, not started, under way, done) and key figures, as the window's "
         "Overview shows them.",
         {kJson}},
        {"workspace",
         "import-classes",
         "DIR CSV",
         "Reads class metadata (Salient ImageNet's class_metadata.csv) into the workspace for the class "
         "panel.",
         {}},
        {"workspace",
         "check",
         "[DIR] [--json]",
         "SQLite's full integrity check of salient.db (every workspace is quick-checked when it opens; a "
         "damaged one is refused). Exit 2 and the way to recover when it is damaged.",
         {kJson}},
        {"workspace",
         "backup",
         "[DIR] [--out FILE]",
         "A consistent copy of salient.db, taken while others may be writing (SQLite's online backup). "
         "One is also taken before every schema upgrade.",
         {{"--out FILE", "where the copy goes (default: DIR/backups/salient-manual-TIME.db)"}}},
        {"index",
         "",
         "[--workspace DIR] [--model FILE] [--data DIR] [--out DIR] [--rebuild] [--shard I/N] [--json]",
         "Step 1-3 of the method: the robust model's penultimate features of a dataset, its predictions "
         "and every class's ranked features, stored in the workspace. Resumable; --shard splits the work "
         "and `salient index merge --out DIR SHARD...` joins it.",
         {kWorkspace,
          {"--model FILE", "the robust model (default: the workspace's)"},
          {"--data DIR", "the ImageFolder (default: the workspace's dataset/train)"},
          {"--out DIR", "the index folder (default: WORKSPACE/index; a rebuild goes to index-2, ...)"},
          {"--rebuild",
           "index again although the stored index is current; the old one stays until the new one is stored"},
          {"--batch-size N", "images per forward pass"},
          {"--k N", "features ranked per class (default 5)"},
          {"--top-labelled N", "generalisation images kept per pair (default 65)"},
          {"--shard I/N", "index the I-th of N parts"},
          kDevice,
          kJson}},
        {"features",
         "top",
         "--class C [--k 5] [--workspace DIR] [--index DIR] [--json]",
         "A class's most important features with their top images.",
         {{"--class C", "a class id (e.g. a WordNet id) or index"},
          {"--k N", "how many features (default 5)"},
          kWorkspace,
          {"--index DIR", "rank live from an index folder instead of the workspace"},
          kJson}},
        {"hits",
         "create",
         "--study discovery|validation [options]",
         "A study: a HIT per (class, feature) pair, each answered by N distinct annotators.",
         {kWorkspace,
          {"--name NAME", "the study's name"},
          {"--annotators-per-hit N", "distinct annotators per HIT (default 5)"},
          {"--from STUDY", "validation: the discovery study it checks"},
          {"--pairs-from CSV", "discovery: the pairs of an MTurk CSV"},
          {"--lease-minutes M", "how long a handed-out HIT is kept (default 120)"},
          {"--reason-min-chars N, --reason-min-words N", "the reason rule (default 10 and 3)"},
          {"--generic-reasons FILE", "phrases refused as reasons, one a line"},
          kJson}},
        {"hits",
         "import-mturk",
         "CSV [--metadata CSV] [--name NAME] [--annotators-per-hit N]",
         "Imports Salient ImageNet's published MTurk answers as a discovery study.",
         {kWorkspace, {"--metadata CSV", "class_metadata.csv for the class panel"}, kJson}},
        {"hits",
         "export",
         "CSV [--study NAME] [--admin NAME [--pin PIN]]",
         "Writes a study's answers as an MTurk CSV: once every HIT is complete, or earlier for an "
         "administrator (answers stay blind while a HIT is open).",
         {kWorkspace, kStudy, {"--admin NAME", "an administrator, to export before the study ends"}, kPin}},
        {"hits",
         "summary",
         "[--study NAME] [--json]",
         "The study's labels (majority rule with sub-labels), Fleiss' kappa and progress.",
         {kWorkspace, kStudy, kJson}},
        {"hits",
         "next",
         "--annotator NAME [--pin PIN] [--json]",
         "Hands the annotator a HIT.",
         {kWorkspace, kStudy, kAnnotator, kPin, kJson}},
        {"hits",
         "submit",
         "--annotator NAME --hit ID --answer A --confidence 1-5 --reason TEXT",
         "Records the answer to a held HIT.",
         {kWorkspace,
          kStudy,
          kAnnotator,
          kPin,
          {"--hit ID", "the HIT"},
          {"--answer A", "one of the options"},
          {"--confidence C", "1-5"},
          {"--reason TEXT", "why (the study's reason rule applies)"},
          kJson}},
        {"hits",
         "answer",
         "--annotator NAME --answer A --confidence C --reason TEXT [--count N | --all]",
         "Takes the next HIT and submits the same answer, N times or until none is left.",
         {kWorkspace,
          kStudy,
          kAnnotator,
          kPin,
          {"--count N", "how many HITs (default 1)"},
          {"--all", "until none is left"},
          {"--max-seconds S", "stop after S seconds"}}},
        {"hits",
         "undo",
         "--annotator NAME",
         "Withdraws the annotator's latest answer while its HIT is open.",
         {kWorkspace, kStudy, kAnnotator, kPin}},
        {"hits",
         "progress",
         "[--annotator NAME] [--json]",
         "Answers and held HITs, overall and per annotator.",
         {kWorkspace, kStudy, kJson}},
        {"hits",
         "review",
         "--admin NAME [--limit N] [--json]",
         "The complete, not yet adjudicated pairs, most disputed first, with every answer.",
         {kWorkspace,
          kStudy,
          {"--admin NAME", "an administrator"},
          kPin,
          {"--limit N", "default 20"},
          kJson}},
        {"hits",
         "adjudicate",
         "--admin NAME --hit ID --label L [--sub-label S] [--note TEXT]",
         "Records an administrator's decision on a pair beside its answers.",
         {kWorkspace,
          kStudy,
          {"--admin NAME", "an administrator"},
          kPin,
          {"--hit ID", "the HIT"},
          {"--label L", "core|spurious (validation: same|different|unclear)"},
          {"--sub-label S", "background|separate_object|ambiguous"},
          {"--note TEXT", "why"},
          kJson}},
        {"hits",
         "add-annotator",
         "NAME [--admin [--by ADMIN --by-pin PIN]] [--pin PIN]",
         "Adds an annotator or an administrator. The first administrator may be added by anyone; later ones "
         "only by an administrator.",
         {kWorkspace,
          {"--admin", "an administrator"},
          {"--by ADMIN", "the administrator who adds another one"},
          {"--by-pin PIN", "that administrator's PIN"},
          kPin}},
        {"hits", "annotators", "[--json]", "Lists the annotators.", {kWorkspace, kJson}},
        {"hits",
         "autolabel",
         "--ground-truth [--study NAME] [--device D] [--json]",
         "The demo world only: answers every open HIT from the world's true masks as the annotator "
         "ground-truth.",
         {kWorkspace, kStudy, {"--ground-truth", "required"}, kDevice, kJson}},
        {"hits",
         "merge",
         "OTHER_WORKSPACE... [--json]",
         "Merges annotators' copies of the workspace back: studies, answers, adjudications, withdrawals.",
         {kWorkspace, kJson}},
        {"render",
         "",
         "--class C --feature J --out DIR [options]",
         "A pair's top images, heatmaps and feature attacks as PNG files, through the render cache.",
         {kWorkspace,
          {"--class C", "a class id or index"},
          {"--feature J", "a feature index"},
          {"--out DIR", "where the PNG files go"},
          {"--index DIR", "the index folder (default: WORKSPACE/index)"},
          {"--model FILE", "default: the index's model"},
          {"--data DIR", "default: the index's dataset"},
          {"--steps N, --step-size S, --eps E",
           "the feature attack (default 100 steps of 10 within an L2 radius of 10, both at 224 x 224 and "
           "scaled to the model's input; --eps 0: no bound)"},
          {"--batch-size N", "images per forward pass"},
          {"--no-cache", "render without the workspace's cache"},
          kDevice,
          kJson}},
        {"dataset",
         "build",
         "[--workspace DIR] [--study NAME] [--top N] [--rebuild] [--json]",
         "Soft NAM masks of the top images of every pair the discovery study labelled. Resumable.",
         {kWorkspace,
          kStudy,
          {"--top N", "images per pair (default 65)"},
          {"--batch-size N", "per forward"},
          {"--rebuild", "start over"},
          kDevice,
          kJson}},
        {"dataset",
         "summary",
         "[--workspace DIR] [--ground-truth] [--json]",
         "The dataset's pairs with labels, agreement and mask counts.",
         {kWorkspace, {"--ground-truth", "the demo world: the masks' share on the true object"}, kJson}},
        {"dataset",
         "export",
         "DIR [--force] [--quality Q] [--workspace W] [--json]",
         "Writes the Salient ImageNet layout to DIR; a killed export resumes.",
         {kWorkspace,
          {"--force", "replace DIR"},
          {"--quality Q", "the masks' JPEG quality (default 95)"},
          kJson}},
        {"dataset",
         "import",
         "DIR --images ROOT [--workspace W] [--json]",
         "Reads a dataset in that layout into the workspace, replacing the one it held.",
         {kWorkspace, {"--images ROOT", "where the images are"}, kJson}},
        {"sweep",
         "",
         "[--workspace DIR] [--model FILE ...] [--sigmas 0,0.1,...] [--strategy S ...] [options]",
         "Step 7: corrupts core or spurious regions and measures each model's accuracy beside its clean "
         "accuracy. `salient sweep list` and `salient sweep show RUN` read stored runs.",
         {kWorkspace,
          {"--model FILE", "a classifier (repeatable; default: the workspace's models)"},
          {"--sigmas LIST", "noise levels or strengths"},
          {"--strategy S", "noise|uniform|black|grey|mean|blur|grey-edge (repeatable)"},
          {"--masks auto|dataset|ground-truth", "whose masks to corrupt"},
          {"--split NAME", "the demo world's split (default test)"},
          {"--class C, --feature J", "restrict the scope"},
          {"--limit N", "at most N images"},
          {"--seed S", "the noise's seed"},
          {"--batch-size N", "images per forward pass"},
          {"--no-feature-drops", "skip the per-feature measures"},
          kDevice,
          {"--json OUT, --csv OUT", "write the results (- for stdout)"}}},
        {"masking", "leakage", "[--workspace DIR] [--model FILE ...] [--strategy S ...] [options]",
         "Mask-shape leakage: on the images each model gets right, removes the object (ground truth) with "
         "each strategy, and the same mask rolled by half the image as a control; stores the run.",
         kMaskingOptions},
        {"masking", "curves",
         "[--workspace DIR] [--model FILE ...] [--strategy S ...] [--rates 0,0.1,...] [options]",
         "Segment-removal curves: square patches removed in a seeded random order; accuracy, entropy of "
         "the predictions, unchanged predictions and WordNet similarity per rate; stores the run.",
         kMaskingOptions},
        {"masking", "list", "[--workspace DIR]", "The stored masking runs.", {kWorkspace}},
        {"masking",
         "show",
         "RUN [--workspace DIR] [--json OUT] [--csv OUT]",
         "A stored masking run.",
         {kWorkspace, {"--json OUT, --csv OUT", "write the results (- for stdout)"}}},
    };
    return commands;
}

std::string overviewHelp()
{
    std::ostringstream out;
    out << "usage: salient <noun> [<verb>] [options]\n\n";
    std::size_t width = 0;
    for (const CommandHelp& help : commandHelp())
        width = std::max(width, help.noun.size() + 1 + help.verb.size());
    for (const CommandHelp& help : commandHelp()) {
        const std::string name = help.verb.empty() ? help.noun : help.noun + " " + help.verb;
        std::string summary = help.summary.substr(0, help.summary.find(". ") + 1);
        out << "  " << name << std::string(width - name.size() + 2, ' ') << summary << '\n';
    }
    out << "\nsalient <noun> [<verb>] --help shows a command's options. Common options: --workspace DIR,\n"
           "--device auto|cpu|cuda, --json. Exit codes: 0 success, 2 bad usage or input, 1 failure.\n";
    return out.str();
}

std::string helpFor(const std::string& noun, const std::string& verb)
{
    std::string text;
    for (const CommandHelp& help : commandHelp()) {
        if (help.noun != noun)
            continue;
        if (!verb.empty() && help.verb == verb)
            return render(help);
        text += (text.empty() ? "" : "\n") + render(help);
    }
    return text;
}

bool asksForHelp(const std::vector<std::string>& words)
{
    return (!words.empty() && words.front() == "help") ||
           std::any_of(words.begin(), words.end(),
                       [](const std::string& w) { return w == "--help" || w == "-h"; });
}

} // namespace salient::cli
