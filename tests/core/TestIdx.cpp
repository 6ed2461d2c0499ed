// The IDX reader on Debian's Fashion-MNIST files and on crafted damaged ones.
#include "PeakMemory.h"
#include "base/Errors.h"
#include "core/demo/Idx.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

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

/// `data` as one gzip member. Members concatenate into one gzip file, which is how a small file can
/// hold gigabytes: one packed member of zeros, written many times.
QByteArray gzipMember(const QByteArray& data)
{
    z_stream stream{};
    deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY); // +16: gzip framing
    QByteArray packed(int(deflateBound(&stream, uLong(data.size()))), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(packed.data());
    stream.avail_out = uInt(packed.size());
    deflate(&stream, Z_FINISH);
    packed.resize(int(stream.total_out));
    deflateEnd(&stream);
    return packed;
}

QByteArray raw(const std::vector<std::uint8_t>& bytes)
{
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), int(bytes.size()));
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
        QTest::newRow("bad magic") << QByteArray("\x01\x02\x08\x01\x00\x00\x00\x01\x05", 9)
                                   << "bad magic number";
        QTest::newRow("float type") << raw(idxBytes(0x0D, {2}, 8)) << "0x0D (float) is not supported";
        QTest::newRow("truncated data") << raw(idxBytes(0x08, {10, 10}, 50)) << "truncated file";
        QTest::newRow("trailing data")
            << raw(idxBytes(0x08, {4}, 9)) << "announce 4 bytes of data but 9 follow";
        QTest::newRow("truncated header") << raw(idxBytes(0x08, {4, 4}, 0)).left(8) << "truncated IDX header";
        QTest::newRow("no dimensions") << raw(idxBytes(0x08, {}, 0)) << "no dimensions";
        QTest::newRow("huge") << raw(idxBytes(0x08, {0x10000, 0x10000, 2}, 0))
                              << "more than the limit of 1073741824 bytes (1.0 GiB)";
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

    /// Gzip bombs are refused early: a header declaring more than the stream plausibly holds before
    /// anything is allocated, and a stream going on past what the header declares after reading at
    /// most the declared size and a little more.
    void refusesGzipBombsEarly_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        const QByteArray zeros = gzipMember(QByteArray(64 << 20, '\0'));
        // 100 images declared, 4 GiB of zeros after them in a 4 MB file.
        const QByteArray bomb = gzipMember(raw(idxBytes(0x08, {100, 28, 28}, 78400))) + zeros.repeated(64);
        QTest::newRow("4 GiB past the header")
            << bomb << "announce 78400 bytes of data but more than 1126976 bytes (1.1 MiB) follow";
        // 1 GiB declared (the limit) by a file of a few bytes.
        QTest::newRow("1 GiB from a tiny file")
            << gzipMember(raw(idxBytes(0x08, {1024, 1024, 1024}, 0))) << "refused as a decompression bomb";
    }

    void refusesGzipBombsEarly()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QFile file(dir.filePath("bomb-images-idx3-ubyte.gz"));
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size());
        file.close();
        const std::uint64_t base = test::resetPeakMemory();
        QElapsedTimer timer;
        timer.start();
        try {
            readIdxFile(file.fileName().toStdString());
            QFAIL("reading should have failed");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).startsWith(file.fileName()) && QString(e.what()).contains(message),
                     e.what());
        }
        const std::uint64_t grown = test::peakMemoryGrowth(base);
        qInfo("refused in %lld ms, peak memory +%llu MiB", timer.elapsed(),
              static_cast<unsigned long long>(grown >> 20));
        QVERIFY2(grown < std::uint64_t(64) << 20, qPrintable(QString::number(grown >> 20) + " MiB"));
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
