// Merging the answers given in copies of a workspace: everything once, nothing twice, undos carried over.
#include "StudyTestSupport.h"
#include "database/Annotators.h"
#include "database/Assignments.h"
#include "database/Merge.h"
#include "database/Responses.h"
#include "database/Studies.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace salient;

class TestMerge : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void mergeAddsTheOthersAnswersOnce();
    void sameAnnotatorOnTwoMachinesKeepsTheLocalAnswer();
    void undoneAnswersStayUndone();
    void newStudiesComeWithTheirHits();
    void refusesItselfAndStrangers();

private:
    Response answer(Workspace& ws, const std::string& name, const std::string& value = "background");
    std::int64_t count(Workspace& ws, const std::string& sql) { return ws.database().queryInt64(sql); }
    std::string bPath() const { return m_tmp->filePath("b/salient.db").toStdString(); }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Workspace> m_a;
    std::unique_ptr<Workspace> m_b;
};

void TestMerge::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_a.reset();
    m_b.reset();
    {
        Workspace ws = indexedWorkspace(m_tmp->filePath("a"), 3, 2);
        StudyOptions options;
        options.answersPerHit = 3;
        createStudy(ws.database(), StudyKind::Discovery, options, indexedPairs(ws.database()));
    } // closed: the WAL is folded into salient.db
    QVERIFY(QDir().mkpath(m_tmp->filePath("b")));
    QVERIFY(QFile::copy(m_tmp->filePath("a/salient.db"), m_tmp->filePath("b/salient.db")));
    m_a = std::make_unique<Workspace>(Workspace::open(m_tmp->filePath("a").toStdString(), false));
    m_b = std::make_unique<Workspace>(Workspace::open(m_tmp->filePath("b").toStdString(), false));
}

Response TestMerge::answer(Workspace& ws, const std::string& name, const std::string& value)
{
    Database& db = ws.database();
    const Study study = chooseStudy(db, std::string("discovery"));
    const Annotator annotator = signIn(db, name, std::nullopt);
    const auto assignment = nextHit(db, study, annotator);
    return submitAnswer(db, study, assignment->hit.id, annotator, goodAnswer(value));
}

void TestMerge::mergeAddsTheOthersAnswersOnce()
{
    answer(*m_a, "a1");
    const Response b1 = answer(*m_b, "b1");
    answer(*m_b, "b1", "main_object");
    answer(*m_b, "b2");

    MergeResult first = mergeWorkspace(m_a->database(), bPath());
    QCOMPARE(first.responsesAdded, 3);
    QCOMPARE(first.annotatorsAdded, 2);
    QCOMPARE(first.studiesAdded, 0);
    QCOMPARE(first.hitsAdded, 0);
    QCOMPARE(count(*m_a, "SELECT COUNT(*) FROM responses"), 4);
    Statement same = m_a->database().prepare("SELECT submitted_at FROM responses WHERE uid = ?1");
    same.bind(1, b1.uid);
    QVERIFY(same.step());
    QCOMPARE(same.columnText(0), b1.submittedAt); // the same response, not a copy with a new id
    // Labels follow: the first HIT has a1, b1 and b2 (3 of 3) -> complete.
    QCOMPARE(count(*m_a, "SELECT SUM(answers) FROM hit_labels"), 4);
    QCOMPARE(count(*m_a, "SELECT COUNT(*) FROM hit_labels WHERE complete = 1"), 1);

    const MergeResult second = mergeWorkspace(m_a->database(), bPath());
    QCOMPARE(second.responsesAdded, 0);
    QCOMPARE(second.responsesPresent, 3);
    QCOMPARE(second.annotatorsAdded, 0);
    QCOMPARE(count(*m_a, "SELECT COUNT(*) FROM responses"), 4);
    QCOMPARE(count(*m_a, "SELECT COUNT(*) FROM annotators"), 3);

    // The other way round, too.
    const std::string aPath = m_a->databasePath();
    QCOMPARE(mergeWorkspace(m_b->database(), aPath).responsesAdded, 1);
    QCOMPARE(mergeWorkspace(m_b->database(), aPath).responsesAdded, 0);
    QCOMPARE(
        m_b->database().queryText("SELECT group_concat(uid) FROM (SELECT uid FROM responses ORDER BY uid)"),
        m_a->database().queryText("SELECT group_concat(uid) FROM (SELECT uid FROM responses ORDER BY uid)"));
    QCOMPARE(count(*m_a, "PRAGMA foreign_key_check"), 0);
}

void TestMerge::sameAnnotatorOnTwoMachinesKeepsTheLocalAnswer()
{
    answer(*m_a, "x", "main_object");
    answer(*m_b, "x", "background");
    const MergeResult result = mergeWorkspace(m_a->database(), bPath());
    QCOMPARE(result.conflicts, 1);
    QCOMPARE(result.responsesAdded, 0);
    QCOMPARE(m_a->database().queryText("SELECT answer FROM responses"), std::string("main_object"));
    QCOMPARE(mergeWorkspace(m_a->database(), bPath()).conflicts, 1); // still nothing added
    QCOMPARE(count(*m_a, "SELECT COUNT(*) FROM responses"), 1);
}

void TestMerge::undoneAnswersStayUndone()
{
    // Undone over there after a first merge: the next merge removes it here.
    answer(*m_b, "b1");
    QCOMPARE(mergeWorkspace(m_a->database(), bPath()).responsesAdded, 1);
    const Study studyB = chooseStudy(m_b->database(), std::nullopt);
    undoLastAnswer(m_b->database(), studyB, *findAnnotator(m_b->database(), "b1"));
    const MergeResult after = mergeWorkspace(m_a->database(), bPath());
    QCOMPARE(after.responsesWithdrawn, 1);
    QCOMPARE(count(*m_a, "SELECT COUNT(*) FROM responses"), 0);
    QCOMPARE(count(*m_a, "SELECT COUNT(*) FROM hit_labels"), 0);
    QCOMPARE(count(*m_a, "SELECT COUNT(*) FROM withdrawn_responses"), 1);

    // Undone here: merging the copy that still has it does not bring it back.
    answer(*m_b, "b2");
    mergeWorkspace(m_a->database(), bPath());
    const Study studyA = chooseStudy(m_a->database(), std::nullopt);
    undoLastAnswer(m_a->database(), studyA, *findAnnotator(m_a->database(), "b2"));
    const MergeResult again = mergeWorkspace(m_a->database(), bPath());
    QCOMPARE(again.responsesAdded, 0);
    QCOMPARE(again.responsesWithdrawn, 1);
    QCOMPARE(count(*m_a, "SELECT COUNT(*) FROM responses"), 0);
}

void TestMerge::newStudiesComeWithTheirHits()
{
    StudyOptions options;
    options.name = "discovery-2";
    createStudy(m_a->database(), StudyKind::Discovery, options, indexedPairs(m_a->database()));
    const Study theirs =
        createStudy(m_b->database(), StudyKind::Discovery, options, indexedPairs(m_b->database()));
    answer(*m_b, "b1");
    const MergeResult result = mergeWorkspace(m_a->database(), bPath());
    QCOMPARE(result.studiesAdded, 1);
    QCOMPARE(result.hitsAdded, 6);
    const auto merged = findStudy(m_a->database(), "discovery-2-merged"); // the name was taken here
    QVERIFY(merged);
    QCOMPARE(merged->uid, theirs.uid);
    QCOMPARE(studyHits(m_a->database(), merged->id).size(), std::size_t(6));
    QCOMPARE(mergeWorkspace(m_a->database(), bPath()).studiesAdded, 0);
    QCOMPARE(count(*m_a, "SELECT COUNT(*) FROM studies"), 3);
}

void TestMerge::refusesItselfAndStrangers()
{
    QCOMPARE(invalidInputOf([&] { mergeWorkspace(m_a->database(), m_a->databasePath()); }),
             QString("\"%1\" is this workspace; merge another one")
                 .arg(QString::fromStdString(m_a->databasePath())));
    const QString missing = m_tmp->filePath("nowhere/salient.db");
    QCOMPARE(invalidInputOf([&] { mergeWorkspace(m_a->database(), missing.toStdString()); }),
             QString("\"%1\" is not a workspace database (no such file)").arg(missing));
    const QString stranger = m_tmp->filePath("other.db");
    {
        Database other(stranger.toStdString());
        other.exec("CREATE TABLE t (x)");
    }
    QCOMPARE(invalidInputOf([&] { mergeWorkspace(m_a->database(), stranger.toStdString()); }),
             QString("\"%1\" is not a Salient Studio workspace").arg(stranger));
}

QTEST_GUILESS_MAIN(TestMerge)
#include "TestMerge.moc"
