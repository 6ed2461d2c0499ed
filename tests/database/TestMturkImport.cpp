// Importing Salient ImageNet's MTurk CSV and exporting it again gives the same rows; a malformed file
// writes nothing. On the published file (when ../shared is there) the paper's counts come out.
#include "StudyTestSupport.h"
#include "base/AtomicFile.h"
#include "base/Csv.h"
#include "database/ClassMetadata.h"
#include "database/MturkImport.h"
#include "database/StudySummary.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <tuple>

using namespace salient;

namespace {

const std::string kShared = std::string(SALIENT_SHARED_DATA) + "/salient_imagenet";

auto key(const MturkRow& r)
{
    return std::make_tuple(r.workerId, r.wnid, r.classIndex, r.feature, r.rank, r.answer, r.confidence,
                           r.reason);
}

std::vector<MturkRow> sorted(std::vector<MturkRow> rows)
{
    std::sort(rows.begin(), rows.end(), [](const MturkRow& a, const MturkRow& b) { return key(a) < key(b); });
    return rows;
}

bool sameRows(const std::vector<MturkRow>& a, const std::vector<MturkRow>& b)
{
    const auto x = sorted(a), y = sorted(b);
    return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(),
                                              [](const auto& p, const auto& q) { return key(p) == key(q); });
}

QByteArray fileBytes(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestMturkImport : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_ws = std::make_unique<Workspace>(Workspace::open(m_tmp->filePath("ws").toStdString(), true));
    }

    void fixtureRoundTrip();
    void fixtureCounts();
    void badFilesWriteNothing_data();
    void badFilesWriteNothing();
    void realFileRoundTripAndCounts();

private:
    Database& db() { return m_ws->database(); }
    MturkImportResult import(const std::string& csv, const std::string& metadata = {})
    {
        return importMturk(db(), csv, readMturkCsv(csv),
                           metadata.empty() ? std::vector<ClassMetadata>{} : readClassMetadataCsv(metadata),
                           StudyOptions{"", 0, 7200, {}});
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Workspace> m_ws;
};

void TestMturkImport::fixtureRoundTrip()
{
    const std::string csv = testDataFile("mturk_small.csv");
    const auto result = import(csv, testDataFile("class_metadata_small.csv"));
    QCOMPARE(result.answers, 20);
    QCOMPARE(result.pairs, 4);
    QCOMPARE(result.annotators, 7);
    QCOMPARE(result.study.name, std::string("mturk-discovery"));
    QCOMPARE(result.study.answersPerHit, 5);
    QCOMPARE(result.study.origin, std::string("mturk"));

    const auto exported = exportMturkRows(db(), result.study);
    QVERIFY(sameRows(exported, readMturkCsv(csv)));
    // Recorded in file order, so the text is the file's, byte for byte.
    QCOMPARE(QByteArray::fromStdString(mturkCsvText(exported)), fileBytes(csv));
    // Written and read back through a file.
    const std::string out = m_tmp->filePath("out.csv").toStdString();
    writeFileAtomically(out, mturkCsvText(exported));
    QVERIFY(sameRows(readMturkCsv(out), exported));

    QCOMPARE(db().queryText("SELECT name FROM annotators WHERE worker_id = '14'"), std::string("mturk-14"));
    const auto goldfish = classMetadata(db(), "n01443537");
    QVERIFY(goldfish);
    QCOMPARE(goldfish->name, std::string("goldfish"));
    QCOMPARE(goldfish->classIndex, 1);
    QCOMPARE(goldfish->wikilinks.size(), std::size_t(2));
    QCOMPARE(allClassMetadata(db()).size(), std::size_t(3));

    // A second import is a second study; the workers are the same annotators.
    const auto again = import(csv);
    QCOMPARE(again.study.name, std::string("mturk-discovery-2"));
    QCOMPARE(db().queryInt64("SELECT COUNT(*) FROM annotators"), 7);
    QCOMPARE(db().queryInt64("SELECT COUNT(*) FROM responses"), 40);
}

void TestMturkImport::fixtureCounts()
{
    const auto result = import(testDataFile("mturk_small.csv"));
    // By hand from the file: (0,59) 5 main -> core; (0,12) 2 main 2 separate 1 background -> spurious,
    // separate_object; (1,7) 1 main 2 separate 2 background -> spurious, ambiguous; (2,3) 2 main 3 background
    // -> spurious, background.
    const StudySummary summary = summarizeStudy(db(), result.study);
    QCOMPARE(summary.pairs, 4);
    QCOMPARE(summary.answers, 20);
    QCOMPARE(summary.annotators, 7);
    QCOMPARE(summary.labels.at("core"), 1);
    QCOMPARE(summary.labels.at("spurious"), 3);
    QCOMPARE(summary.separateObject, 1);
    QCOMPARE(summary.ambiguous, 1);
    QCOMPARE(summary.background, 1);
    QCOMPARE(summary.classes, 3);
    QCOMPARE(summary.classesWithSpurious, 3);
    // P_i = 1, 0.2, 0.2, 0.4 -> P = 0.45; p = 10/20, 4/20, 6/20 -> P_e = 0.38; kappa = 0.07 / 0.62
    QVERIFY(std::abs(*summary.kappa - 0.07 / 0.62) < 1e-12);
    QCOMPARE(summary.perClass.size(), std::size_t(3));
    // Class 0: (5,0,0) and (2,2,1): P = (1 + 0.2) / 2 = 0.6; totals 7, 2, 1 of 10 -> P_e = 0.54.
    QVERIFY(std::abs(*summary.perClass[0].kappa - 0.06 / 0.46) < 1e-12);
    // Class 2: (2,0,3) alone: P = 0.4; P_e = 0.16 + 0.36 = 0.52 -> kappa = -0.12 / 0.48 = -0.25.
    QVERIFY(std::abs(*summary.perClass[2].kappa + 0.25) < 1e-12);
    QCOMPARE(summary.perClass[1].spurious, 1);
}

void TestMturkImport::badFilesWriteNothing_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    const QByteArray header =
        "WorkerId,Input.wordnet_id,Input.class_index,Input.feature_index,Input.feature_rank,"
        "Answer.main,Answer.confidence,Answer.reasons\n";
    const QByteArray good = "1,n1,0,5,1,background,4.0,the water\n";
    QTest::newRow("unterminated quote") << header + good + "2,n1,0,5,1,background,4.0,\"open\n"
                                        << ":3: a quoted field that starts on this line is never closed";
    QTest::newRow("rank differs") << header + good + "2,n1,0,5,2,background,4.0,x\n"
                                  << ":3: feature 5 of class 0 has rank 2 here but 1 on line 2";
    QTest::newRow("wnid differs") << header + good + "2,n2,0,6,2,background,4.0,x\n"
                                  << ":3: class 0 is n2 here but n1 before";
    QTest::newRow("worker twice") << header + good + "1,n1,0,5,1,main_object,4.0,x\n"
                                  << ":3: worker 1 answered feature 5 of class 0 already on line 2";
    QTest::newRow("wnid leads out") << header + good + "2,../../etc,1,6,1,background,4.0,x\n"
                                    << ":3: Input.wordnet_id is '../../etc', not a class id";
    QTest::newRow("hex confidence") << header + good + "2,n1,0,6,1,background,0x4,x\n"
                                    << ":3: Answer.confidence is '0x4', not a whole number from 1 to 5";
    QTest::newRow("exponent confidence") << header + good + "2,n1,0,6,1,background,1e0,x\n"
                                         << ":3: Answer.confidence is '1e0', not a whole number from 1 to 5";
    QTest::newRow("signed feature") << header + good + "2,n1,0,+6,1,background,4,x\n"
                                    << ":3: Input.feature_index is '+6', not a whole number of at least 0";
    QTest::newRow("no answers") << header << ": no answers to import";
}

void TestMturkImport::badFilesWriteNothing()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const QString path = m_tmp->filePath("bad.csv");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
    file.close();
    const QString error = invalidInputOf([&] { import(path.toStdString()); });
    QVERIFY2(error.startsWith(path + message), qPrintable(error));
    for (const char* table : {"studies", "hits", "annotators", "responses", "hit_labels", "class_metadata"})
        QCOMPARE(db().queryInt64(std::string("SELECT COUNT(*) FROM ") + table), 0);
}

void TestMturkImport::realFileRoundTripAndCounts()
{
    const std::string csv = kShared + "/discover_spurious_features.csv";
    const std::string metadata = kShared + "/class_metadata.csv";
    if (!QFile::exists(QString::fromStdString(csv)))
        QSKIP("the Salient ImageNet data in ../shared is not here");
    QElapsedTimer timer;
    timer.start();
    const auto result = import(csv, metadata);
    const qint64 importMs = timer.elapsed();
    QCOMPARE(result.answers, 25000);
    QCOMPARE(result.pairs, 5000);
    QCOMPARE(result.classes, 1000);

    const auto exported = exportMturkRows(db(), result.study);
    QVERIFY(sameRows(exported, readMturkCsv(csv)));
    QCOMPARE(QByteArray::fromStdString(mturkCsvText(exported)), fileBytes(csv));

    // Counted from the file with Python's csv module (tests/cli/check_mturk_summary.py checks the CLI
    // against that script on every run): 630 pairs with at least 3 of 5 spurious answers.
    const StudySummary summary = summarizeStudy(db(), result.study);
    QCOMPARE(summary.labels.at("spurious"), 630);
    QCOMPARE(summary.labels.at("core"), 4370);
    QCOMPARE(summary.labels.at("tie"), 0);
    QCOMPARE(summary.complete, 5000);
    QCOMPARE(summary.annotators, 265);
    QCOMPARE(classMetadata(db(), "n01440764")->gloss.substr(0, 20), std::string("freshwater dace-like"));
    qInfo("imported 25000 answers in %lld ms; kappa %.4f", importMs, *summary.kappa);
}

QTEST_GUILESS_MAIN(TestMturkImport)
#include "TestMturkImport.moc"
