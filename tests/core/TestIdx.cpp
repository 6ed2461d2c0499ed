// The IDX reader on Debian's Fashion-MNIST files and on crafted damaged ones.
#include "base/Errors.h"
#include "core/demo/Idx.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <numeric>

using namespace salient;

namespace {

std::vector<std::uint8_t> idxBytes(std::uint8_t type, std::vector<std::uint32_t> dims, std::size_t dataSize)
{
    std::vector<std::uint8_t> bytes{0, 0, type, std::uint8_t(dims.size())};
    for (std::uint32_t d : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes.push_back(std::uint8_t(d >> shift));
    for (std::size_t i = 0; i < dataSize; ++i)
        bytes.push_back(std::uint8_t(i));
    return bytes;
}

QString fashionFile(const QString& name)
{
    return QString(kDebianFashionMnistDir) + "/" + name;
}

} // namespace

class TestIdx : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsDebianFashionMnist()
    {
        const FashionMnistSplit train = readFashionMnist(kDebianFashionMnistDir, "train");
        QCOMPARE(train.images.count(), std::size_t(60000));
        QCOMPARE(train.images.itemSize(), std::size_t(784));
        // Values read independently with Python's gzip module.
        const std::vector<std::uint8_t> firstLabels(train.labels.values.begin(),
                                                    train.labels.values.begin() + 10);
        QCOMPARE(firstLabels, (std::vector<std::uint8_t>{9, 0, 0, 3, 0, 2, 7, 2, 5, 5}));
        QCOMPARE(std::accumulate(train.images.values.begin(), train.images.values.begin() + 784, 0), 76247);

        const FashionMnistSplit test = readFashionMnist(kDebianFashionMnistDir, "t10k");
        QCOMPARE(test.labels.count(), std::size_t(10000));
        QCOMPARE(int(test.labels.values[1]), 2);
    }

    void parsesACraftedFile()
    {
        const IdxArray array = parseIdx(idxBytes(0x08, {2, 3}, 6), "crafted");
        QCOMPARE(array.dimensions, (std::vector<std::uint32_t>{2, 3}));
        QCOMPARE(int(array.values[5]), 5);
    }

    void rejectsDamagedFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        auto raw = [](const std::vector<std::uint8_t>& b) {
            return QByteArray(reinterpret_cast<const char*>(b.data()), int(b.size()));
        };
        QTest::newRow("bad magic") << QByteArray("\x01\x02\x08\x01\x00\x00\x00\x01\x05", 9)
                                   << "bad magic number";
        QTest::newRow("float type") << raw(idxBytes(0x0D, {2}, 8)) << "0x0D (float) is not supported";
        QTest::newRow("truncated data") << raw(idxBytes(0x08, {10, 10}, 50)) << "truncated file";
        QTest::newRow("trailing data")
            << raw(idxBytes(0x08, {4}, 9)) << "announce 4 bytes of data but 9 follow";
        QTest::newRow("truncated header") << raw(idxBytes(0x08, {4, 4}, 0)).left(8) << "truncated IDX header";
        QTest::newRow("no dimensions") << raw(idxBytes(0x08, {}, 0)) << "no dimensions";
        QTest::newRow("huge") << raw(idxBytes(0x08, {0x10000, 0x10000, 2}, 0)) << "more than 4 GiB";
        QTest::newRow("empty") << QByteArray() << "bad magic number";
    }

    void rejectsDamagedFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath("damaged.idx");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        try {
            readIdxFile(path.toStdString());
            QFAIL("reading should have failed");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).startsWith(path) && QString(e.what()).contains(message), e.what());
        }
    }

    void rejectsTruncatedGzip()
    {
        QTemporaryDir dir;
        QFile real(fashionFile("train-labels-idx1-ubyte.gz"));
        QVERIFY(real.open(QIODevice::ReadOnly));
        QFile cut(dir.filePath("cut.gz"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(real.read(real.size() / 2));
        cut.close();
        QVERIFY_THROWS_EXCEPTION(InputError, readIdxFile(cut.fileName().toStdString()));
    }

    void rejectsMismatchedSplit()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::link(fashionFile("t10k-images-idx3-ubyte.gz"),
                            dir.filePath("mixed-images-idx3-ubyte.gz")));
        QVERIFY(QFile::link(fashionFile("train-labels-idx1-ubyte.gz"),
                            dir.filePath("mixed-labels-idx1-ubyte.gz")));
        try {
            readFashionMnist(dir.path().toStdString(), "mixed");
            QFAIL("a mixed split should be refused");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("60000 labels for 10000 images"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(InputError, readFashionMnist(dir.path().toStdString(), "missing"));
    }
};

QTEST_GUILESS_MAIN(TestIdx)
#include "TestIdx.moc"
