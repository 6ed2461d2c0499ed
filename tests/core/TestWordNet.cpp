// The WordNet 3.0 noun reader against hand-checked facts and Salient ImageNet's class metadata.
#include "base/Errors.h"
#include "core/WordNet.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

using namespace salient;

namespace {

const std::string kSandal = "n04133789";
const std::string kEntity = "n00001740";

/// RFC 4180: fields separated by commas, quoted fields may hold commas, newlines and doubled quotes.
std::vector<std::vector<std::string>> parseCsv(const std::string& text)
{
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, fieldStarted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            fieldStarted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
            fieldStarted = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            rows.back().push_back(field);
            field.clear();
            fieldStarted = false;
            rows.emplace_back();
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (fieldStarted || !field.empty())
        rows.back().push_back(field);
    if (rows.back().empty())
        rows.pop_back();
    return rows;
}

std::string trimmed(const std::string& text)
{
    return QString::fromStdString(text).trimmed().toStdString();
}

QStringList wnids(const std::vector<Synset>& synsets)
{
    QStringList ids;
    for (const Synset& synset : synsets)
        ids << QString::fromStdString(synset.wnid);
    return ids;
}

} // namespace

class TestWordNet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sandal()
    {
        const WordNet wordNet = WordNet::open();
        const std::vector<Synset> senses = wordNet.nounSenses("sandal");
        QVERIFY(!senses.empty());
        QCOMPARE(senses.front().wnid, kSandal);
        QCOMPARE(senses.front().lemmas, std::vector<std::string>{"sandal"});
        QVERIFY(senses.front().gloss.find("shoe") != std::string::npos);
        QCOMPARE(senses.front().gloss,
                 std::string("a shoe consisting of a sole fastened by straps to the foot"));
        QCOMPARE(senses.front().hypernyms, std::vector<std::string>{"n04199027"}); // shoe

        const std::optional<Synset> direct = wordNet.synset(kSandal);
        QVERIFY(direct);
        QCOMPARE(direct->gloss, senses.front().gloss);
        QCOMPARE(wnids(wordNet.nounSenses("  SANDAL ")), wnids(senses));
    }

    void trousers()
    {
        const WordNet wordNet = WordNet::open();
        // index.noun has "trouser" (garment first, then the adjective-like sense); it has no "trousers":
        // plurals would need WordNet's morphology, which this reader does not do.
        const std::vector<Synset> senses = wordNet.nounSenses("trouser");
        QCOMPARE(wnids(senses), QStringList({"n04489008", "n04488530"}));
        QCOMPARE(senses[0].lemmas, (std::vector<std::string>{"trouser", "pant"}));
        QVERIFY(senses[0].gloss.find("(usually in the plural) a garment") == 0);
        QVERIFY(senses[0].gloss.find("\"he had a sharp crease in his trousers\"") != std::string::npos);
        QVERIFY(wordNet.nounSenses("trousers").empty());
    }

    void multiWordLemmas()
    {
        const WordNet wordNet = WordNet::open();
        const std::vector<Synset> spaced = wordNet.nounSenses("Domestic Dog");
        QCOMPARE(wnids(spaced), QStringList({"n02084071"}));
        QCOMPARE(wnids(wordNet.nounSenses("domestic_dog")), wnids(spaced));
        QCOMPARE(spaced[0].lemmas, (std::vector<std::string>{"dog", "domestic dog", "Canis familiaris"}));
        // Two hypernyms, canine and domestic animal, in file order.
        QCOMPARE(spaced[0].hypernyms, (std::vector<std::string>{"n02083346", "n01317541"}));
        // An instance hypernym ('@i'): Canis Major is an instance of constellation.
        QCOMPARE(wordNet.synset("n09232841")->hypernyms, std::vector<std::string>{"n09252970"});
        // The first and last lemmas of the index, around the licence header.
        QVERIFY(!wordNet.nounSenses("'hood").empty());
        QCOMPARE(wnids(wordNet.nounSenses("zyrian")), QStringList({"n06957042"}));
        QVERIFY(wordNet.nounSenses("").empty());
        QVERIFY(wordNet.nounSenses("no such lemma at all").empty());
    }

    void hypernymPath()
    {
        const WordNet wordNet = WordNet::open();
        const std::vector<Synset> path = wordNet.hypernymPath(kSandal);
        QVERIFY(path.size() > 3);
        QCOMPARE(path.front().wnid, kSandal);
        QCOMPARE(path[1].wnid, std::string("n04199027")); // shoe
        QCOMPARE(path.back().wnid, kEntity);
        QCOMPARE(path.back().lemmas, std::vector<std::string>{"entity"});
        for (std::size_t i = 1; i < path.size(); ++i)
            QCOMPARE(path[i].wnid, path[i - 1].hypernyms.front());
        QCOMPARE(wordNet.hypernymPath(kEntity).size(), std::size_t(1));
        QVERIFY(wordNet.hypernymPath("n00000001").empty());
    }

    void malformedWnids()
    {
        const WordNet wordNet = WordNet::open();
        for (const char* wnid : {"", "n", "04133789", "v04133789", "n0413378", "n041337890", "n0413378x",
                                 "n00000000", "n00000001", "n04133790", "n99999999"})
            QVERIFY2(!wordNet.synset(wnid), wnid);
    }

    void missingFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.path().toStdString();
        try {
            WordNet::open(path);
            QFAIL("no InputError");
        } catch (const InputError& error) {
            QVERIFY2(std::string(error.what()).find(path + "/index.noun") != std::string::npos, error.what());
        }
        std::ofstream(path + "/index.noun") << "a n 1 0 1 0 00000000\n";
        try {
            WordNet::open(path);
            QFAIL("no InputError");
        } catch (const InputError& error) {
            QVERIFY2(std::string(error.what()).find(path + "/data.noun") != std::string::npos, error.what());
        }
    }

    void malformedLines()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.path().toStdString();
        // Offsets are byte positions: the good line is 40 bytes, trailing blank included as in the real
        // files.
        const std::string good = "00000000 03 n 01 thing 0 000 | a thing \n";
        QCOMPARE(good.size(), std::size_t(40));
        const std::string bad = "00000040 03 n 02 stuff 0 001 @ 00000000 n 0000 | no second word\n";
        std::ofstream(path + "/data.noun") << good << bad;
        std::ofstream(path + "/index.noun") << "stuff n 1 1 @ 1 0 00000040\nthing n 1 0 1 0 00000000\n";
        const WordNet wordNet = WordNet::open(path);
        QCOMPARE(wordNet.synset("n00000000")->gloss, std::string("a thing"));
        QCOMPARE(wordNet.nounSenses("thing").size(), std::size_t(1));
        try {
            wordNet.synset("n00000040");
            QFAIL("no InputError");
        } catch (const InputError& error) {
            const std::string message = error.what();
            QVERIFY2(message.find(path + "/data.noun") != std::string::npos, error.what());
            QVERIFY2(message.find("offset 40") != std::string::npos, error.what());
        }
        QVERIFY_THROWS_EXCEPTION(InputError, wordNet.nounSenses("stuff"));
    }

    void salientImageNetGlosses()
    {
        const QString csvPath = QString(SALIENT_SHARED_DATA) + "/salient_imagenet/class_metadata.csv";
        QFile file(csvPath);
        if (!file.exists())
            QSKIP("no Salient ImageNet class metadata");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::vector<std::vector<std::string>> rows = parseCsv(file.readAll().toStdString());
        QVERIFY(!rows.empty());
        const std::vector<std::string>& header = rows.front();
        const auto column = [&](const std::string& name) {
            return int(std::find(header.begin(), header.end(), name) - header.begin());
        };
        const int wnidColumn = column("wordnet_id"), glossColumn = column("gloss");
        QVERIFY(wnidColumn < int(header.size()) && glossColumn < int(header.size()));
        QCOMPARE(rows.size(), std::size_t(1001));

        const WordNet wordNet = WordNet::open();
        QStringList mismatches;
        for (std::size_t i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i].size(), header.size());
            const std::string& wnid = rows[i][std::size_t(wnidColumn)];
            const std::optional<Synset> synset = wordNet.synset(wnid);
            if (!synset)
                mismatches << QString::fromStdString(wnid + ": not in WordNet");
            else if (trimmed(synset->gloss) != trimmed(rows[i][std::size_t(glossColumn)]))
                mismatches << QString::fromStdString(wnid + ": '" + synset->gloss + "' vs '" +
                                                     rows[i][std::size_t(glossColumn)] + "'");
        }
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join('\n')));
    }
};

QTEST_GUILESS_MAIN(TestWordNet)
#include "TestWordNet.moc"
