#include "database/StudySummary.h"

#include "database/Aggregation.h"
#include "database/Labels.h"

#include <algorithm>

namespace salient {
namespace {

std::int64_t countFor(Database& db, const char* sql, std::int64_t studyId)
{
    Statement query = db.prepare(sql);
    query.bind(1, studyId);
    query.step();
    return query.columnInt64(0);
}

void countFinalLabel(StudySummary& summary, const PairLabel& pair)
{
    if (pair.finalLabel.empty())
        return;
    ++summary.labelled;
    ++summary.labels[pair.finalLabel];
    if (pair.source == "adjudication")
        ++summary.adjudicated;
    if (pair.finalSubLabel == "background")
        ++summary.background;
    else if (pair.finalSubLabel == "separate_object")
        ++summary.separateObject;
    else if (pair.finalSubLabel == "ambiguous")
        ++summary.ambiguous;
}

} // namespace

StudySummary summarizeStudy(Database& db, const Study& study)
{
    StudySummary summary;
    summary.study = study;
    summary.annotators = int(countFor(db,
                                      "SELECT COUNT(DISTINCT r.annotator_id) FROM responses r "
                                      "JOIN hits h ON h.hit_id = r.hit_id WHERE h.study_id = ?1",
                                      study.id));
    if (study.kind == StudyKind::Discovery)
        summary.labels = {{"core", 0}, {"spurious", 0}, {"tie", 0}};
    else
        summary.labels = {{"same", 0}, {"different", 0}, {"unclear", 0}};

    const auto pairs = pairLabels(db, study);
    std::vector<std::vector<int>> votes;
    std::vector<std::vector<int>> binary;
    std::map<int, std::size_t> classRow;
    std::map<int, std::vector<std::vector<int>>> classVotes;
    for (const PairLabel& pair : pairs) {
        ++summary.pairs;
        summary.answers += pair.majority.answers;
        summary.complete += pair.complete ? 1 : 0;
        countFinalLabel(summary, pair);
        votes.push_back(pair.votes);
        if (study.kind == StudyKind::Discovery)
            binary.push_back(coreSpuriousCounts(pair.votes));

        const int cls = pair.hit.pair.classIndex;
        if (!classRow.count(cls)) {
            classRow[cls] = summary.perClass.size();
            summary.perClass.push_back({cls, pair.hit.pair.wnid, 0, 0, std::nullopt});
        }
        StudyClassSummary& row = summary.perClass[classRow[cls]];
        ++row.pairs;
        row.spurious += pair.finalLabel == "spurious" ? 1 : 0;
        classVotes[cls].push_back(pair.votes);
    }
    summary.kappa = fleissKappa(votes);
    if (study.kind == StudyKind::Discovery)
        summary.kappaCoreSpurious = fleissKappa(binary);
    for (StudyClassSummary& row : summary.perClass) {
        row.kappa = fleissKappa(classVotes[row.classIndex]);
        summary.classesWithSpurious += row.spurious > 0 ? 1 : 0;
    }
    std::sort(
        summary.perClass.begin(), summary.perClass.end(),
        [](const StudyClassSummary& a, const StudyClassSummary& b) { return a.classIndex < b.classIndex; });
    summary.classes = int(summary.perClass.size());
    return summary;
}

StudyProgress studyProgress(Database& db, const Study& study)
{
    StudyProgress progress;
    progress.hits = int(countFor(db, "SELECT COUNT(*) FROM hits WHERE study_id = ?1", study.id));
    progress.answersNeeded = progress.hits * study.answersPerHit;
    progress.complete = int(countFor(db,
                                     "SELECT COUNT(*) FROM hit_labels l JOIN hits h ON h.hit_id = l.hit_id "
                                     "WHERE h.study_id = ?1 AND l.complete = 1",
                                     study.id));
    Statement perAnnotator =
        db.prepare("SELECT a.name, a.role, "
                   "(SELECT COUNT(*) FROM responses r JOIN hits h ON h.hit_id = r.hit_id "
                   " WHERE h.study_id = ?1 AND r.annotator_id = a.annotator_id), "
                   "(SELECT COUNT(*) FROM assignments x JOIN hits h ON h.hit_id = x.hit_id "
                   " WHERE h.study_id = ?1 AND x.annotator_id = a.annotator_id) "
                   "FROM annotators a ORDER BY a.name");
    perAnnotator.bind(1, study.id);
    while (perAnnotator.step()) {
        AnnotatorProgress row{perAnnotator.columnText(0), perAnnotator.columnText(1),
                              int(perAnnotator.columnInt64(2)), int(perAnnotator.columnInt64(3))};
        progress.answers += row.answered;
        progress.held += row.held;
        if (row.answered > 0 || row.held > 0)
            progress.annotators.push_back(std::move(row));
    }
    return progress;
}

} // namespace salient
