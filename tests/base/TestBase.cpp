// The base library: number parsing as people type numbers, the atomic file writer and the exit code
// each kind of error gives.
#include "base/AtomicFile.h"
#include "base/Errors.h"
#include "base/Parse.h"
#include "base/Text.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

using namespace salient;

class TestBase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesWholeNumbers()
    {
        QCOMPARE(parseInt("42"), std::optional<int>(42));
        QCOMPARE(parseInt("-7"), std::optional<int>(-7));
        QCOMPARE(parseInt64("9007199254740993"), std::optional<std::int64_t>(9007199254740993LL));
        QCOMPARE(parseUint64("18446744073709551615"),
                 std::optional<std::uint64_t>(std::numeric_limits<std::uint64_t>::max()));
        // What std::stoi would take but a person did not mean as a whole number.
        for (const char* text : {"", " 4", "4 ", "+4", "0x4", "4.0", "1e0", "4a", "--4", "2147483648"})
            QVERIFY2(!parseInt(text).has_value(), text);
        QVERIFY(!parseUint64("-1").has_value());
    }

    void parsesDoubles()
    {
        QCOMPARE(parseDouble("0.25"), std::optional<double>(0.25));
        QCOMPARE(parseDouble("-1e-3"), std::optional<double>(-1e-3));
        QCOMPARE(parseDouble("3"), std::optional<double>(3.0));
        for (const char* text : {"", "nan", "inf", "-inf", "1e999", "0.5x", " 0.5", "0,5", "0x1p3"})
            QVERIFY2(!parseDouble(text).has_value(), text);
    }

    void requireNamesTheValue()
    {
        QCOMPARE(requireInt("12", "--steps"), 12);
        try {
            requireInt("twelve", "--steps");
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(QString(e.what()), QString("--steps needs a whole number, not 'twelve'"));
        }
        QVERIFY_THROWS_EXCEPTION(InputError, requireDouble("nan", "sigma"));
    }

    void countsAndPercentages()
    {
        QCOMPARE(counted(1, "answer"), std::string("1 answer"));
        QCOMPARE(counted(0, "answer"), std::string("0 answers"));
        QCOMPARE(counted(2, "class", "classes"), std::string("2 classes"));
        QCOMPARE(percentText(0.806), std::string("80.6 %"));
        QCOMPARE(percentText(0.29546, 2), std::string("29.55 %"));
        QCOMPARE(fixedText(0.5, 3), std::string("0.500"));
        QCOMPARE(numberText(-1.0), std::string("-1"));
        QCOMPARE(numberText(0.25), std::string("0.25"));
    }

    /// "Alíce" with a composed í and with i + combining acute is one name; bytes that are not UTF-8
    /// are refused naming what they were meant to be.
    void namesAreNormalisedToNfc()
    {
        const std::string composed = "Al\xc3\xad"
                                     "ce",
                          decomposed = "Ali\xcc\x81"
                                       "ce";
        QVERIFY(composed != decomposed);
        QCOMPARE(normalizedUtf8(decomposed, "the name"), composed);
        QCOMPARE(normalizedUtf8(composed, "the name"), composed);
        QCOMPARE(normalizedUtf8("", "the name"), std::string());
        try {
            normalizedUtf8("Al\xff"
                           "ce",
                           "the annotator name");
            QFAIL("invalid UTF-8 must be refused");
        } catch (const InputError& e) {
            QCOMPARE(QString(e.what()), QString("the annotator name is not valid UTF-8 text"));
        }
        QVERIFY_THROWS_EXCEPTION(InputError, normalizedUtf8("\xc3", "x")); // cut short
    }

    void exitCodes()
    {
        QCOMPARE(exitCodeFor(InputError("x")), ExitCode::BadInput);
        QCOMPARE(exitCodeFor(UsageError("x")), ExitCode::BadInput);
        QCOMPARE(exitCodeFor(ModelError("x")), ExitCode::BadInput);
        QCOMPARE(exitCodeFor(ImageError("x")), ExitCode::BadInput);
        QCOMPARE(exitCodeFor(DatabaseError("x")), ExitCode::Failure);
        QCOMPARE(exitCodeFor(JobCancelled()), ExitCode::Failure);
        QCOMPARE(exitCodeFor(std::runtime_error("x")), ExitCode::Failure);
    }

    void atomicWriteReplacesWholeFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("settings.json").toStdString();
        writeFileAtomically(path, "first version, longer than the second");
        writeFileAtomically(path, std::string("second\0binary", 13));
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("second\0binary", 13));
        // Nothing but the file itself is left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"settings.json"});
    }

    void atomicWriteNamesTheFileItCannotWrite()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("missing-folder/out.txt").toStdString();
        try {
            writeFileAtomically(path, "x");
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("missing-folder/out.txt"), e.what());
        }
        QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBase)
#include "TestBase.moc"
