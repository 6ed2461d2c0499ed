// Annotators sign in by name, with an optional PIN that is stored only as a salted hash.
#include "StudyTestSupport.h"
#include "database/Annotators.h"
#include "database/Secrets.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace salient;

class TestAnnotators : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_ws = std::make_unique<Workspace>(Workspace::open(m_tmp->filePath("ws").toStdString(), true));
    }

    void pinIsStoredAsSaltedHashOnly()
    {
        const std::string pin = "Zebra-Quartz-93"; // letters outside hex: cannot appear in a hash by chance
        const Annotator ann = addAnnotator(db(), "ann", AnnotatorRole::Annotator, pin);
        addAnnotator(db(), "bob", AnnotatorRole::Annotator, pin);
        QVERIFY(ann.hasPin);
        const std::string annHash = db().queryText("SELECT pin_hash FROM annotators WHERE name = 'ann'");
        const std::string bobHash = db().queryText("SELECT pin_hash FROM annotators WHERE name = 'bob'");
        QVERIFY(QString::fromStdString(annHash).startsWith("pbkdf2-sha256$100000$"));
        QVERIFY(annHash != bobHash); // salted: the same PIN hashes differently
        QVERIFY(pinMatches(pin, annHash));
        QVERIFY(!pinMatches("Zebra-Quartz-94", annHash));
        m_ws.reset(); // close, so that everything is in the file
        for (const char* file : {"salient.db", "salient.db-wal"}) {
            QFile f(m_tmp->filePath(QString("ws/") + file));
            if (f.open(QIODevice::ReadOnly))
                QVERIFY(!f.readAll().contains(QByteArray::fromStdString(pin)));
        }
    }

    void signInChecksThePin()
    {
        addAnnotator(db(), "ann", AnnotatorRole::Annotator, std::string("1234"));
        QCOMPARE(signIn(db(), "ann", std::string("1234")).name, std::string("ann"));
        QCOMPARE(invalidInputOf([&] { signIn(db(), "ann", std::string("4321")); }),
                 QString("wrong PIN for ann"));
        QCOMPARE(invalidInputOf([&] { signIn(db(), "ann", std::nullopt); }),
                 QString("ann has a PIN; give it to sign in"));
        signIn(db(), "noPin", std::nullopt);
        QCOMPARE(invalidInputOf([&] { signIn(db(), "noPin", std::string("1")); }),
                 QString("noPin has no PIN; sign in without one"));
    }

    void newNameSignsUp()
    {
        QVERIFY(!findAnnotator(db(), "new"));
        const Annotator created = signIn(db(), "new", std::string("77"));
        QVERIFY(created.hasPin);
        QCOMPARE(created.role, AnnotatorRole::Annotator);
        QCOMPARE(signIn(db(), "new", std::string("77")).id, created.id);
        QCOMPARE(db().queryInt64("SELECT COUNT(*) FROM annotators"), 1);
    }

    void namesAreChecked()
    {
        QCOMPARE(invalidInputOf([&] { signIn(db(), "", std::nullopt); }),
                 QString("an annotator name cannot be empty"));
        QCOMPARE(invalidInputOf([&] { signIn(db(), "mturk-12", std::nullopt); }),
                 QString("names starting with 'mturk-' are kept for imported MTurk workers"));
        QCOMPARE(invalidInputOf([&] { signIn(db(), " ann", std::nullopt); }),
                 QString("the annotator name ' ann' starts or ends with a space"));
        QCOMPARE(invalidInputOf([&] { signIn(db(), "a\tb", std::nullopt); }),
                 QString("an annotator name cannot hold control characters"));
        QCOMPARE(invalidInputOf([&] { signIn(db(), "ann", std::string()); }),
                 QString("a PIN cannot be empty (leave it out for no PIN)"));
        addAnnotator(db(), "ann", AnnotatorRole::Annotator, std::nullopt);
        QCOMPARE(invalidInputOf([&] { addAnnotator(db(), "ann", AnnotatorRole::Admin, std::nullopt); }),
                 QString("an annotator named 'ann' exists already"));
    }

    void importedWorkersCannotSignIn()
    {
        db().exec("BEGIN");
        importedAnnotator(db(), "52");
        db().exec("COMMIT");
        QCOMPARE(findAnnotator(db(), "mturk-52")->workerId, std::string("52"));
        QCOMPARE(invalidInputOf([&] { signIn(db(), "mturk-52", std::nullopt); }),
                 QString("'mturk-52' holds imported answers and cannot sign in"));
    }

    void onlyAdministratorsSignInAsSuch()
    {
        addAnnotator(db(), "boss", AnnotatorRole::Admin, std::string("9"));
        addAnnotator(db(), "ann", AnnotatorRole::Annotator, std::nullopt);
        QCOMPARE(signInAdmin(db(), "boss", std::string("9")).role, AnnotatorRole::Admin);
        QVERIFY(invalidInputOf([&] {
                    signInAdmin(db(), "ann", std::nullopt);
                }).contains("is not an administrator"));
        QCOMPARE(invalidInputOf([&] { signInAdmin(db(), "boss", std::string("8")); }),
                 QString("wrong PIN for boss"));
        QCOMPARE(allAnnotators(db()).size(), std::size_t(2));
    }

    void uidsAreRandom128BitHex()
    {
        const std::string a = newUid(), b = newUid();
        QCOMPARE(a.size(), std::size_t(32));
        QVERIFY(a.find_first_not_of("0123456789abcdef") == std::string::npos);
        QVERIFY(a != b);
    }

private:
    Database& db() { return m_ws->database(); }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Workspace> m_ws;
};

QTEST_GUILESS_MAIN(TestAnnotators)
#include "TestAnnotators.moc"
