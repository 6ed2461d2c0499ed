// The review queue puts the most disputed pairs first; an administrator's adjudication overrides the
// majority label and leaves every response as it was.
#include "StudyTestSupport.h"
#include "database/Adjudications.h"
#include "database/MturkImport.h"
#include "database/StudySummary.h"

#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace salient;

class TestAdjudication : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_ws = std::make_unique<Workspace>(Workspace::open(m_tmp->filePath("ws").toStdString(), true));
        const std::string csv = testDataFile("mturk_small.csv");
        m_study = importMturk(db(), csv, readMturkCsv(csv), {}, StudyOptions{"", 0, 7200, {}}).study;
        m_admin = addAnnotator(db(), "boss", AnnotatorRole::Admin, std::nullopt);
    }

    void reviewQueueIsMostDisputedFirst()
    {
        // (0,12): 2 main vs 3 spurious, agreement 0.2; (2,3): 2 vs 3, agreement 0.4; (1,7): 1 vs 4; (0,59): 5
        // vs 0.
        const auto queue = reviewQueue(db(), m_study, 0);
        QCOMPARE(queue.size(), std::size_t(4));
        QCOMPARE(pairOf(queue[0]), QString("0/12"));
        QCOMPARE(pairOf(queue[1]), QString("2/3"));
        QCOMPARE(pairOf(queue[2]), QString("1/7"));
        QCOMPARE(pairOf(queue[3]), QString("0/59"));
        QCOMPARE(reviewQueue(db(), m_study, 2).size(), std::size_t(2));
    }

    void adjudicationOverridesButNeverOverwrites()
    {
        const std::int64_t hit = reviewQueue(db(), m_study, 1).front().hit.id;
        const std::string before = snapshot();
        const std::string labelsBefore = derived();

        adjudicate(db(), m_study, hit, m_admin, "core", "",
                   "the hands hold the fish; the feature is the fish");
        QCOMPARE(snapshot(), before);      // responses untouched
        QCOMPARE(derived(), labelsBefore); // the majority label stays as derived
        QCOMPARE(finalOf(hit), std::string("core//adjudication"));
        StudySummary summary = summarizeStudy(db(), m_study);
        QCOMPARE(summary.labels.at("core"), 2);
        QCOMPARE(summary.labels.at("spurious"), 2);
        QCOMPARE(summary.adjudicated, 1);
        QCOMPARE(summary.separateObject, 0);
        // Decided: out of the queue.
        QCOMPARE(reviewQueue(db(), m_study, 0).size(), std::size_t(3));
        QVERIFY(pairOf(reviewQueue(db(), m_study, 1).front()) != "0/12");

        // The latest decision counts; both are kept.
        QThread::msleep(5);
        adjudicate(db(), m_study, hit, m_admin, "spurious", "separate_object", "on second thought");
        QCOMPARE(finalOf(hit), std::string("spurious/separate_object/adjudication"));
        QCOMPARE(hitAdjudications(db(), hit).size(), std::size_t(2));
        QCOMPARE(hitAdjudications(db(), hit)[0].note,
                 std::string("the hands hold the fish; the feature is the fish"));
        QCOMPARE(hitAdjudications(db(), hit)[1].adminName, std::string("boss"));
        QCOMPARE(snapshot(), before);
    }

    void adjudicationIsChecked()
    {
        const std::int64_t hit = reviewQueue(db(), m_study, 1).front().hit.id;
        const Annotator ann = addAnnotator(db(), "ann", AnnotatorRole::Annotator, std::nullopt);
        QCOMPARE(invalidInputOf([&] { adjudicate(db(), m_study, hit, ann, "core", "", ""); }),
                 QString("ann is not an administrator and cannot adjudicate"));
        QCOMPARE(invalidInputOf([&] { adjudicate(db(), m_study, hit, m_admin, "maybe", "", ""); }),
                 QString("a discovery label is core or spurious, not 'maybe'"));
        QCOMPARE(invalidInputOf([&] { adjudicate(db(), m_study, hit, m_admin, "spurious", "", ""); }),
                 QString("a spurious label needs the sub-label background, separate_object or ambiguous"));
        QCOMPARE(invalidInputOf([&] { adjudicate(db(), m_study, hit, m_admin, "core", "background", ""); }),
                 QString("a core label has no sub-label"));
        QCOMPARE(invalidInputOf([&] { adjudicate(db(), m_study, 12345, m_admin, "core", "", ""); }),
                 QString("study 'mturk-discovery' has no HIT 12345"));
        QCOMPARE(db().queryInt64("SELECT COUNT(*) FROM adjudications"), 0);
    }

private:
    Database& db() { return m_ws->database(); }
    static QString pairOf(const PairLabel& p)
    {
        return QString("%1/%2").arg(p.hit.pair.classIndex).arg(p.hit.pair.feature);
    }
    std::string snapshot()
    {
        return db().queryText(
            "SELECT group_concat(response_id || '|' || uid || '|' || hit_id || '|' || annotator_id "
            "|| '|' || answer || '|' || confidence || '|' || reason, '\n') "
            "FROM (SELECT * FROM responses ORDER BY response_id)");
    }
    std::string derived()
    {
        return db().queryText(
            "SELECT group_concat(hit_id || label || COALESCE(sub_label, '') || answers, ',') "
            "FROM (SELECT * FROM hit_labels ORDER BY hit_id)");
    }
    std::string finalOf(std::int64_t hit)
    {
        Statement query = db().prepare("SELECT label || '/' || COALESCE(sub_label, '') || '/' || source "
                                       "FROM final_labels WHERE hit_id = ?1");
        query.bind(1, hit);
        return query.step() ? query.columnText(0) : std::string();
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Workspace> m_ws;
    Study m_study;
    Annotator m_admin;
};

QTEST_GUILESS_MAIN(TestAdjudication)
#include "TestAdjudication.moc"
