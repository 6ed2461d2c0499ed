#include "pipeline/GroundTruthAnnotator.h"

#include "base/Errors.h"
#include "core/Runtime.h"
#include "core/evidence/EvidenceRenderer.h"
#include "core/index/IndexManifest.h"
#include "database/Annotators.h"
#include "database/Assignments.h"
#include "database/IndexTables.h"
#include "database/Responses.h"
#include "database/Studies.h"
#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

namespace fs = std::filesystem;

namespace salient {
namespace {

const char* const annotatorName = "ground-truth";
/// NAMs are divided by their maximum, so this keeps the map's upper half: the "red region".
constexpr float hotThreshold = 0.5f;

/// The true masks of a training image of the demo world: dataset/masks/<split>/<wnid>/<name>.png.
fs::path maskPath(const fs::path& datasetTrain, const std::string& relativeImage)
{
    return datasetTrain.parent_path() / "masks" / datasetTrain.filename() / relativeImage;
}

int confidenceFor(double share)
{
    if (share >= 0.8)
        return 5;
    if (share >= 0.65)
        return 4;
    if (share >= 0.5)
        return 3;
    if (share >= 0.4)
        return 2;
    return 1;
}

std::string percent(double share)
{
    return std::to_string(int(std::lround(100 * share))) + " %";
}

Answer answerFor(const MassShares& shares)
{
    Answer answer;
    double best = shares.object;
    answer.answer = "main_object";
    if (shares.separateObject > best) {
        best = shares.separateObject;
        answer.answer = "separate_object";
    }
    if (shares.background > best) {
        best = shares.background;
        answer.answer = "background";
    }
    answer.confidence = confidenceFor(best);
    answer.reason = "Measured on the demo's true masks, the activation maps of the top images put " +
                    percent(shares.object) + " of their mass on the main object, " +
                    percent(shares.separateObject) + " on a separate object and " +
                    percent(shares.background) + " on the background (" + percent(shares.backgroundCue) +
                    " on a planted background cue).";
    return answer;
}

} // namespace

MassShares namMassShares(const std::vector<float>& nam, const std::vector<float>& maskRgb)
{
    if (maskRgb.size() != nam.size() * 3)
        throw InputError("the activation map and the mask differ in size");
    double total = 0, object = 0, separate = 0, cue = 0;
    for (std::size_t i = 0; i < nam.size(); ++i) {
        // The red region an annotator looks at: the NAM where it is at least half its maximum.
        const double weight = nam[i] >= hotThreshold ? double(nam[i]) : 0.0;
        total += weight;
        object += weight * maskRgb[3 * i];
        cue += weight * maskRgb[3 * i + 1];
        separate += weight * maskRgb[3 * i + 2];
    }
    MassShares shares;
    if (total <= 0)
        return shares;
    shares.object = object / total;
    shares.separateObject = separate / total;
    shares.backgroundCue = cue / total;
    shares.background = std::max(0.0, 1.0 - shares.object - shares.separateObject);
    return shares;
}

AutolabelSummary autolabelFromGroundTruth(Workspace& workspace, const std::optional<std::string>& studyName,
                                          const std::string& device, const Job& job)
{
    Database& db = workspace.database();
    const std::string indexDirectory = workspaceFile(workspace, WorkspaceKeys::FeatureIndex);
    const IndexManifest manifest = IndexManifest::read(indexDirectory);
    const fs::path dataset = fs::path(manifest.dataset).lexically_normal();
    if (!fs::is_directory(dataset.parent_path() / "masks" / dataset.filename()))
        throw InputError("the workspace " + workspace.path() + " has no ground-truth masks (" +
                         (dataset.parent_path() / "masks").string() +
                         "); only the demo world has them, so its HITs need people");
    const Study study = chooseStudy(db, studyName);
    if (study.kind != StudyKind::Discovery)
        throw InputError("study '" + study.name + "' is not a discovery study");
    const Annotator annotator = signIn(db, annotatorName, std::nullopt);
    const std::string model =
        fs::exists(manifest.model) ? manifest.model : workspaceFile(workspace, WorkspaceKeys::RobustModel);
    const EvidenceRenderer renderer = EvidenceRenderer::open(model, parseDeviceChoice(device));

    AutolabelSummary summary;
    summary.study = study.name;
    const std::int64_t total = std::int64_t(studyHits(db, study.id).size());
    while (const auto assignment = nextHit(db, study, annotator)) {
        job.throwIfCancelled();
        job.report(summary.answered, total, "Answering from ground truth");
        const StudyPair& pair = assignment->hit.pair;
        std::vector<Image> images, masks;
        for (const ClassFeature& ranked : classFeatures(db, pair.classIndex)) {
            if (ranked.feature != pair.feature)
                continue;
            for (const FeatureImage& top : ranked.discovery) {
                const std::string relative = indexedImage(db, top.imageId).value().path;
                images.push_back(renderer.prepareFile((dataset / relative).string()));
                masks.push_back(renderer.prepareFile(maskPath(dataset, relative).string()));
            }
        }
        if (images.empty())
            throw InputError("the feature index has no top images for class " + pair.wnid + ", feature " +
                             std::to_string(pair.feature) + "; run salient index again");
        MassShares mean;
        const auto maps = renderer.activationMaps(images, pair.feature);
        for (std::size_t i = 0; i < maps.size(); ++i) {
            const MassShares shares = namMassShares(maps[i].values, masks[i].pixels);
            mean.object += shares.object / double(maps.size());
            mean.separateObject += shares.separateObject / double(maps.size());
            mean.background += shares.background / double(maps.size());
            mean.backgroundCue += shares.backgroundCue / double(maps.size());
        }
        const Answer answer = answerFor(mean);
        submitAnswer(db, study, assignment->hit.id, annotator, answer);
        ++summary.answered;
        (answer.answer == "main_object"       ? summary.mainObject
         : answer.answer == "separate_object" ? summary.separateObject
                                              : summary.background)++;
    }
    job.report(total, total, "Answered from ground truth");
    return summary;
}

} // namespace salient
