// SHA-256 against the FIPS 180-4 examples and coreutils' sha256sum.
#include "base/Sha256.h"

#include <QProcess>
#include <QTemporaryFile>
#include <QtTest>

using namespace salient;

namespace {

std::string hashOf(const std::string& text)
{
    Sha256 hash;
    hash.update(text.data(), text.size());
    return hash.hexDigest();
}

} // namespace

class TestSha256 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownVectors()
    {
        QCOMPARE(hashOf(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(hashOf("abc"),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(hashOf("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    }

    void fileMatchesSha256sum()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        QByteArray data;
        for (int i = 0; i < 3 * 1024 * 1024 + 17; ++i)
            data.append(char(i * 31 % 251));
        file.write(data);
        file.close();
        QProcess sum;
        sum.start("sha256sum", {file.fileName()});
        QVERIFY(sum.waitForFinished());
        const QString expected = QString::fromLatin1(sum.readAllStandardOutput()).section(' ', 0, 0);
        QCOMPARE(QString::fromStdString(sha256OfFile(file.fileName().toStdString())), expected);
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "TestSha256.moc"
