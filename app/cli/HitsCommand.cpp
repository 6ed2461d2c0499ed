// `salient hits ...`: studies, HITs, annotators, responses and labels (issue 6).
#include "Commands.h"
#include "HitsSupport.h"
#include "JsonOutput.h"

#include "base/AtomicFile.h"
#include "base/Csv.h"
#include "base/Errors.h"
#include "base/Parse.h"
#include "base/Text.h"
#include "database/Merge.h"
#include "database/MturkImport.h"
#include "database/Responses.h"
#include "database/StudySummary.h"
#include "pipeline/StudyCreation.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace salient::cli {
namespace {

namespace fs = std::filesystem;

const char* kCreateUsage =
    "hits create --study discovery|validation [--name NAME] [--annotators-per-hit N] [--from STUDY] "
    "[--pairs-from MTURK_CSV] [--lease-minutes M] [--reason-min-chars N] [--reason-min-words N] "
    "[--generic-reasons FILE] [--workspace DIR] [--json]";
const char* kImportUsage =
    "hits import-mturk CSV [--metadata class_metadata.csv] [--name NAME] [--annotators-per-hit N] "
    "[--workspace DIR] [--json]";
const char* kExportUsage =
    "hits export CSV [--study NAME] [--admin NAME [--pin PIN]] [--workspace DIR] [--json]";
const char* kSummaryUsage = "hits summary [--study NAME] [--workspace DIR] [--json]";
const char* kMergeUsage = "hits merge OTHER_WORKSPACE... [--workspace DIR] [--json]";

Json optionalNumber(const std::optional<double>& value)
{
    return value ? Json(*value) : Json(nullptr);
}

std::string positional(const Arguments& arguments, const std::string& usage)
{
    const auto words = arguments.positionals();
    if (words.size() != 1)
        throw UsageError("usage: salient " + usage);
    return words.front();
}

std::vector<std::string> readLines(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw InputError("cannot read " + path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (!line.empty())
            lines.push_back(line);
    }
    return lines;
}

int runCreate(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    const auto kindText = arguments.option("study");
    if (!kindText)
        throw UsageError(std::string("usage: salient ") + kCreateUsage);
    const StudyKind kind = parseStudyKind(*kindText);
    StudyOptions options;
    options.name = arguments.option("name", "");
    options.answersPerHit = boundedIntOption(arguments, "annotators-per-hit", 5, 1);
    options.leaseSeconds = 60 * boundedIntOption(arguments, "lease-minutes", 120, 0);
    options.reasonRule.minChars =
        boundedIntOption(arguments, "reason-min-chars", options.reasonRule.minChars, 1);
    options.reasonRule.minWords =
        boundedIntOption(arguments, "reason-min-words", options.reasonRule.minWords, 1);
    if (const auto generic = arguments.option("generic-reasons"))
        options.reasonRule.generic = readLines(*generic);
    const auto from = arguments.option("from");
    const auto pairsFrom = arguments.option("pairs-from");
    expectNoPositionals(arguments, kCreateUsage);
    if (kind == StudyKind::Validation && pairsFrom)
        throw UsageError("--pairs-from makes a discovery study; a validation study takes --from STUDY");
    if (kind == StudyKind::Discovery && from)
        throw UsageError("--from names the discovery study a validation study checks");

    Workspace workspace = Workspace::open(workspaceDir, pairsFrom.has_value());
    const CreatedStudy created = createStudyInWorkspace(workspace, {kind, options, from, pairsFrom});
    const Study& study = created.study;
    if (json) {
        Json out = studyJson(study);
        out["hits"] = created.hits;
        printJson(out);
    } else {
        std::cout << "Created " << toString(kind) << " study '" << study.name << "' with "
                  << counted(std::int64_t(created.hits), "HIT") << ", "
                  << counted(study.answersPerHit, "annotator") << " each\n";
    }
    return 0;
}

int runImport(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    const auto metadataPath = arguments.option("metadata");
    StudyOptions options;
    options.name = arguments.option("name", "");
    options.answersPerHit = boundedIntOption(arguments, "annotators-per-hit", 0, 1);
    const std::string csv = positional(arguments, kImportUsage);
    // Read and check everything before the workspace is touched.
    const auto rows = readMturkCsv(csv);
    const auto metadata = metadataPath ? readClassMetadataCsv(*metadataPath) : std::vector<ClassMetadata>{};
    Workspace workspace = Workspace::open(workspaceDir, true);
    const MturkImportResult result = importMturk(workspace.database(), csv, rows, metadata, options);
    if (json) {
        Json out = studyJson(result.study);
        out["answers"] = result.answers;
        out["pairs"] = result.pairs;
        out["annotators"] = result.annotators;
        out["classes"] = result.classes;
        printJson(out);
    } else {
        std::cout << "Imported " << counted(result.answers, "answer") << " of "
                  << counted(result.annotators, "worker") << " on " << counted(result.pairs, "pair")
                  << " as study '" << result.study.name << "'";
        if (result.classes > 0)
            std::cout << ", and " << result.classes << " classes' metadata";
        std::cout << '\n';
    }
    return 0;
}

int runExport(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    const auto studyName = arguments.option("study");
    const auto admin = arguments.option("admin");
    const auto pin = pinArgument(arguments);
    const std::string csv = positional(arguments, kExportUsage);
    Workspace workspace = Workspace::open(workspaceDir, false);
    const Study study = chooseStudy(workspace.database(), studyName);
    checkMayExportAnswers(workspace.database(), study,
                          admin ? std::optional(signInAdmin(workspace.database(), *admin, pin))
                                : std::nullopt);
    const auto rows = exportMturkRows(workspace.database(), study);
    writeFileAtomically(csv, mturkCsvText(rows));
    if (json)
        printJson(Json{{"study", study.name}, {"file", csv}, {"answers", rows.size()}});
    else
        std::cout << "Wrote " << counted(std::int64_t(rows.size()), "answer") << " of study '" << study.name
                  << "' to " << csv << '\n';
    return 0;
}

Json summaryJson(const StudySummary& summary)
{
    Json out = studyJson(summary.study);
    out["pairs"] = summary.pairs;
    out["answers"] = summary.answers;
    out["annotators"] = summary.annotators;
    out["complete"] = summary.complete;
    out["labelled"] = summary.labelled;
    for (const auto& [label, count] : summary.labels)
        out[label] = count;
    if (summary.study.kind == StudyKind::Discovery) {
        out["background"] = summary.background;
        out["separate_object"] = summary.separateObject;
        out["ambiguous"] = summary.ambiguous;
        out["classes_with_spurious"] = summary.classesWithSpurious;
        out["fleiss_kappa_core_spurious"] = optionalNumber(summary.kappaCoreSpurious);
    }
    out["adjudicated"] = summary.adjudicated;
    out["classes"] = summary.classes;
    out["fleiss_kappa"] = optionalNumber(summary.kappa);
    Json perClass = Json::array();
    for (const auto& cls : summary.perClass) {
        Json row = {{"class_index", cls.classIndex},
                    {"wnid", cls.wnid},
                    {"pairs", cls.pairs},
                    {"fleiss_kappa", optionalNumber(cls.kappa)}};
        if (summary.study.kind == StudyKind::Discovery)
            row["spurious"] = cls.spurious;
        perClass.push_back(row);
    }
    out["per_class"] = perClass;
    return out;
}

std::string kappaText(const std::optional<double>& kappa)
{
    if (!kappa)
        return "undefined";
    std::ostringstream text;
    text << std::fixed << std::setprecision(4) << *kappa;
    return text.str();
}

void printSummary(const StudySummary& s)
{
    // "Study 'discovery' (discovery, ...)" said the kind twice for a study named after it.
    const std::string kind = toString(s.study.kind);
    std::cout << "Study '" << s.study.name << "' (" << (s.study.name.rfind(kind, 0) == 0 ? "" : kind + ", ")
              << counted(s.study.answersPerHit, "answer") << " per HIT)\n"
              << "  pairs " << s.pairs << ", complete " << s.complete << ", labelled " << s.labelled
              << ", answers " << s.answers << ", annotators " << s.annotators << '\n';
    if (s.study.kind == StudyKind::Discovery) {
        std::cout << "  core " << s.labels.at("core") << ", spurious " << s.labels.at("spurious")
                  << " (background " << s.background << ", separate_object " << s.separateObject
                  << ", ambiguous " << s.ambiguous << "), tie " << s.labels.at("tie") << '\n'
                  << "  classes " << s.classes << ", with a spurious feature " << s.classesWithSpurious
                  << '\n'
                  << "  Fleiss' kappa " << kappaText(s.kappa) << " (core/spurious "
                  << kappaText(s.kappaCoreSpurious) << ")\n";
    } else {
        std::cout << "  same " << s.labels.at("same") << ", different " << s.labels.at("different")
                  << ", unclear " << s.labels.at("unclear") << '\n'
                  << "  Fleiss' kappa " << kappaText(s.kappa) << '\n';
    }
    if (s.adjudicated > 0)
        std::cout << "  adjudicated " << s.adjudicated << '\n';
}

int runSummary(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    const auto studyName = arguments.option("study");
    expectNoPositionals(arguments, kSummaryUsage);
    Workspace workspace = Workspace::open(workspaceDir, false);
    const StudySummary summary =
        summarizeStudy(workspace.database(), chooseStudy(workspace.database(), studyName));
    if (json)
        printJson(summaryJson(summary));
    else
        printSummary(summary);
    return 0;
}

int runMerge(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    Workspace workspace = Workspace::open(workspaceDir, false);
    const auto others = arguments.positionals();
    if (others.empty())
        throw UsageError(std::string("usage: salient ") + kMergeUsage);
    Json merged = Json::array();
    for (const std::string& other : others) {
        const fs::path file =
            fs::is_directory(other) ? fs::path(other) / Workspace::DatabaseFileName : fs::path(other);
        const MergeResult r = mergeWorkspace(workspace.database(), file.string());
        merged.push_back({{"workspace", other},
                          {"studies_added", r.studiesAdded},
                          {"hits_added", r.hitsAdded},
                          {"annotators_added", r.annotatorsAdded},
                          {"responses_added", r.responsesAdded},
                          {"responses_present", r.responsesPresent},
                          {"responses_withdrawn", r.responsesWithdrawn},
                          {"conflicts", r.conflicts},
                          {"adjudications_added", r.adjudicationsAdded}});
        if (!json)
            std::cout << other << ": " << counted(r.responsesAdded, "answer") << " added, "
                      << r.responsesPresent << " already here, " << r.responsesWithdrawn << " withdrawn, "
                      << r.conflicts << " conflicts kept as here; " << r.annotatorsAdded << " annotators, "
                      << r.studiesAdded << " studies, " << r.adjudicationsAdded << " adjudications added\n";
    }
    if (json)
        printJson(Json{{"merged", merged}});
    return 0;
}

int dispatch(const std::string& verb, Arguments& arguments)
{
    if (verb == "create")
        return runCreate(arguments);
    if (verb == "import-mturk")
        return runImport(arguments);
    if (verb == "export")
        return runExport(arguments);
    if (verb == "summary")
        return runSummary(arguments);
    if (verb == "merge")
        return runMerge(arguments);
    if (verb == "next")
        return runHitsNext(arguments);
    if (verb == "submit")
        return runHitsSubmit(arguments);
    if (verb == "answer")
        return runHitsAnswer(arguments);
    if (verb == "undo")
        return runHitsUndo(arguments);
    if (verb == "progress")
        return runHitsProgress(arguments);
    if (verb == "review")
        return runHitsReview(arguments);
    if (verb == "adjudicate")
        return runHitsAdjudicate(arguments);
    if (verb == "add-annotator")
        return runHitsAddAnnotator(arguments);
    if (verb == "annotators")
        return runHitsAnnotators(arguments);
    if (verb == "autolabel")
        return runHitsAutolabel(arguments);
    throw UsageError(
        "hits needs a command: create, import-mturk, export, summary, merge, next, submit, answer, "
        "undo, progress, review, adjudicate, add-annotator, annotators, autolabel (see docs/cli.md)");
}

} // namespace

std::optional<std::string> pinArgument(Arguments& arguments)
{
    if (auto pin = arguments.option("pin"))
        return pin;
    if (const char* pin = std::getenv("SALIENT_PIN"))
        return std::string(pin);
    return std::nullopt;
}

int boundedIntOption(Arguments& arguments, const std::string& name, int fallback, int minimum)
{
    const auto text = arguments.option(name);
    if (!text)
        return fallback;
    const std::optional<int> value = parseInt(*text);
    if (value && *value >= minimum)
        return *value;
    throw UsageError("option --" + name + " needs a whole number of at least " + std::to_string(minimum) +
                     ", not '" + *text + "'");
}

std::string requiredOption(Arguments& arguments, const std::string& name, const std::string& usage)
{
    auto value = arguments.option(name);
    if (!value)
        throw UsageError("--" + name + " is needed; usage: salient " + usage);
    return *value;
}

void expectNoPositionals(const Arguments& arguments, const std::string& usage)
{
    if (!arguments.positionals().empty())
        throw UsageError("unexpected '" + arguments.positionals().front() + "'; usage: salient " + usage);
}

Json studyJson(const Study& study)
{
    return {{"study", study.name},
            {"kind", toString(study.kind)},
            {"answers_per_hit", study.answersPerHit},
            {"uid", study.uid}};
}

int runHitsCommand(const std::string& verb, Arguments& arguments)
{
    return dispatch(verb, arguments);
}

} // namespace salient::cli
