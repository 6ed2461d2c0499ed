// CSV reading and writing with quotes, commas and line breaks; malformed files name their file and line.
#include "StudyTestSupport.h"
#include "base/Csv.h"
#include "base/Errors.h"
#include "database/ClassMetadata.h"
#include "database/MturkCsv.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using salient::csvLine;
using salient::parseCsv;

namespace {

QString write(const QTemporaryDir& dir, const char* name, const QByteArray& text)
{
    QFile file(dir.filePath(name));
    file.open(QIODevice::WriteOnly);
    file.write(text);
    return file.fileName();
}

const QByteArray kHeader =
    "WorkerId,Input.wordnet_id,Input.class_index,Input.feature_index,Input.feature_rank,"
    "Answer.main,Answer.confidence,Answer.reasons\n";

} // namespace

class TestCsv : public QObject
{
    Q_OBJECT

private slots:
    void parsesQuotedFields()
    {
        const auto records = parseCsv("a,\"b,c\",\"d \"\"e\"\"\"\r\n\n\"multi\nline\",,x\n", "t.csv");
        QCOMPARE(records.size(), std::size_t(2));
        QCOMPARE(records[0].line, 1);
        QCOMPARE(records[0].fields, (std::vector<std::string>{"a", "b,c", "d \"e\""}));
        QCOMPARE(records[1].line, 3); // the blank line 2 is skipped
        QCOMPARE(records[1].fields, (std::vector<std::string>{"multi\nline", "", "x"}));
        QCOMPARE(parseCsv("\xEF\xBB\xBFh\n", "t.csv")[0].fields[0], std::string("h")); // BOM
        QCOMPARE(parseCsv("x,", "t.csv")[0].fields, (std::vector<std::string>{"x", ""}));
    }

    void writesMinimalQuoting()
    {
        QCOMPARE(csvLine({"plain", "with,comma", "with \"quote\"", "two\nlines", " space "}),
                 std::string("plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\nlines\", space \n"));
        const std::vector<std::string> fields = {"a,b", "\"", "", "x\r\ny"};
        QCOMPARE(parseCsv(csvLine(fields), "t.csv")[0].fields, fields);
    }

    void malformedCsvNamesFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("unterminated") << QByteArray("a,b\nc,\"never closed\nmore\n")
                                      << "t.csv:2: a quoted field that starts on this line is never closed";
        QTest::newRow("stray quote") << QByteArray("a,b\nc,d\"e\n")
                                     << "t.csv:2: a quote inside an unquoted field";
        QTest::newRow("after closing quote")
            << QByteArray("a\n\"x\ny\"z,1\n") << "t.csv:3: text after the closing quote";
    }

    void malformedCsvNamesFileAndLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        const QString error = invalidInputOf([&] { parseCsv(text.toStdString(), "t.csv"); });
        QVERIFY2(error.startsWith(message), qPrintable(error));
    }

    void readsTheMturkFixture()
    {
        const auto rows = salient::readMturkCsv(testDataFile("mturk_small.csv"));
        QCOMPARE(rows.size(), std::size_t(20));
        QCOMPARE(rows[0].workerId, std::string("11"));
        QCOMPARE(rows[0].wnid, std::string("n01440764"));
        QCOMPARE(rows[0].feature, 59);
        QCOMPARE(rows[0].confidence, 5);
        QCOMPARE(rows[2].reason, std::string("the \"tench\" itself, held by the angler"));
        QCOMPARE(rows[7].reason, std::string("fingers holding it\n(a second line in the reason)"));
        QCOMPARE(rows[7].line, 9);
        QCOMPARE(rows[8].line, 11); // after the two-line record
        QCOMPARE(rows[19].answer, std::string("main_object"));
    }

    void refusesBadMturkRows_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing column")
            << QByteArray("WorkerId,Input.wordnet_id\n1,n1\n") << ":1: no column Input.class_index";
        QTest::newRow("fields") << kHeader + "1,n1,0,5,1,background,4.0\n"
                                << ":2: 7 fields, the header has 8";
        QTest::newRow("answer") << kHeader + "1,n1,0,5,1,sky,4.0,the sky\n"
                                << ":2: Answer.main is 'sky', not main_object, separate_object or background";
        QTest::newRow("confidence") << kHeader + "1,n1,0,5,1,background,4.5,the sky\n"
                                    << ":2: Answer.confidence is '4.5', not a whole number from 1 to 5";
        QTest::newRow("confidence 6") << kHeader + "1,n1,0,5,1,background,6,the sky\n"
                                      << ":2: Answer.confidence is '6'";
        QTest::newRow("class") << kHeader + "1,n1,zero,5,1,background,4.0,x\n"
                               << ":2: Input.class_index is 'zero', not a whole number of at least 0";
        QTest::newRow("rank") << kHeader + "1,n1,0,5,0,background,4.0,x\n"
                              << ":2: Input.feature_rank is '0', not a whole number of at least 1";
        QTest::newRow("worker") << kHeader + ",n1,0,5,1,background,4.0,x\n"
                                << ":2: WorkerId is empty";
        QTest::newRow("empty file") << QByteArray() << ": the file is empty";
    }

    void refusesBadMturkRows()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = write(dir, "bad.csv", text);
        const QString error = invalidInputOf([&] { salient::readMturkCsv(path.toStdString()); });
        QVERIFY2(error.startsWith(path + message), qPrintable(error));
    }

    void mturkTextRoundTrip()
    {
        const std::string path = testDataFile("mturk_small.csv");
        QFile original(QString::fromStdString(path));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(QByteArray::fromStdString(salient::mturkCsvText(salient::readMturkCsv(path))),
                 original.readAll());
    }

    void readsClassMetadata()
    {
        const auto classes = salient::readClassMetadataCsv(testDataFile("class_metadata_small.csv"));
        QCOMPARE(classes.size(), std::size_t(3));
        QCOMPARE(classes[0].name, std::string("tench"));
        QCOMPARE(classes[0].synset, std::string("tench, Tinca tinca"));
        QCOMPARE(classes[0].supercategory, std::string("Reptiles, fish, amphibians"));
        QCOMPARE(classes[0].valSamples.size(), std::size_t(2));
        QCOMPARE(classes[1].wikilinks,
                 (std::vector<std::string>{"https://en.wikipedia.org/wiki/Goldfish",
                                           "https://en.wikipedia.org/wiki/Goldfish#Men's"}));
        QVERIFY(classes[2].wikilinks.empty());
        QCOMPARE(classes[2].name, std::string("great white shark"));
    }

    void pythonLists()
    {
        using salient::parsePythonStringList;
        QCOMPARE(parsePythonStringList("[ 'a' ,\"b'c\", 'd\\'e', ]"),
                 (std::vector<std::string>{"a", "b'c", "d'e"}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parsePythonStringList("['a'"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parsePythonStringList("['a' 'b']"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parsePythonStringList("'a'"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parsePythonStringList("[a]"));
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "TestCsv.moc"
