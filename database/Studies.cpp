#include "database/Studies.h"

#include "base/Errors.h"
#include "database/Secrets.h"
#include "database/WriteTransaction.h"

#include <set>
#include <utility>

namespace salient {
namespace {

constexpr const char* kSelectStudy =
    "SELECT study_id, uid, name, kind, origin, answers_per_hit, lease_seconds, reason_min_chars, "
    "reason_min_words, reason_generic, source_study_id, created_at FROM studies";

std::string joinLines(const std::vector<std::string>& items)
{
    std::string text;
    for (const auto& item : items)
        text += (text.empty() ? "" : "\n") + item;
    return text;
}

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        if (end > start)
            items.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return items;
}

Study studyFrom(const Statement& query)
{
    Study study;
    study.id = query.columnInt64(0);
    study.uid = query.columnText(1);
    study.name = query.columnText(2);
    study.kind = parseStudyKind(query.columnText(3));
    study.origin = query.columnText(4);
    study.answersPerHit = int(query.columnInt64(5));
    study.leaseSeconds = int(query.columnInt64(6));
    study.reasonRule.minChars = int(query.columnInt64(7));
    study.reasonRule.minWords = int(query.columnInt64(8));
    if (!query.columnIsNull(9))
        study.reasonRule.generic = splitLines(query.columnText(9));
    if (!query.columnIsNull(10))
        study.sourceStudyId = query.columnInt64(10);
    study.createdAt = query.columnText(11);
    return study;
}

Hit hitFrom(const Statement& query)
{
    Hit hit;
    hit.id = query.columnInt64(0);
    hit.studyId = query.columnInt64(1);
    hit.pair.classIndex = int(query.columnInt64(2));
    hit.pair.wnid = query.columnText(3);
    hit.pair.feature = int(query.columnInt64(4));
    hit.pair.rank = int(query.columnInt64(5));
    return hit;
}

void checkOptions(Database& db, const StudyOptions& options, const std::vector<StudyPair>& pairs)
{
    if (!options.name.empty() && findStudy(db, options.name))
        throw InputError("a study named '" + options.name + "' exists already");
    if (options.answersPerHit < 1)
        throw InputError("a HIT needs at least 1 annotator, not " + std::to_string(options.answersPerHit));
    if (options.leaseSeconds < 0)
        throw InputError("the lease of a HIT cannot be negative");
    if (options.reasonRule.minChars < 1 || options.reasonRule.minWords < 1)
        throw InputError("a reason needs at least 1 character and 1 word");
    if (pairs.empty())
        throw InputError("a study needs at least one (class, feature) pair");
    std::set<std::pair<int, int>> seen;
    for (const auto& pair : pairs)
        if (!seen.insert({pair.classIndex, pair.feature}).second)
            throw InputError("the pair (class " + std::to_string(pair.classIndex) + ", feature " +
                             std::to_string(pair.feature) + ") is listed twice");
}

} // namespace

Study insertStudy(Database& db, StudyKind kind, const StudyOptions& options,
                  const std::vector<StudyPair>& pairs, std::optional<std::int64_t> sourceStudyId,
                  const std::string& origin)
{
    checkOptions(db, options, pairs);
    const std::string name = options.name.empty() ? freeStudyName(db, toString(kind)) : options.name;
    Statement insert = db.prepare(
        "INSERT INTO studies (uid, name, kind, origin, answers_per_hit, lease_seconds, reason_min_chars, "
        "reason_min_words, reason_generic, source_study_id, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
    insert.bind(1, newUid())
        .bind(2, name)
        .bind(3, toString(kind))
        .bind(4, origin)
        .bind(5, options.answersPerHit)
        .bind(6, options.leaseSeconds)
        .bind(7, options.reasonRule.minChars)
        .bind(8, options.reasonRule.minWords);
    if (options.reasonRule.generic == ReasonRule::defaultGenericReasons())
        insert.bindNull(9);
    else
        insert.bind(9, joinLines(options.reasonRule.generic));
    if (sourceStudyId)
        insert.bind(10, *sourceStudyId);
    else
        insert.bindNull(10);
    insert.step();
    const std::int64_t studyId = db.lastInsertRowId();

    Statement hit = db.prepare(
        "INSERT INTO hits (study_id, class_index, wnid, feature, rank) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const auto& pair : pairs) {
        hit.reset();
        hit.bind(1, studyId)
            .bind(2, pair.classIndex)
            .bind(3, pair.wnid)
            .bind(4, pair.feature)
            .bind(5, pair.rank);
        hit.step();
    }
    return *findStudyById(db, studyId);
}

Study createStudy(Database& db, StudyKind kind, const StudyOptions& options,
                  const std::vector<StudyPair>& pairs, std::optional<std::int64_t> sourceStudyId)
{
    WriteTransaction transaction(db);
    Study study = insertStudy(db, kind, options, pairs, sourceStudyId, "local");
    transaction.commit();
    return study;
}

std::string freeStudyName(Database& db, const std::string& base)
{
    for (int n = 1;; ++n) {
        const std::string name = n == 1 ? base : base + "-" + std::to_string(n);
        if (!findStudy(db, name))
            return name;
    }
}

std::vector<StudyPair> indexedPairs(Database& db)
{
    Statement query = db.prepare("SELECT f.class_index, c.wnid, f.feature, f.rank FROM class_features f "
                                 "JOIN classes c ON c.class_index = f.class_index "
                                 "ORDER BY f.class_index, f.rank");
    std::vector<StudyPair> pairs;
    while (query.step())
        pairs.push_back({int(query.columnInt64(0)), query.columnText(1), int(query.columnInt64(2)),
                         int(query.columnInt64(3))});
    return pairs;
}

std::vector<StudyPair> labelledPairs(Database& db, const Study& discovery)
{
    Statement query =
        db.prepare("SELECT h.class_index, h.wnid, h.feature, h.rank FROM hits h "
                   "JOIN final_labels l ON l.hit_id = h.hit_id "
                   "WHERE h.study_id = ?1 AND l.label IN ('core', 'spurious') ORDER BY h.hit_id");
    query.bind(1, discovery.id);
    std::vector<StudyPair> pairs;
    while (query.step())
        pairs.push_back({int(query.columnInt64(0)), query.columnText(1), int(query.columnInt64(2)),
                         int(query.columnInt64(3))});
    return pairs;
}

std::vector<Study> studies(Database& db)
{
    Statement query = db.prepare(std::string(kSelectStudy) + " ORDER BY created_at, study_id");
    std::vector<Study> result;
    while (query.step())
        result.push_back(studyFrom(query));
    return result;
}

std::optional<Study> findStudy(Database& db, const std::string& name)
{
    Statement query = db.prepare(std::string(kSelectStudy) + " WHERE name = ?1");
    query.bind(1, name);
    if (!query.step())
        return std::nullopt;
    return studyFrom(query);
}

std::optional<Study> findStudyById(Database& db, std::int64_t studyId)
{
    Statement query = db.prepare(std::string(kSelectStudy) + " WHERE study_id = ?1");
    query.bind(1, studyId);
    if (!query.step())
        return std::nullopt;
    return studyFrom(query);
}

Study chooseStudy(Database& db, const std::optional<std::string>& name)
{
    const auto all = studies(db);
    if (all.empty())
        throw InputError("the workspace \"" + db.path() +
                         "\" has no study yet (salient hits create or salient hits import-mturk)");
    if (!name)
        return all.back();
    if (auto study = findStudy(db, *name))
        return *study;
    std::string names;
    for (const auto& study : all)
        names += (names.empty() ? "" : ", ") + study.name;
    throw InputError("no study named '" + *name + "' (the workspace has: " + names + ")");
}

std::optional<Hit> findHit(Database& db, std::int64_t hitId)
{
    Statement query =
        db.prepare("SELECT hit_id, study_id, class_index, wnid, feature, rank FROM hits WHERE hit_id = ?1");
    query.bind(1, hitId);
    if (!query.step())
        return std::nullopt;
    return hitFrom(query);
}

std::vector<Hit> studyHits(Database& db, std::int64_t studyId)
{
    Statement query = db.prepare("SELECT hit_id, study_id, class_index, wnid, feature, rank FROM hits "
                                 "WHERE study_id = ?1 ORDER BY hit_id");
    query.bind(1, studyId);
    std::vector<Hit> hits;
    while (query.step())
        hits.push_back(hitFrom(query));
    return hits;
}

} // namespace salient
