#include "database/Adjudications.h"

#include "base/Errors.h"
#include "database/Secrets.h"
#include "database/WriteTransaction.h"

#include <algorithm>

namespace salient {
namespace {

void checkLabel(const Study& study, const std::string& label, const std::string& subLabel)
{
    if (study.kind == StudyKind::Validation) {
        if (label != "same" && label != "different" && label != "unclear")
            throw InputError("a validation label is same, different or unclear, not '" + label + "'");
        if (!subLabel.empty())
            throw InputError("a validation label has no sub-label");
        return;
    }
    if (label == "core") {
        if (!subLabel.empty())
            throw InputError("a core label has no sub-label");
        return;
    }
    if (label != "spurious")
        throw InputError("a discovery label is core or spurious, not '" + label + "'");
    if (subLabel != "background" && subLabel != "separate_object" && subLabel != "ambiguous")
        throw InputError("a spurious label needs the sub-label background, separate_object or ambiguous" +
                         (subLabel.empty() ? std::string() : ", not '" + subLabel + "'"));
}

} // namespace

Adjudication adjudicate(Database& db, const Study& study, std::int64_t hitId, const Annotator& admin,
                        const std::string& label, const std::string& subLabel, const std::string& note)
{
    if (admin.role != AnnotatorRole::Admin)
        throw InputError(admin.name + " is not an administrator and cannot adjudicate");
    checkLabel(study, label, subLabel);
    const auto hit = findHit(db, hitId);
    if (!hit || hit->studyId != study.id)
        throw InputError("study '" + study.name + "' has no HIT " + std::to_string(hitId));

    WriteTransaction transaction(db);
    Statement insert = db.prepare("INSERT INTO adjudications (uid, hit_id, admin_id, label, sub_label, note, "
                                  "decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                                  "strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    insert.bind(1, newUid()).bind(2, hitId).bind(3, admin.id).bind(4, label);
    if (subLabel.empty())
        insert.bindNull(5);
    else
        insert.bind(5, subLabel);
    insert.bind(6, note);
    insert.step();
    const std::int64_t id = db.lastInsertRowId();
    transaction.commit();
    const auto all = hitAdjudications(db, hitId);
    return *std::find_if(all.begin(), all.end(), [&](const Adjudication& a) { return a.id == id; });
}

std::vector<Adjudication> hitAdjudications(Database& db, std::int64_t hitId)
{
    Statement query =
        db.prepare("SELECT j.adjudication_id, j.uid, j.hit_id, a.name, j.label, j.sub_label, j.note, "
                   "j.decided_at FROM adjudications j JOIN annotators a ON a.annotator_id = j.admin_id "
                   "WHERE j.hit_id = ?1 ORDER BY j.decided_at, j.uid");
    query.bind(1, hitId);
    std::vector<Adjudication> result;
    while (query.step())
        result.push_back({query.columnInt64(0), query.columnText(1), query.columnInt64(2),
                          query.columnText(3), query.columnText(4), query.columnText(5), query.columnText(6),
                          query.columnText(7)});
    return result;
}

std::vector<PairLabel> reviewQueue(Database& db, const Study& study, int limit)
{
    std::vector<PairLabel> queue;
    for (PairLabel& pair : pairLabels(db, study))
        if (pair.complete && pair.source != "adjudication")
            queue.push_back(std::move(pair));
    std::stable_sort(queue.begin(), queue.end(), [](const PairLabel& a, const PairLabel& b) {
        if (a.majority.margin != b.majority.margin)
            return a.majority.margin < b.majority.margin;
        return a.majority.agreement < b.majority.agreement;
    });
    if (limit > 0 && queue.size() > std::size_t(limit))
        queue.resize(std::size_t(limit));
    return queue;
}

} // namespace salient
