#include "database/Merge.h"

#include "base/Errors.h"
#include "database/Labels.h"
#include "database/Migrations.h"
#include "database/Studies.h"
#include "database/WriteTransaction.h"

#include <filesystem>
#include <map>
#include <set>

namespace salient {
namespace {

namespace fs = std::filesystem;

Database openOther(Database& db, const std::string& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw InputError("\"" + path + "\" is not a workspace database (no such file)");
    if (fs::equivalent(path, db.path(), ec))
        throw InputError("\"" + path + "\" is this workspace; merge another one");
    Database other(path, Database::OpenMode::ReadOnly);
    int version = 0;
    try {
        version = int(other.queryInt64("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    } catch (const DatabaseError&) {
        throw InputError("\"" + path + "\" is not a Salient Studio workspace");
    }
    const int latest = int(workspaceMigrations().size());
    if (version != latest)
        throw InputError("\"" + path + "\" has schema version " + std::to_string(version) +
                         ", this program " + std::to_string(latest) +
                         (version < latest ? "; open it once with this program to upgrade it"
                                           : "; merge it with a newer version of Salient Studio"));
    return other;
}

/// Copies workspace `other` into `db`; the maps turn the other's ids into ids here.
class Merger
{
public:
    Merger(Database& db, Database& other) : m_db(db), m_other(other) {}

    MergeResult run()
    {
        mergeStudies();
        mergeAnnotators();
        mergeWithdrawals();
        mergeResponses();
        mergeAdjudications();
        for (const auto& [studyId, hits] : m_touched)
            refreshHitLabels(m_db, *findStudyById(m_db, studyId),
                             std::vector<std::int64_t>(hits.begin(), hits.end()));
        return m_result;
    }

private:
    std::int64_t localStudy(const std::string& uid)
    {
        Statement query = m_db.prepare("SELECT study_id FROM studies WHERE uid = ?1");
        query.bind(1, uid);
        return query.step() ? query.columnInt64(0) : 0;
    }

    void mergeStudies()
    {
        Statement theirs = m_other.prepare(
            "SELECT study_id, uid, name, kind, origin, answers_per_hit, lease_seconds, reason_min_chars, "
            "reason_min_words, reason_generic, source_study_id, created_at FROM studies ORDER BY study_id");
        Statement insert = m_db.prepare(
            "INSERT INTO studies (uid, name, kind, origin, answers_per_hit, lease_seconds, reason_min_chars, "
            "reason_min_words, reason_generic, source_study_id, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        while (theirs.step()) {
            const std::string uid = theirs.columnText(1);
            std::int64_t local = localStudy(uid);
            if (local == 0) {
                insert.reset();
                insert.bind(1, uid).bind(2, freeName(theirs.columnText(2)));
                insert.bind(3, theirs.columnText(3)).bind(4, theirs.columnText(4));
                for (int column = 5; column <= 8; ++column)
                    insert.bind(column, theirs.columnInt64(column));
                if (theirs.columnIsNull(9))
                    insert.bindNull(9);
                else
                    insert.bind(9, theirs.columnText(9));
                if (theirs.columnIsNull(10))
                    insert.bindNull(10);
                else
                    insert.bind(10, m_studies.at(theirs.columnInt64(10)));
                insert.bind(11, theirs.columnText(11));
                insert.step();
                local = m_db.lastInsertRowId();
                ++m_result.studiesAdded;
            }
            m_studies[theirs.columnInt64(0)] = local;
            mergeHits(theirs.columnInt64(0), local);
        }
    }

    std::string freeName(const std::string& name)
    {
        for (int n = 1;; ++n) {
            const std::string candidate =
                n == 1 ? name : name + "-merged" + (n == 2 ? "" : std::to_string(n - 1));
            if (!findStudy(m_db, candidate))
                return candidate;
        }
    }

    void mergeHits(std::int64_t theirStudy, std::int64_t localStudy)
    {
        Statement theirs = m_other.prepare(
            "SELECT hit_id, class_index, wnid, feature, rank FROM hits WHERE study_id = ?1 ORDER BY hit_id");
        theirs.bind(1, theirStudy);
        Statement find = m_db.prepare("SELECT hit_id FROM hits WHERE study_id = ?1 AND class_index = ?2 "
                                      "AND feature = ?3");
        Statement insert = m_db.prepare(
            "INSERT INTO hits (study_id, class_index, wnid, feature, rank) VALUES (?1, ?2, ?3, ?4, ?5)");
        while (theirs.step()) {
            find.reset();
            find.bind(1, localStudy).bind(2, theirs.columnInt64(1)).bind(3, theirs.columnInt64(3));
            std::int64_t local = 0;
            if (find.step()) {
                local = find.columnInt64(0);
            } else {
                insert.reset();
                insert.bind(1, localStudy)
                    .bind(2, theirs.columnInt64(1))
                    .bind(3, theirs.columnText(2))
                    .bind(4, theirs.columnInt64(3))
                    .bind(5, theirs.columnInt64(4));
                insert.step();
                local = m_db.lastInsertRowId();
                ++m_result.hitsAdded;
            }
            m_hits[theirs.columnInt64(0)] = {localStudy, local};
        }
    }

    void mergeAnnotators()
    {
        Statement theirs = m_other.prepare(
            "SELECT annotator_id, name, role, worker_id, pin_hash, created_at FROM annotators");
        Statement find = m_db.prepare("SELECT annotator_id FROM annotators WHERE name = ?1");
        Statement insert =
            m_db.prepare("INSERT INTO annotators (name, role, worker_id, pin_hash, created_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)");
        while (theirs.step()) {
            find.reset();
            find.bind(1, theirs.columnText(1));
            if (find.step()) {
                m_annotators[theirs.columnInt64(0)] = find.columnInt64(0);
                continue;
            }
            insert.reset();
            for (int column = 1; column <= 5; ++column) {
                if (theirs.columnIsNull(column))
                    insert.bindNull(column);
                else
                    insert.bind(column, theirs.columnText(column));
            }
            insert.step();
            m_annotators[theirs.columnInt64(0)] = m_db.lastInsertRowId();
            ++m_result.annotatorsAdded;
        }
    }

    void mergeWithdrawals()
    {
        Statement theirs = m_other.prepare("SELECT uid, withdrawn_at FROM withdrawn_responses");
        Statement record =
            m_db.prepare("INSERT OR IGNORE INTO withdrawn_responses (uid, withdrawn_at) VALUES (?1, ?2)");
        Statement find = m_db.prepare("SELECT r.response_id, r.hit_id, h.study_id FROM responses r "
                                      "JOIN hits h ON h.hit_id = r.hit_id WHERE r.uid = ?1");
        Statement remove = m_db.prepare("DELETE FROM responses WHERE response_id = ?1");
        while (theirs.step()) {
            record.reset();
            record.bind(1, theirs.columnText(0)).bind(2, theirs.columnText(1));
            record.step();
            find.reset();
            find.bind(1, theirs.columnText(0));
            if (!find.step())
                continue;
            m_touched[find.columnInt64(2)].insert(find.columnInt64(1));
            remove.reset();
            remove.bind(1, find.columnInt64(0));
            remove.step();
            ++m_result.responsesWithdrawn;
        }
    }

    bool localHas(const char* sql, const std::string& uid)
    {
        Statement query = m_db.prepare(sql);
        query.bind(1, uid);
        return query.step();
    }

    void mergeResponses()
    {
        Statement theirs = m_other.prepare("SELECT uid, hit_id, annotator_id, answer, confidence, reason, "
                                           "started_at, submitted_at FROM responses ORDER BY response_id");
        Statement answered = m_db.prepare("SELECT 1 FROM responses WHERE hit_id = ?1 AND annotator_id = ?2");
        Statement insert =
            m_db.prepare("INSERT INTO responses (uid, hit_id, annotator_id, answer, confidence, "
                         "reason, started_at, submitted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        Statement dropHeld = m_db.prepare("DELETE FROM assignments WHERE hit_id = ?1 AND annotator_id = ?2");
        while (theirs.step()) {
            const std::string uid = theirs.columnText(0);
            if (localHas("SELECT 1 FROM responses WHERE uid = ?1", uid)) {
                ++m_result.responsesPresent;
                continue;
            }
            if (localHas("SELECT 1 FROM withdrawn_responses WHERE uid = ?1", uid)) {
                ++m_result.responsesWithdrawn;
                continue;
            }
            const auto [studyId, hitId] = m_hits.at(theirs.columnInt64(1));
            const std::int64_t annotatorId = m_annotators.at(theirs.columnInt64(2));
            answered.reset();
            answered.bind(1, hitId).bind(2, annotatorId);
            if (answered.step()) {
                ++m_result.conflicts;
                continue;
            }
            insert.reset();
            insert.bind(1, uid).bind(2, hitId).bind(3, annotatorId).bind(4, theirs.columnText(3));
            insert.bind(5, theirs.columnInt64(4)).bind(6, theirs.columnText(5));
            for (int column = 7; column <= 8; ++column) {
                if (theirs.columnIsNull(column - 1))
                    insert.bindNull(column);
                else
                    insert.bind(column, theirs.columnText(column - 1));
            }
            insert.step();
            dropHeld.reset();
            dropHeld.bind(1, hitId).bind(2, annotatorId);
            dropHeld.step();
            m_touched[studyId].insert(hitId);
            ++m_result.responsesAdded;
        }
    }

    void mergeAdjudications()
    {
        Statement theirs = m_other.prepare("SELECT uid, hit_id, admin_id, label, sub_label, note, decided_at "
                                           "FROM adjudications ORDER BY decided_at");
        Statement insert =
            m_db.prepare("INSERT INTO adjudications (uid, hit_id, admin_id, label, sub_label, note, "
                         "decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        while (theirs.step()) {
            const std::string uid = theirs.columnText(0);
            if (localHas("SELECT 1 FROM adjudications WHERE uid = ?1", uid))
                continue;
            insert.reset();
            insert.bind(1, uid)
                .bind(2, m_hits.at(theirs.columnInt64(1)).second)
                .bind(3, m_annotators.at(theirs.columnInt64(2)))
                .bind(4, theirs.columnText(3));
            if (theirs.columnIsNull(4))
                insert.bindNull(5);
            else
                insert.bind(5, theirs.columnText(4));
            insert.bind(6, theirs.columnText(5)).bind(7, theirs.columnText(6));
            insert.step();
            ++m_result.adjudicationsAdded;
        }
    }

    Database& m_db;
    Database& m_other;
    MergeResult m_result;
    std::map<std::int64_t, std::int64_t> m_studies;                       ///< theirs -> here
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> m_hits; ///< theirs -> (study, hit) here
    std::map<std::int64_t, std::int64_t> m_annotators;                    ///< theirs -> here
    std::map<std::int64_t, std::set<std::int64_t>> m_touched;             ///< study -> HITs to relabel
};

} // namespace

MergeResult mergeWorkspace(Database& db, const std::string& otherDatabasePath)
{
    Database other = openOther(db, otherDatabasePath);
    // One read transaction: every query sees the same snapshot, even while annotators go on writing there.
    other.exec("BEGIN");
    WriteTransaction transaction(db);
    MergeResult result = Merger(db, other).run();
    transaction.commit();
    other.exec("ROLLBACK");
    return result;
}

} // namespace salient
