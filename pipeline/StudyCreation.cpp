#include "pipeline/StudyCreation.h"

#include "base/Errors.h"
#include "database/MturkCsv.h"
#include "database/Workspace.h"

#include <set>
#include <utility>
#include <vector>

namespace salient {
namespace {

/// The distinct (class, feature) pairs of an MTurk CSV, in order of first appearance.
std::vector<StudyPair> pairsOfMturkCsv(const std::string& path)
{
    std::vector<StudyPair> pairs;
    std::set<std::pair<int, int>> seen;
    for (const MturkRow& row : readMturkCsv(path))
        if (seen.insert({row.classIndex, row.feature}).second)
            pairs.push_back({row.classIndex, row.wnid, row.feature, row.rank});
    return pairs;
}

} // namespace

Study discoveryStudy(Database& db, const std::optional<std::string>& name)
{
    if (name) {
        const Study study = chooseStudy(db, name);
        if (study.kind != StudyKind::Discovery)
            throw InputError("study '" + *name +
                             "' is a validation study; a validation study checks a discovery study");
        return study;
    }
    const auto all = studies(db);
    for (auto it = all.rbegin(); it != all.rend(); ++it)
        if (it->kind == StudyKind::Discovery)
            return *it;
    throw InputError("the workspace has no discovery study to validate: create a discovery study first");
}

CreatedStudy createStudyInWorkspace(Workspace& workspace, const StudyRequest& request)
{
    Database& db = workspace.database();
    std::vector<StudyPair> pairs;
    std::optional<std::int64_t> source;
    if (request.kind == StudyKind::Validation) {
        const Study discovery = discoveryStudy(db, request.from);
        pairs = labelledPairs(db, discovery);
        source = discovery.id;
        if (pairs.empty())
            throw InputError("study '" + discovery.name + "' has no labelled pair yet");
    } else if (request.pairsFromCsv) {
        pairs = pairsOfMturkCsv(*request.pairsFromCsv);
    } else {
        pairs = indexedPairs(db);
        if (pairs.empty())
            throw InputError("the workspace " + workspace.path() +
                             " has no ranked features yet: build the feature index first (salient index)");
    }
    CreatedStudy created;
    created.study = createStudy(db, request.kind, request.options, pairs, source);
    created.hits = pairs.size();
    return created;
}

} // namespace salient
