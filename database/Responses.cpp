#include "database/Responses.h"

#include "base/Errors.h"
#include "database/Labels.h"
#include "database/Secrets.h"
#include "database/StudySummary.h"
#include "database/WriteTransaction.h"

namespace salient {
namespace {

constexpr const char* kSelect =
    "SELECT r.response_id, r.uid, r.hit_id, r.annotator_id, a.name, r.answer, r.confidence, r.reason, "
    "r.started_at, r.submitted_at FROM responses r JOIN annotators a ON a.annotator_id = r.annotator_id ";

Response responseFrom(const Statement& query)
{
    Response response;
    response.id = query.columnInt64(0);
    response.uid = query.columnText(1);
    response.hitId = query.columnInt64(2);
    response.annotatorId = query.columnInt64(3);
    response.annotatorName = query.columnText(4);
    response.answer = query.columnText(5);
    response.confidence = int(query.columnInt64(6));
    response.reason = query.columnText(7);
    response.startedAt = query.columnText(8);
    response.submittedAt = query.columnText(9);
    return response;
}

std::vector<Response> responsesWhere(Database& db, const std::string& where, std::int64_t value)
{
    Statement query = db.prepare(kSelect + where + " ORDER BY r.response_id");
    query.bind(1, value);
    std::vector<Response> result;
    while (query.step())
        result.push_back(responseFrom(query));
    return result;
}

std::int64_t answersOf(Database& db, std::int64_t hitId)
{
    Statement query = db.prepare("SELECT answers FROM hits WHERE hit_id = ?1");
    query.bind(1, hitId);
    query.step();
    return query.columnInt64(0);
}

bool exists(Database& db, const char* sql, std::int64_t hitId, std::int64_t annotatorId)
{
    Statement query = db.prepare(sql);
    query.bind(1, hitId).bind(2, annotatorId);
    return query.step();
}

void dropAssignment(Database& db, std::int64_t hitId, std::int64_t annotatorId)
{
    Statement drop = db.prepare("DELETE FROM assignments WHERE hit_id = ?1 AND annotator_id = ?2");
    drop.bind(1, hitId).bind(2, annotatorId);
    drop.step();
}

std::string hitName(std::int64_t hitId)
{
    return "HIT " + std::to_string(hitId);
}

} // namespace

std::string answerProblem(const Study& study, const Answer& answer)
{
    if (answerIndex(study.kind, answer.answer) < 0) {
        std::string options;
        for (const auto& option : answerOptions(study.kind))
            options += (options.empty() ? "" : ", ") + option;
        return "'" + answer.answer + "' is not an answer of a " + toString(study.kind) + " study (" +
               options + ")";
    }
    if (answer.confidence < 1 || answer.confidence > 5)
        return "the confidence must be 1 to 5, not " + std::to_string(answer.confidence);
    return reasonProblem(answer.reason, study.reasonRule);
}

Response submitAnswer(Database& db, const Study& study, std::int64_t hitId, const Annotator& annotator,
                      const Answer& answer)
{
    if (const std::string problem = answerProblem(study, answer); !problem.empty())
        throw InputError(problem);
    const auto hit = findHit(db, hitId);
    if (!hit || hit->studyId != study.id)
        throw InputError("study '" + study.name + "' has no " + hitName(hitId));

    WriteTransaction transaction(db);
    if (exists(db, "SELECT 1 FROM responses WHERE hit_id = ?1 AND annotator_id = ?2", hitId, annotator.id))
        throw InputError(annotator.name + " already answered " + hitName(hitId));
    if (!exists(db, "SELECT 1 FROM assignments WHERE hit_id = ?1 AND annotator_id = ?2", hitId, annotator.id))
        throw InputError(hitName(hitId) + " is not handed to " + annotator.name +
                         " (take the next HIT first)");
    if (answersOf(db, hitId) >= study.answersPerHit) {
        dropAssignment(db, hitId, annotator.id);
        transaction.commit();
        throw InputError(hitName(hitId) + " got its " + std::to_string(study.answersPerHit) +
                         " answers from others while it waited; the answer was not recorded");
    }
    Statement insert =
        db.prepare("INSERT INTO responses (uid, hit_id, annotator_id, answer, confidence, reason, "
                   "started_at, submitted_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                   "(SELECT assigned_at FROM assignments WHERE hit_id = ?2 AND annotator_id = ?3), "
                   "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    insert.bind(1, newUid())
        .bind(2, hitId)
        .bind(3, annotator.id)
        .bind(4, answer.answer)
        .bind(5, answer.confidence)
        .bind(6, answer.reason);
    insert.step();
    const std::int64_t responseId = db.lastInsertRowId();
    dropAssignment(db, hitId, annotator.id);
    refreshHitLabels(db, study, {hitId});
    Response response = responsesWhere(db, "WHERE r.response_id = ?1", responseId).front();
    transaction.commit();
    return response;
}

Response undoLastAnswer(Database& db, const Study& study, const Annotator& annotator)
{
    WriteTransaction transaction(db);
    Statement last =
        db.prepare(std::string(kSelect) +
                   "JOIN hits h ON h.hit_id = r.hit_id WHERE h.study_id = ?1 AND r.annotator_id = ?2 "
                   "ORDER BY r.submitted_at DESC, r.response_id DESC LIMIT 1");
    last.bind(1, study.id).bind(2, annotator.id);
    if (!last.step())
        throw InputError(annotator.name + " has no answer to undo in study '" + study.name + "'");
    const Response response = responseFrom(last);
    last.reset();
    const std::int64_t answers = answersOf(db, response.hitId);
    if (answers >= study.answersPerHit)
        throw InputError(hitName(response.hitId) + " is complete (" + std::to_string(answers) +
                         " answers); its answers can no longer be changed");

    Statement remove = db.prepare("DELETE FROM responses WHERE response_id = ?1");
    remove.bind(1, response.id);
    remove.step();
    Statement withdrawn = db.prepare("INSERT OR IGNORE INTO withdrawn_responses (uid, withdrawn_at) "
                                     "VALUES (?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    withdrawn.bind(1, response.uid);
    withdrawn.step();
    Statement handBack = db.prepare("INSERT OR REPLACE INTO assignments (hit_id, annotator_id, assigned_at) "
                                    "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    handBack.bind(1, response.hitId).bind(2, annotator.id);
    handBack.step();
    refreshHitLabels(db, study, {response.hitId});
    transaction.commit();
    return response;
}

std::vector<Response> hitResponses(Database& db, std::int64_t hitId, const Annotator& viewer)
{
    if (viewer.role != AnnotatorRole::Admin &&
        !exists(db, "SELECT 1 FROM responses WHERE hit_id = ?1 AND annotator_id = ?2", hitId, viewer.id))
        throw InputError(viewer.name + " sees the answers of " + hitName(hitId) + " only after giving one");
    return responsesWhere(db, "WHERE r.hit_id = ?1", hitId);
}

void checkMayExportAnswers(Database& db, const Study& study, const std::optional<Annotator>& requester)
{
    if (requester && requester->role == AnnotatorRole::Admin)
        return;
    const StudyProgress progress = studyProgress(db, study);
    if (progress.complete < progress.hits)
        throw InputError("study '" + study.name + "' has open HITs (" + std::to_string(progress.complete) +
                         " of " + std::to_string(progress.hits) +
                         " complete): only an administrator may export its answers before it ends "
                         "(--admin NAME --pin PIN)");
}

std::vector<Response> studyResponses(Database& db, std::int64_t studyId)
{
    return responsesWhere(db, "JOIN hits h ON h.hit_id = r.hit_id WHERE h.study_id = ?1", studyId);
}

} // namespace salient
