#include "database/MturkImport.h"

#include "base/Errors.h"
#include "database/Annotators.h"
#include "database/Labels.h"
#include "database/Secrets.h"
#include "database/WriteTransaction.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace salient {
namespace {

using PairKey = std::pair<int, int>; // class index, feature

struct Checked
{
    std::vector<StudyPair> pairs; ///< in order of first appearance
    int mostAnswers = 0;
    std::set<std::string> workers;
};

Checked checkRows(const std::string& path, const std::vector<MturkRow>& rows,
                  const std::vector<ClassMetadata>& metadata)
{
    std::map<int, std::string> wnidOf;
    for (const auto& cls : metadata)
        wnidOf[cls.classIndex] = cls.wnid;
    std::map<PairKey, std::pair<const MturkRow*, int>> firstRow; // row, answers
    std::map<std::pair<std::string, PairKey>, int> answered;
    Checked checked;
    for (const MturkRow& row : rows) {
        const std::string where = path + ":" + std::to_string(row.line) + ": ";
        const auto [known, isNew] = wnidOf.emplace(row.classIndex, row.wnid);
        if (!isNew && known->second != row.wnid)
            throw InputError(where + "class " + std::to_string(row.classIndex) + " is " + row.wnid +
                             " here but " + known->second + " before (or in the class metadata)");
        const PairKey key{row.classIndex, row.feature};
        auto [first, firstTime] = firstRow.emplace(key, std::make_pair(&row, 0));
        if (firstTime)
            checked.pairs.push_back({row.classIndex, row.wnid, row.feature, row.rank});
        else if (first->second.first->rank != row.rank)
            throw InputError(where + "feature " + std::to_string(row.feature) + " of class " +
                             std::to_string(row.classIndex) + " has rank " + std::to_string(row.rank) +
                             " here but " + std::to_string(first->second.first->rank) + " on line " +
                             std::to_string(first->second.first->line));
        checked.mostAnswers = std::max(checked.mostAnswers, ++first->second.second);
        const auto [seen, once] = answered.emplace(std::make_pair(row.workerId, key), row.line);
        if (!once)
            throw InputError(where + "worker " + row.workerId + " answered feature " +
                             std::to_string(row.feature) + " of class " + std::to_string(row.classIndex) +
                             " already on line " + std::to_string(seen->second));
        checked.workers.insert(row.workerId);
    }
    return checked;
}

} // namespace

MturkImportResult importMturk(Database& db, const std::string& csvPath, const std::vector<MturkRow>& rows,
                              const std::vector<ClassMetadata>& metadata, StudyOptions options)
{
    if (rows.empty())
        throw InputError(csvPath + ": no answers to import");
    const Checked checked = checkRows(csvPath, rows, metadata);
    if (options.answersPerHit == 0)
        options.answersPerHit = checked.mostAnswers;

    WriteTransaction transaction(db);
    if (options.name.empty())
        options.name = freeStudyName(db, "mturk-discovery");
    MturkImportResult result;
    result.study = insertStudy(db, StudyKind::Discovery, options, checked.pairs, std::nullopt, "mturk");
    storeClassMetadata(db, metadata);

    std::map<PairKey, std::int64_t> hitOf;
    for (const Hit& hit : studyHits(db, result.study.id))
        hitOf[{hit.pair.classIndex, hit.pair.feature}] = hit.id;
    std::map<std::string, std::int64_t> annotatorOf;
    for (const std::string& worker : checked.workers)
        annotatorOf[worker] = importedAnnotator(db, worker).id;

    Statement insert =
        db.prepare("INSERT INTO responses (uid, hit_id, annotator_id, answer, confidence, reason) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (const MturkRow& row : rows) {
        insert.reset();
        insert.bind(1, newUid())
            .bind(2, hitOf.at({row.classIndex, row.feature}))
            .bind(3, annotatorOf.at(row.workerId))
            .bind(4, row.answer)
            .bind(5, row.confidence)
            .bind(6, row.reason);
        insert.step();
    }
    refreshStudyLabels(db, result.study);
    transaction.commit();

    result.answers = int(rows.size());
    result.pairs = int(checked.pairs.size());
    result.annotators = int(checked.workers.size());
    result.classes = int(metadata.size());
    return result;
}

std::vector<MturkRow> exportMturkRows(Database& db, const Study& study)
{
    Statement query = db.prepare(
        "SELECT COALESCE(a.worker_id, a.name), h.wnid, h.class_index, h.feature, h.rank, r.answer, "
        "r.confidence, "
        "r.reason FROM responses r JOIN hits h ON h.hit_id = r.hit_id "
        "JOIN annotators a ON a.annotator_id = r.annotator_id WHERE h.study_id = ?1 ORDER BY r.response_id");
    query.bind(1, study.id);
    std::vector<MturkRow> rows;
    while (query.step()) {
        MturkRow row;
        row.workerId = query.columnText(0);
        row.wnid = query.columnText(1);
        row.classIndex = int(query.columnInt64(2));
        row.feature = int(query.columnInt64(3));
        row.rank = int(query.columnInt64(4));
        row.answer = query.columnText(5);
        row.confidence = int(query.columnInt64(6));
        row.reason = query.columnText(7);
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace salient
