// Studies and HITs: N distinct annotators per HIT, no repeats, leases, undo rules, answer checks, and
// nobody seeing the others' answers first.
#include "StudyTestSupport.h"
#include "database/Annotators.h"
#include "database/Assignments.h"
#include "database/Labels.h"
#include "database/Responses.h"
#include "database/Studies.h"

#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

using namespace salient;

class TestStudies : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void studyKeepsItsOwnCopyOfThePairs();
    void createRefusesBadOptions();
    void eachHitGoesToNDistinctAnnotators();
    void nobodyGetsAHitTwice();
    void askingAgainResumesTheHeldHit();
    void skippedHitsArePassedOverAndFreed();
    void expiredLeaseFreesThePlace();
    void submitNeedsAHeldHit();
    void answersAreChecked();
    void undoRules();
    void othersAnswersStayHiddenUntilSubmitting();
    void labelsFollowTheResponses();
    void responsesAreNeverUpdated();

private:
    Study study(int answersPerHit, int leaseSeconds = 7200, int classes = 2, int features = 1);
    Annotator annotator(const std::string& name) { return signIn(m_ws->database(), name, std::nullopt); }
    std::int64_t count(const std::string& sql) { return m_ws->database().queryInt64(sql); }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Workspace> m_ws;
};

void TestStudies::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_ws.reset();
}

Study TestStudies::study(int answersPerHit, int leaseSeconds, int classes, int features)
{
    m_ws = std::make_unique<Workspace>(indexedWorkspace(m_tmp->filePath("ws"), classes, features));
    StudyOptions options;
    options.answersPerHit = answersPerHit;
    options.leaseSeconds = leaseSeconds;
    return createStudy(m_ws->database(), StudyKind::Discovery, options, indexedPairs(m_ws->database()));
}

void TestStudies::studyKeepsItsOwnCopyOfThePairs()
{
    const Study s = study(5, 7200, 3, 2);
    QCOMPARE(s.name, std::string("discovery"));
    QCOMPARE(s.uid.size(), std::size_t(32));
    const auto hits = studyHits(m_ws->database(), s.id);
    QCOMPARE(hits.size(), std::size_t(6));
    QCOMPARE(hits[1].pair.wnid, std::string("n00001000"));
    QCOMPARE(hits[1].pair.rank, 2);
    QCOMPARE(hits[1].pair.feature, 20);

    // Rebuilding the index replaces its tables; the study's HITs stay as they were.
    {
        IndexTablesWriter writer(m_ws->database());
        writer.addClass({0, "n09999999", 1, 1, 1});
        writer.addFeature({0, 77, 1, 1.0, {}, {}});
        writer.commit();
    }
    QCOMPARE(count("SELECT COUNT(*) FROM class_features"), 1);
    QCOMPARE(studyHits(m_ws->database(), s.id).size(), std::size_t(6));
    QCOMPARE(studyHits(m_ws->database(), s.id)[1].pair.wnid, std::string("n00001000"));
    QCOMPARE(count("PRAGMA foreign_key_check"), 0);

    // A second discovery study gets a numbered name.
    StudyOptions options;
    QCOMPARE(
        createStudy(m_ws->database(), StudyKind::Discovery, options, indexedPairs(m_ws->database())).name,
        std::string("discovery-2"));
}

void TestStudies::createRefusesBadOptions()
{
    const Study s = study(5);
    const auto pairs = indexedPairs(m_ws->database());
    auto create = [&](StudyOptions options, std::vector<StudyPair> p) {
        return invalidInputOf([&] { createStudy(m_ws->database(), StudyKind::Discovery, options, p); });
    };
    StudyOptions named;
    named.name = s.name;
    QCOMPARE(create(named, pairs), QString("a study named 'discovery' exists already"));
    StudyOptions none;
    none.answersPerHit = 0;
    QCOMPARE(create(none, pairs), QString("a HIT needs at least 1 annotator, not 0"));
    QCOMPARE(create({}, {}), QString("a study needs at least one (class, feature) pair"));
    QCOMPARE(create({}, {pairs[0], pairs[0]}), QString("the pair (class 0, feature 10) is listed twice"));
    QCOMPARE(count("SELECT COUNT(*) FROM studies"), 1);
}

void TestStudies::skippedHitsArePassedOverAndFreed()
{
    const Study s = study(1, 7200, 3); // 3 HITs x 1 place
    Database& db = m_ws->database();
    const auto hits = studyHits(db, s.id);
    const Annotator a1 = annotator("a1");
    QCOMPARE(nextHit(db, s, a1)->hit.id, hits[0].id);
    // a1 skips the first HIT: given back, its only place is free for a2 at once.
    releaseHit(db, hits[0].id, a1);
    QCOMPARE(nextHit(db, s, a1, {hits[0].id})->hit.id, hits[1].id);
    QCOMPARE(nextHit(db, s, annotator("a2"))->hit.id, hits[0].id);
    // A held HIT that is passed over is not resumed; the next free one comes instead.
    QCOMPARE(nextHit(db, s, a1, {hits[1].id})->hit.id, hits[2].id);
    QCOMPARE(count("SELECT COUNT(*) FROM assignments WHERE annotator_id = " + std::to_string(a1.id)), 2);
    QVERIFY(nextHit(db, s, a1, {hits[1].id, hits[2].id}) == std::nullopt);
    // Releasing a HIT one does not hold changes nothing.
    releaseHit(db, hits[0].id, a1);
    QCOMPARE(count("SELECT COUNT(*) FROM assignments"), 3);
}

void TestStudies::eachHitGoesToNDistinctAnnotators()
{
    const Study s = study(3); // 2 HITs x 3 places
    Database& db = m_ws->database();
    std::map<std::string, std::int64_t> held;
    for (const char* name : {"a1", "a2", "a3", "a4", "a5", "a6"})
        held[name] = nextHit(db, s, annotator(name))->hit.id;
    const auto hits = studyHits(db, s.id);
    // Three places on the first HIT, then three on the second.
    QCOMPARE(held["a1"], hits[0].id);
    QCOMPARE(held["a3"], hits[0].id);
    QCOMPARE(held["a4"], hits[1].id);
    QCOMPARE(held["a6"], hits[1].id);
    // a7 finds every place held.
    QVERIFY(nextHit(db, s, annotator("a7")) == std::nullopt);
    // a1 answers; the second HIT's places are all held by others, so nothing is left for a1.
    submitAnswer(db, s, hits[0].id, annotator("a1"), goodAnswer());
    QVERIFY(nextHit(db, s, annotator("a1")) == std::nullopt);
    submitAnswer(db, s, hits[1].id, annotator("a4"), goodAnswer());
    QVERIFY(nextHit(db, s, annotator("a4")) == std::nullopt); // the first HIT: a1's answer + a2, a3 holding

    for (const char* name : {"a2", "a3"})
        submitAnswer(db, s, hits[0].id, annotator(name), goodAnswer());
    for (const char* name : {"a5", "a6"})
        submitAnswer(db, s, hits[1].id, annotator(name), goodAnswer());
    QCOMPARE(count("SELECT COUNT(*) FROM responses"), 6);
    QCOMPARE(count("SELECT MAX(n) FROM (SELECT COUNT(*) n FROM responses GROUP BY hit_id)"), 3);
    QCOMPARE(count("SELECT COUNT(*) FROM (SELECT DISTINCT hit_id, annotator_id FROM responses)"), 6);
    QCOMPARE(count("SELECT COUNT(*) FROM assignments"), 0);
    QCOMPARE(count("SELECT COUNT(*) FROM hits WHERE complete = 1 AND answers = 3"), 2);
    QVERIFY(nextHit(db, s, annotator("a7")) == std::nullopt);
}

void TestStudies::nobodyGetsAHitTwice()
{
    const Study s = study(5, 7200, 4, 2);
    Database& db = m_ws->database();
    const Annotator a = annotator("ann");
    std::set<std::int64_t> seen;
    while (auto assignment = nextHit(db, s, a)) {
        QVERIFY2(seen.insert(assignment->hit.id).second, "the same HIT came twice");
        submitAnswer(db, s, assignment->hit.id, a, goodAnswer("main_object"));
    }
    QCOMPARE(seen.size(), std::size_t(8));
    QCOMPARE(count("SELECT COUNT(*) FROM responses"), 8);
    // Answering again is refused.
    QVERIFY(invalidInputOf([&] {
                submitAnswer(db, s, *seen.begin(), a, goodAnswer());
            }).contains("already answered"));
}

void TestStudies::askingAgainResumesTheHeldHit()
{
    const Study s = study(5);
    Database& db = m_ws->database();
    const auto first = nextHit(db, s, annotator("ann"));
    QVERIFY(first && !first->resumed);
    QVERIFY(!first->assignedAt.empty());
    const auto again = nextHit(db, s, annotator("ann"));
    QVERIFY(again && again->resumed);
    QCOMPARE(again->hit.id, first->hit.id);
    QCOMPARE(openAssignments(db, s, annotator("ann")).size(), std::size_t(1));
}

void TestStudies::expiredLeaseFreesThePlace()
{
    const Study s = study(1, 0); // one answer per HIT; a held HIT holds no place once handed out
    Database& db = m_ws->database();
    const auto hits = studyHits(db, s.id);
    QCOMPARE(nextHit(db, s, annotator("slow"))->hit.id, hits[0].id);
    QCOMPARE(nextHit(db, s, annotator("fast"))->hit.id, hits[0].id); // slow's lease ran out
    submitAnswer(db, s, hits[0].id, annotator("fast"), goodAnswer());
    const QString late =
        invalidInputOf([&] { submitAnswer(db, s, hits[0].id, annotator("slow"), goodAnswer()); });
    QCOMPARE(late,
             QString("HIT %1 got its 1 answers from others while it waited; the answer was not recorded")
                 .arg(hits[0].id));
    QCOMPARE(count("SELECT COUNT(*) FROM responses"), 1);
    QVERIFY(openAssignments(db, s, annotator("slow")).empty()); // the stale hold is dropped
    QCOMPARE(nextHit(db, s, annotator("slow"))->hit.id, hits[1].id);
}

void TestStudies::submitNeedsAHeldHit()
{
    const Study s = study(5);
    Database& db = m_ws->database();
    const auto hits = studyHits(db, s.id);
    QCOMPARE(invalidInputOf([&] { submitAnswer(db, s, hits[1].id, annotator("ann"), goodAnswer()); }),
             QString("HIT %1 is not handed to ann (take the next HIT first)").arg(hits[1].id));
    QCOMPARE(invalidInputOf([&] { submitAnswer(db, s, 999, annotator("ann"), goodAnswer()); }),
             QString("study 'discovery' has no HIT 999"));
}

void TestStudies::answersAreChecked()
{
    const Study s = study(5);
    Database& db = m_ws->database();
    const Annotator a = annotator("ann");
    const std::int64_t hit = nextHit(db, s, a)->hit.id;
    auto refusal = [&](const Answer& answer) {
        return invalidInputOf([&] { submitAnswer(db, s, hit, a, answer); });
    };
    QCOMPARE(
        refusal({"same", 3, "the same water in both images"}),
        QString("'same' is not an answer of a discovery study (main_object, separate_object, background)"));
    QCOMPARE(refusal({"background", 0, "the blue water around the fish"}),
             QString("the confidence must be 1 to 5, not 0"));
    QCOMPARE(refusal({"background", 6, "the blue water around the fish"}),
             QString("the confidence must be 1 to 5, not 6"));
    QVERIFY(refusal({"background", 3, ""}).startsWith("The reason is empty"));
    QVERIFY(refusal({"background", 3, "water"})
                .startsWith("The reason is too short (5 characters, at least 10)"));
    QVERIFY(refusal({"background", 3, "I don't know"}).contains("is too generic"));
    QCOMPARE(count("SELECT COUNT(*) FROM responses"), 0);
    QCOMPARE(openAssignments(db, s, a).size(), std::size_t(1)); // still held, to answer properly

    // The study's own rule.
    StudyOptions lenient;
    lenient.name = "lenient";
    lenient.reasonRule.minChars = 2;
    lenient.reasonRule.minWords = 1;
    lenient.reasonRule.generic = {};
    const Study other = createStudy(db, StudyKind::Discovery, lenient, indexedPairs(db));
    QCOMPARE(findStudy(db, "lenient")->reasonRule.minChars, 2);
    QVERIFY(findStudy(db, "lenient")->reasonRule.generic.empty());
    const std::int64_t otherHit = nextHit(db, other, a)->hit.id;
    submitAnswer(db, other, otherHit, a, {"background", 3, "water"});
    QCOMPARE(count("SELECT COUNT(*) FROM responses"), 1);
}

void TestStudies::undoRules()
{
    const Study s = study(3);
    Database& db = m_ws->database();
    const auto hits = studyHits(db, s.id);
    QCOMPARE(invalidInputOf([&] { undoLastAnswer(db, s, annotator("a1")); }),
             QString("a1 has no answer to undo in study 'discovery'"));

    const std::int64_t hit = nextHit(db, s, annotator("a1"))->hit.id;
    const Response first = submitAnswer(db, s, hit, annotator("a1"), goodAnswer("background"));
    QVERIFY(!first.startedAt.empty() && !first.submittedAt.empty());
    QVERIFY(first.startedAt <= first.submittedAt);
    nextHit(db, s, annotator("a2"));
    submitAnswer(db, s, hit, annotator("a2"), goodAnswer("main_object"));

    // a1 takes the answer back: it is gone, remembered as withdrawn, and the HIT is a1's again.
    const Response undone = undoLastAnswer(db, s, annotator("a1"));
    QCOMPARE(undone.uid, first.uid);
    QCOMPARE(count("SELECT COUNT(*) FROM responses"), 1);
    QCOMPARE(QString::fromStdString(db.queryText("SELECT uid FROM withdrawn_responses")),
             QString::fromStdString(first.uid));
    QCOMPARE(count("SELECT answers FROM hit_labels"), 1);
    const auto back = nextHit(db, s, annotator("a1"));
    QVERIFY(back->resumed);
    QCOMPARE(back->hit.id, hit);
    submitAnswer(db, s, hit, annotator("a1"), goodAnswer("separate_object"));
    // a2's answer was untouched by a1's undo.
    QCOMPARE(QString::fromStdString(db.queryText("SELECT r.answer FROM responses r JOIN annotators a "
                                                 "USING (annotator_id) WHERE a.name = 'a2'")),
             QString("main_object"));

    // Once the HIT has its 3 answers, nobody can take theirs back.
    nextHit(db, s, annotator("a3"));
    submitAnswer(db, s, hit, annotator("a3"), goodAnswer("background"));
    QCOMPARE(invalidInputOf([&] { undoLastAnswer(db, s, annotator("a3")); }),
             QString("HIT %1 is complete (3 answers); its answers can no longer be changed").arg(hit));
    QCOMPARE(count("SELECT COUNT(*) FROM responses"), 3);

    // Undo is of one's last answer: a1 answers the second HIT, undo takes that one.
    nextHit(db, s, annotator("a1"));
    submitAnswer(db, s, hits[1].id, annotator("a1"), goodAnswer());
    QCOMPARE(undoLastAnswer(db, s, annotator("a1")).hitId, hits[1].id);
    QCOMPARE(count("SELECT COUNT(*) FROM responses"), 3);
}

void TestStudies::othersAnswersStayHiddenUntilSubmitting()
{
    const Study s = study(3);
    Database& db = m_ws->database();
    const std::int64_t hit = nextHit(db, s, annotator("a1"))->hit.id;
    submitAnswer(db, s, hit, annotator("a1"), goodAnswer());
    nextHit(db, s, annotator("a2"));
    QCOMPARE(invalidInputOf([&] { hitResponses(db, hit, annotator("a2")); }),
             QString("a2 sees the answers of HIT %1 only after giving one").arg(hit));
    submitAnswer(db, s, hit, annotator("a2"), goodAnswer("main_object"));
    QCOMPARE(hitResponses(db, hit, annotator("a2")).size(), std::size_t(2));
    const Annotator boss = addAnnotator(db, "boss", AnnotatorRole::Admin, std::nullopt);
    QCOMPARE(hitResponses(db, hit, boss).size(), std::size_t(2));
}

void TestStudies::labelsFollowTheResponses()
{
    const Study s = study(3);
    Database& db = m_ws->database();
    const std::int64_t hit = studyHits(db, s.id)[0].id;
    const char* answers[] = {"background", "main_object", "background"};
    for (int i = 0; i < 3; ++i) {
        const Annotator a = annotator("a" + std::to_string(i));
        nextHit(db, s, a);
        submitAnswer(db, s, hit, a, goodAnswer(answers[i]));
        QCOMPARE(count("SELECT complete FROM hit_labels"), i == 2 ? 1 : 0);
    }
    QCOMPARE(db.queryText("SELECT label || '/' || sub_label FROM hit_labels"),
             std::string("spurious/background"));
    QCOMPARE(db.queryText("SELECT label || '/' || source FROM final_labels"),
             std::string("spurious/majority"));
    const auto labels = pairLabels(db, s);
    QCOMPARE(labels[0].votes, (std::vector<int>{1, 0, 2}));
    QCOMPARE(labels[0].finalLabel, std::string("spurious"));
    QVERIFY(labels[1].finalLabel.empty());
    QCOMPARE(labelledPairs(db, s).size(), std::size_t(1));
}

void TestStudies::responsesAreNeverUpdated()
{
    const Study s = study(3);
    Database& db = m_ws->database();
    const std::int64_t hit = nextHit(db, s, annotator("a1"))->hit.id;
    submitAnswer(db, s, hit, annotator("a1"), goodAnswer());
    QVERIFY_THROWS_EXCEPTION(DatabaseError, db.exec("UPDATE responses SET answer = 'main_object'"));
    // A validation answer to a discovery HIT is refused by the schema too.
    Statement insert =
        db.prepare("INSERT INTO responses (uid, hit_id, annotator_id, answer, confidence, reason) "
                   "VALUES ('x', ?1, ?2, ?3, 3, 'the water around it')");
    insert.bind(1, studyHits(db, s.id)[1].id).bind(2, annotator("a2").id).bind(3, "same");
    QVERIFY_THROWS_EXCEPTION(DatabaseError, insert.step());
    insert.reset();
    insert.bind(3, "main_object");
    insert.step();
    QCOMPARE(count("SELECT COUNT(*) FROM responses"), 2);
    QCOMPARE(db.queryText("SELECT answer FROM responses ORDER BY response_id"), std::string("background"));
}

QTEST_GUILESS_MAIN(TestStudies)
#include "TestStudies.moc"
