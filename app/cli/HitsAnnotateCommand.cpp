// `salient hits next|submit|answer|undo|progress|review|adjudicate|add-annotator|annotators`: annotating
// from the command line (scripted sessions, load tests, administrators' review).
#include "HitsSupport.h"
#include "JsonOutput.h"
#include "base/Parse.h"
#include "base/Text.h"

#include "database/Adjudications.h"
#include "database/Assignments.h"
#include "database/ClassMetadata.h"
#include "database/IndexTables.h"
#include "database/Responses.h"
#include "database/StudySummary.h"

#include <chrono>
#include <iomanip>
#include <iostream>

namespace salient::cli {
namespace {

const char* kNextUsage = "hits next --annotator NAME [--pin PIN] [--study NAME] [--workspace DIR] [--json]";
const char* kSubmitUsage = "hits submit --annotator NAME --hit ID --answer A --confidence 1-5 --reason TEXT "
                           "[--pin PIN] [--study NAME] [--workspace DIR] [--json]";
const char* kAnswerUsage =
    "hits answer --annotator NAME --answer A --confidence 1-5 --reason TEXT "
    "[--count N | --all] [--max-seconds S] [--pin PIN] [--study NAME] [--workspace DIR]";
const char* kUndoUsage = "hits undo --annotator NAME [--pin PIN] [--study NAME] [--workspace DIR] [--json]";
const char* kProgressUsage = "hits progress [--annotator NAME] [--study NAME] [--workspace DIR] [--json]";
const char* kReviewUsage =
    "hits review --admin NAME [--pin PIN] [--limit N] [--study NAME] [--workspace DIR] [--json]";
const char* kAdjudicateUsage =
    "hits adjudicate --admin NAME --hit ID --label L [--sub-label S] [--note TEXT] "
    "[--pin PIN] [--study NAME] [--workspace DIR] [--json]";
const char* kAddAnnotatorUsage =
    "hits add-annotator NAME [--admin [--by ADMIN --by-pin PIN]] [--pin PIN] [--workspace DIR]";

std::int64_t hitArgument(Arguments& arguments, const std::string& usage)
{
    const std::string text = requiredOption(arguments, "hit", usage);
    const std::optional<std::int64_t> id = parseInt64(text);
    if (id && *id > 0)
        return *id;
    throw UsageError("--hit takes a HIT number, not '" + text + "'");
}

Answer answerArguments(Arguments& arguments, const std::string& usage)
{
    Answer answer;
    answer.answer = requiredOption(arguments, "answer", usage);
    answer.confidence = boundedIntOption(arguments, "confidence", 0, 0);
    if (answer.confidence == 0)
        throw UsageError("--confidence 1-5 is needed; usage: salient " + usage);
    answer.reason = requiredOption(arguments, "reason", usage);
    return answer;
}

/// The study named by --study, else the one the HIT belongs to.
Study studyOfHit(Database& db, const std::optional<std::string>& name, std::int64_t hitId)
{
    if (name)
        return chooseStudy(db, name);
    if (const auto hit = findHit(db, hitId))
        return *findStudyById(db, hit->studyId);
    throw InputError("the workspace has no HIT " + std::to_string(hitId));
}

std::vector<std::string> imagePaths(Database& db, const std::vector<FeatureImage>& images)
{
    std::vector<std::string> paths;
    for (const auto& image : images)
        if (const auto indexed = indexedImage(db, image.imageId))
            paths.push_back(indexed->path);
    return paths;
}

/// The HIT as an annotator sees it: the pair, the class panel and the evidence images the index has.
Json hitJson(Database& db, const Study& study, const Hit& hit)
{
    Json out = {{"hit", hit.id},
                {"study", study.name},
                {"kind", toString(study.kind)},
                {"class_index", hit.pair.classIndex},
                {"wnid", hit.pair.wnid},
                {"feature", hit.pair.feature},
                {"rank", hit.pair.rank},
                {"answers", answerOptions(study.kind)}};
    if (const auto cls = classMetadata(db, hit.pair.wnid)) {
        out["class_name"] = cls->name;
        out["synset"] = cls->synset;
        out["gloss"] = cls->gloss;
        out["supercategory"] = cls->supercategory;
        out["wikilinks"] = cls->wikilinks;
    }
    for (const ClassFeature& feature : classFeatures(db, hit.pair.classIndex)) {
        if (feature.feature != hit.pair.feature)
            continue;
        if (study.kind == StudyKind::Discovery) {
            out["images"] = imagePaths(db, feature.discovery);
        } else {
            const auto& set = feature.generalisation;
            const std::size_t k = std::min<std::size_t>(5, set.size() / 2);
            out["top_images"] = imagePaths(db, {set.begin(), set.begin() + long(k)});
            out["bottom_images"] = imagePaths(db, {set.end() - long(k), set.end()});
        }
    }
    return out;
}

void printHit(const Json& hit)
{
    std::cout << "HIT " << hit["hit"].get<std::int64_t>() << " of study '" << hit["study"].get<std::string>()
              << "': class " << hit["class_index"].get<int>() << " (" << hit["wnid"].get<std::string>();
    if (hit.contains("class_name"))
        std::cout << ", " << hit["class_name"].get<std::string>();
    std::cout << "), feature " << hit["feature"].get<int>() << ", rank " << hit["rank"].get<int>() << '\n';
    if (hit.contains("gloss"))
        std::cout << "  " << hit["gloss"].get<std::string>() << '\n';
    for (const char* key : {"images", "top_images", "bottom_images"})
        if (hit.contains(key))
            for (const auto& path : hit[key])
                std::cout << "  " << key << ": " << path.get<std::string>() << '\n';
    std::cout << "  answers:";
    for (const auto& option : hit["answers"])
        std::cout << ' ' << option.get<std::string>();
    std::cout << '\n';
}

Json responseJson(const Response& r)
{
    return {{"response", r.uid},
            {"hit", r.hitId},
            {"annotator", r.annotatorName},
            {"answer", r.answer},
            {"confidence", r.confidence},
            {"reason", r.reason},
            {"started_at", r.startedAt},
            {"submitted_at", r.submittedAt}};
}

} // namespace

int runHitsNext(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    const std::string name = requiredOption(arguments, "annotator", kNextUsage);
    const auto pin = pinArgument(arguments);
    const auto studyName = arguments.option("study");
    expectNoPositionals(arguments, kNextUsage);
    Workspace workspace = Workspace::open(workspaceDir, false);
    Database& db = workspace.database();
    const Study study = chooseStudy(db, studyName);
    const auto assignment = nextHit(db, study, signIn(db, name, pin));
    if (!assignment) {
        if (json)
            printJson(Json{{"hit", nullptr}, {"study", study.name}});
        else
            std::cout << "No HIT left for " << name << " in study '" << study.name << "'\n";
        return 0;
    }
    Json hit = hitJson(db, study, assignment->hit);
    hit["resumed"] = assignment->resumed;
    hit["assigned_at"] = assignment->assignedAt;
    if (json)
        printJson(hit);
    else
        printHit(hit);
    return 0;
}

int runHitsSubmit(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    const std::string name = requiredOption(arguments, "annotator", kSubmitUsage);
    const auto pin = pinArgument(arguments);
    const auto studyName = arguments.option("study");
    const std::int64_t hitId = hitArgument(arguments, kSubmitUsage);
    const Answer answer = answerArguments(arguments, kSubmitUsage);
    expectNoPositionals(arguments, kSubmitUsage);
    Workspace workspace = Workspace::open(workspaceDir, false);
    Database& db = workspace.database();
    const Study study = studyOfHit(db, studyName, hitId);
    const Response response = submitAnswer(db, study, hitId, signIn(db, name, pin), answer);
    if (json)
        printJson(responseJson(response));
    else
        std::cout << "Recorded " << name << "'s answer to HIT " << hitId << ": " << response.answer << '\n';
    return 0;
}

int runHitsAnswer(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const std::string name = requiredOption(arguments, "annotator", kAnswerUsage);
    const auto pin = pinArgument(arguments);
    const auto studyName = arguments.option("study");
    const bool all = arguments.flag("all");
    const int count = boundedIntOption(arguments, "count", 1, 1);
    const int maxSeconds = boundedIntOption(arguments, "max-seconds", 0, 1);
    const Answer answer = answerArguments(arguments, kAnswerUsage);
    expectNoPositionals(arguments, kAnswerUsage);
    Workspace workspace = Workspace::open(workspaceDir, false);
    Database& db = workspace.database();
    const Study study = chooseStudy(db, studyName);
    if (const std::string problem = answerProblem(study, answer); !problem.empty())
        throw InputError(problem);
    const Annotator annotator = signIn(db, name, pin);

    const auto start = std::chrono::steady_clock::now();
    int answered = 0;
    while (all || answered < count) {
        if (maxSeconds > 0 && std::chrono::steady_clock::now() - start >= std::chrono::seconds(maxSeconds))
            break;
        const auto assignment = nextHit(db, study, annotator);
        if (!assignment)
            break;
        const Response response = submitAnswer(db, study, assignment->hit.id, annotator, answer);
        ++answered;
        // One line per recorded answer, flushed: a script (or a test) can count what was recorded.
        std::cout << "answered HIT " << response.hitId << " response " << response.uid << std::endl;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << name << " answered " << counted(answered, "HIT") << " of study '" << study.name << "' in "
              << std::fixed << std::setprecision(1) << seconds << " s\n";
    return 0;
}

int runHitsUndo(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    const std::string name = requiredOption(arguments, "annotator", kUndoUsage);
    const auto pin = pinArgument(arguments);
    const auto studyName = arguments.option("study");
    expectNoPositionals(arguments, kUndoUsage);
    Workspace workspace = Workspace::open(workspaceDir, false);
    Database& db = workspace.database();
    const Study study = chooseStudy(db, studyName);
    const Response undone = undoLastAnswer(db, study, signIn(db, name, pin));
    if (json)
        printJson(Json{{"withdrawn", responseJson(undone)}});
    else
        std::cout << "Withdrew " << name << "'s answer to HIT " << undone.hitId << " (" << undone.answer
                  << "); the HIT is " << name << "'s again\n";
    return 0;
}

int runHitsProgress(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    const auto only = arguments.option("annotator");
    const auto studyName = arguments.option("study");
    expectNoPositionals(arguments, kProgressUsage);
    Workspace workspace = Workspace::open(workspaceDir, false);
    const Study study = chooseStudy(workspace.database(), studyName);
    const StudyProgress progress = studyProgress(workspace.database(), study);
    Json annotators = Json::array();
    for (const auto& row : progress.annotators)
        if (!only || row.name == *only)
            annotators.push_back(
                {{"name", row.name}, {"role", row.role}, {"answered", row.answered}, {"held", row.held}});
    if (json) {
        printJson(Json{{"study", study.name},
                       {"hits", progress.hits},
                       {"complete", progress.complete},
                       {"answers", progress.answers},
                       {"answers_needed", progress.answersNeeded},
                       {"held", progress.held},
                       {"annotators", annotators}});
        return 0;
    }
    std::cout << "Study '" << study.name << "': " << progress.complete << " of "
              << counted(progress.hits, "HIT") << " complete, " << progress.answers << " of "
              << counted(progress.answersNeeded, "answer") << ", " << counted(progress.held, "HIT")
              << " held\n";
    for (const auto& row : annotators)
        std::cout << "  " << std::left << std::setw(24) << row["name"].get<std::string>() << " answered "
                  << row["answered"].get<int>() << ", holds " << row["held"].get<int>() << '\n';
    return 0;
}

int runHitsReview(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    const std::string admin = requiredOption(arguments, "admin", kReviewUsage);
    const auto pin = pinArgument(arguments);
    const int limit = boundedIntOption(arguments, "limit", 20, 1);
    const auto studyName = arguments.option("study");
    expectNoPositionals(arguments, kReviewUsage);
    Workspace workspace = Workspace::open(workspaceDir, false);
    Database& db = workspace.database();
    const Study study = chooseStudy(db, studyName);
    const Annotator reviewer = signInAdmin(db, admin, pin);
    Json queue = Json::array();
    for (const PairLabel& pair : reviewQueue(db, study, limit)) {
        Json votes;
        for (std::size_t i = 0; i < pair.votes.size(); ++i)
            votes[answerOptions(study.kind)[i]] = pair.votes[i];
        Json responses = Json::array();
        for (const Response& r : hitResponses(db, pair.hit.id, reviewer))
            responses.push_back(responseJson(r));
        queue.push_back({{"hit", pair.hit.id},
                         {"class_index", pair.hit.pair.classIndex},
                         {"wnid", pair.hit.pair.wnid},
                         {"feature", pair.hit.pair.feature},
                         {"votes", votes},
                         {"label", pair.majority.label},
                         {"sub_label", pair.majority.subLabel},
                         {"margin", pair.majority.margin},
                         {"agreement", pair.majority.agreement},
                         {"responses", responses}});
    }
    if (json) {
        printJson(Json{{"study", study.name}, {"queue", queue}});
        return 0;
    }
    for (const auto& item : queue) {
        std::cout << "HIT " << item["hit"].get<std::int64_t>() << "  " << item["wnid"].get<std::string>()
                  << " feature " << item["feature"].get<int>() << "  " << item["label"].get<std::string>()
                  << "  votes " << item["votes"].dump() << '\n';
        for (const auto& r : item["responses"])
            std::cout << "    " << r["annotator"].get<std::string>() << ": " << r["answer"].get<std::string>()
                      << " (" << r["confidence"].get<int>() << ") " << r["reason"].get<std::string>() << '\n';
    }
    if (queue.empty())
        std::cout << "Nothing to review in study '" << study.name << "'\n";
    return 0;
}

int runHitsAdjudicate(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    const std::string admin = requiredOption(arguments, "admin", kAdjudicateUsage);
    const auto pin = pinArgument(arguments);
    const auto studyName = arguments.option("study");
    const std::int64_t hitId = hitArgument(arguments, kAdjudicateUsage);
    const std::string label = requiredOption(arguments, "label", kAdjudicateUsage);
    const std::string subLabel = arguments.option("sub-label", "");
    const std::string note = arguments.option("note", "");
    expectNoPositionals(arguments, kAdjudicateUsage);
    Workspace workspace = Workspace::open(workspaceDir, false);
    Database& db = workspace.database();
    const Study study = studyOfHit(db, studyName, hitId);
    const Adjudication decided =
        adjudicate(db, study, hitId, signInAdmin(db, admin, pin), label, subLabel, note);
    if (json)
        printJson(Json{{"hit", hitId},
                       {"label", decided.label},
                       {"sub_label", decided.subLabel},
                       {"admin", decided.adminName},
                       {"note", decided.note},
                       {"decided_at", decided.decidedAt}});
    else
        std::cout << "HIT " << hitId << " is " << label << (subLabel.empty() ? "" : " (" + subLabel + ")")
                  << ", decided by " << admin << '\n';
    return 0;
}

int runHitsAddAnnotator(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool admin = arguments.flag("admin");
    const auto pin = pinArgument(arguments);
    const auto by = arguments.option("by");
    const auto byPin = arguments.option("by-pin");
    const auto words = arguments.positionals();
    if (words.size() != 1)
        throw UsageError(std::string("usage: salient ") + kAddAnnotatorUsage);
    Workspace workspace = Workspace::open(workspaceDir, false);
    Database& db = workspace.database();
    const Annotator added =
        addAnnotator(db, words.front(), admin ? AnnotatorRole::Admin : AnnotatorRole::Annotator, pin,
                     by ? std::optional(signInAdmin(db, *by, byPin)) : std::nullopt);
    std::cout << "Added " << toString(added.role) << " " << added.name << (added.hasPin ? " with a PIN" : "")
              << '\n';
    return 0;
}

int runHitsAnnotators(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const bool json = arguments.flag("json");
    expectNoPositionals(arguments, "hits annotators [--workspace DIR] [--json]");
    Workspace workspace = Workspace::open(workspaceDir, false);
    Json list = Json::array();
    for (const Annotator& a : allAnnotators(workspace.database()))
        list.push_back(
            {{"name", a.name}, {"role", toString(a.role)}, {"pin", a.hasPin}, {"created_at", a.createdAt}});
    if (json) {
        printJson(Json{{"annotators", list}});
        return 0;
    }
    for (const auto& a : list)
        std::cout << a["name"].get<std::string>() << "  " << a["role"].get<std::string>()
                  << (a["pin"].get<bool>() ? "  PIN" : "") << '\n';
    return 0;
}

} // namespace salient::cli
