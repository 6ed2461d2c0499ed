#include "database/Labels.h"

#include <array>
#include <map>

namespace salient {
namespace {

/// hit id -> counts, from one GROUP BY over the study's (or one HIT's) responses.
std::map<std::int64_t, std::vector<int>> votesBy(Statement& query, StudyKind kind)
{
    std::map<std::int64_t, std::vector<int>> votes;
    const std::size_t options = answerOptions(kind).size();
    while (query.step()) {
        auto& counts = votes[query.columnInt64(0)];
        counts.resize(options, 0);
        const int index = answerIndex(kind, query.columnText(1));
        if (index >= 0)
            counts[std::size_t(index)] = int(query.columnInt64(2));
    }
    return votes;
}

void writeLabel(Statement& insert, const Study& study, std::int64_t hitId, const std::vector<int>& counts)
{
    const DerivedLabel label = deriveLabel(study.kind, counts);
    insert.reset();
    insert.bind(1, hitId)
        .bind(2, label.answers)
        .bind(3, label.answers >= study.answersPerHit ? 1 : 0)
        .bind(4, label.label);
    if (label.subLabel.empty())
        insert.bindNull(5);
    else
        insert.bind(5, label.subLabel);
    insert.bind(6, label.agreement).bind(7, label.margin);
    insert.step();
}

Statement labelInsert(Database& db)
{
    return db.prepare(
        "INSERT OR REPLACE INTO hit_labels (hit_id, answers, complete, label, sub_label, agreement, "
        "margin, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
}

} // namespace

void refreshHitLabels(Database& db, const Study& study, const std::vector<std::int64_t>& hitIds)
{
    Statement votes = db.prepare("SELECT hit_id, answer, COUNT(*) FROM responses WHERE hit_id = ?1 "
                                 "GROUP BY answer");
    Statement remove = db.prepare("DELETE FROM hit_labels WHERE hit_id = ?1");
    Statement insert = labelInsert(db);
    for (std::int64_t hitId : hitIds) {
        votes.reset();
        votes.bind(1, hitId);
        const auto counts = votesBy(votes, study.kind);
        if (counts.empty()) {
            remove.reset();
            remove.bind(1, hitId);
            remove.step();
        } else {
            writeLabel(insert, study, hitId, counts.begin()->second);
        }
    }
}

void refreshStudyLabels(Database& db, const Study& study)
{
    Statement remove =
        db.prepare("DELETE FROM hit_labels WHERE hit_id IN (SELECT hit_id FROM hits WHERE study_id = ?1)");
    remove.bind(1, study.id);
    remove.step();
    Statement votes = db.prepare("SELECT r.hit_id, r.answer, COUNT(*) FROM responses r "
                                 "JOIN hits h ON h.hit_id = r.hit_id WHERE h.study_id = ?1 "
                                 "GROUP BY r.hit_id, r.answer");
    votes.bind(1, study.id);
    Statement insert = labelInsert(db);
    for (const auto& [hitId, counts] : votesBy(votes, study.kind))
        writeLabel(insert, study, hitId, counts);
}

std::vector<PairLabel> pairLabels(Database& db, const Study& study)
{
    Statement votesQuery = db.prepare("SELECT r.hit_id, r.answer, COUNT(*) FROM responses r "
                                      "JOIN hits h ON h.hit_id = r.hit_id WHERE h.study_id = ?1 "
                                      "GROUP BY r.hit_id, r.answer");
    votesQuery.bind(1, study.id);
    const auto votes = votesBy(votesQuery, study.kind);

    Statement finals =
        db.prepare("SELECT hit_id, label, sub_label, source FROM final_labels WHERE study_id = ?1");
    finals.bind(1, study.id);
    std::map<std::int64_t, std::array<std::string, 3>> finalOf;
    while (finals.step())
        finalOf[finals.columnInt64(0)] = {finals.columnText(1), finals.columnText(2), finals.columnText(3)};

    std::vector<PairLabel> result;
    for (Hit& hit : studyHits(db, study.id)) {
        PairLabel pair;
        const auto v = votes.find(hit.id);
        pair.votes = v != votes.end() ? v->second : std::vector<int>(answerOptions(study.kind).size(), 0);
        pair.majority = deriveLabel(study.kind, pair.votes);
        pair.complete = pair.majority.answers >= study.answersPerHit;
        const auto f = finalOf.find(hit.id);
        if (f != finalOf.end()) {
            pair.finalLabel = f->second[0];
            pair.finalSubLabel = f->second[1];
            pair.source = f->second[2];
        }
        pair.hit = std::move(hit);
        result.push_back(std::move(pair));
    }
    return result;
}

} // namespace salient
