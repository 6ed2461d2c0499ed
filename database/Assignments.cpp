#include "database/Assignments.h"

#include "base/Errors.h"
#include "database/WriteTransaction.h"

#include <algorithm>

namespace salient {
namespace {

/// Answers plus live assignments of annotators other than ?2, of HIT h; ?3 = lease in seconds.
constexpr const char* kTaken =
    "h.answers + (SELECT COUNT(*) FROM assignments a WHERE a.hit_id = h.hit_id AND a.annotator_id <> ?2 "
    " AND julianday(a.assigned_at) > julianday('now') - ?3 / 86400.0)";

void renew(Database& db, std::int64_t hitId, std::int64_t annotatorId)
{
    Statement update =
        db.prepare("UPDATE assignments SET assigned_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                   "WHERE hit_id = ?1 AND annotator_id = ?2");
    update.bind(1, hitId).bind(2, annotatorId);
    update.step();
}

bool passedOver(const std::vector<std::int64_t>& passOver, std::int64_t hitId)
{
    return std::find(passOver.begin(), passOver.end(), hitId) != passOver.end();
}

std::optional<Assignment> resumeHeld(Database& db, const Study& study, const Annotator& annotator,
                                     const std::vector<std::int64_t>& passOver)
{
    Statement held =
        db.prepare(std::string("SELECT h.hit_id, ") + kTaken +
                   " FROM assignments x JOIN hits h ON h.hit_id = x.hit_id "
                   "WHERE h.study_id = ?1 AND x.annotator_id = ?2 ORDER BY x.assigned_at, h.hit_id");
    held.bind(1, study.id).bind(2, annotator.id).bind(3, study.leaseSeconds);
    Statement drop = db.prepare("DELETE FROM assignments WHERE hit_id = ?1 AND annotator_id = ?2");
    while (held.step()) {
        const std::int64_t hitId = held.columnInt64(0);
        if (passedOver(passOver, hitId))
            continue;
        if (held.columnInt64(1) < study.answersPerHit) {
            renew(db, hitId, annotator.id);
            return Assignment{*findHit(db, hitId), {}, true};
        }
        drop.reset();
        drop.bind(1, hitId).bind(2, annotator.id);
        drop.step();
    }
    return std::nullopt;
}

std::optional<Assignment> takeNew(Database& db, const Study& study, const Annotator& annotator,
                                  const std::vector<std::int64_t>& passOver)
{
    // Ids are integers, so listing them in the statement is safe.
    std::string skipped;
    for (const std::int64_t hitId : passOver)
        skipped += (skipped.empty() ? "" : ",") + std::to_string(hitId);
    Statement next = db.prepare(
        // complete = 0 lets SQLite walk the partial index of open HITs instead of every HIT.
        std::string(
            "SELECT h.hit_id FROM hits h WHERE h.study_id = ?1 AND h.complete = 0 "
            "AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.hit_id = h.hit_id AND r.annotator_id = ?2) "
            "AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.hit_id = h.hit_id "
            "                AND a.annotator_id = ?2) "
            "AND ") +
        kTaken + " < ?4 " + (skipped.empty() ? std::string() : "AND h.hit_id NOT IN (" + skipped + ") ") +
        "ORDER BY h.hit_id LIMIT 1");
    next.bind(1, study.id).bind(2, annotator.id).bind(3, study.leaseSeconds).bind(4, study.answersPerHit);
    if (!next.step())
        return std::nullopt;
    const std::int64_t hitId = next.columnInt64(0);
    Statement insert = db.prepare("INSERT INTO assignments (hit_id, annotator_id, assigned_at) "
                                  "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    insert.bind(1, hitId).bind(2, annotator.id);
    insert.step();
    return Assignment{*findHit(db, hitId), {}, false};
}

std::string assignedAt(Database& db, std::int64_t hitId, std::int64_t annotatorId)
{
    Statement query =
        db.prepare("SELECT assigned_at FROM assignments WHERE hit_id = ?1 AND annotator_id = ?2");
    query.bind(1, hitId).bind(2, annotatorId);
    return query.step() ? query.columnText(0) : std::string();
}

} // namespace

std::optional<Assignment> nextHit(Database& db, const Study& study, const Annotator& annotator)
{
    return nextHit(db, study, annotator, {});
}

std::optional<Assignment> nextHit(Database& db, const Study& study, const Annotator& annotator,
                                  const std::vector<std::int64_t>& passOver)
{
    if (annotator.role == AnnotatorRole::Imported)
        throw InputError("'" + annotator.name + "' holds imported answers and takes no HITs");
    WriteTransaction transaction(db);
    auto assignment = resumeHeld(db, study, annotator, passOver);
    if (!assignment)
        assignment = takeNew(db, study, annotator, passOver);
    if (assignment)
        assignment->assignedAt = assignedAt(db, assignment->hit.id, annotator.id);
    transaction.commit();
    return assignment;
}

void releaseHit(Database& db, std::int64_t hitId, const Annotator& annotator)
{
    WriteTransaction transaction(db);
    Statement drop = db.prepare("DELETE FROM assignments WHERE hit_id = ?1 AND annotator_id = ?2");
    drop.bind(1, hitId).bind(2, annotator.id);
    drop.step();
    transaction.commit();
}

std::vector<Assignment> openAssignments(Database& db, const Study& study, const Annotator& annotator)
{
    Statement query =
        db.prepare("SELECT a.hit_id, a.assigned_at FROM assignments a "
                   "JOIN hits h ON h.hit_id = a.hit_id WHERE h.study_id = ?1 AND a.annotator_id = ?2 "
                   "ORDER BY a.assigned_at, a.hit_id");
    query.bind(1, study.id).bind(2, annotator.id);
    std::vector<Assignment> result;
    while (query.step())
        result.push_back({*findHit(db, query.columnInt64(0)), query.columnText(1), true});
    return result;
}

} // namespace salient
