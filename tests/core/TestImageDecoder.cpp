// Decoding against OpenCV in Python: grayscale, alpha, 16-bit, JPEG; damaged input is an error. The
// preprocessing geometry against torchvision on real photographs. Hostile input: files whose header
// declares a huge size are refused before decoding, a truncated JPEG is refused.
#include "TestSupport.h"

#include "base/Errors.h"
#include "core/ImageDecoder.h"
#include "core/ImageHeader.h"
#include "core/Preprocessing.h"

#include <opencv2/imgcodecs.hpp>

#include <QTemporaryDir>

#include <cstring>
#include <fstream>
#include <functional>

using namespace salient;
using namespace salient::test;

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void writeBytes(const std::string& path, const Bytes& bytes)
{
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

void appendBigEndian(Bytes& bytes, std::uint32_t value, int size)
{
    for (int i = size - 1; i >= 0; --i)
        bytes.push_back(std::uint8_t(value >> (8 * i)));
}

/// PNG's chunk CRC (ISO 3309), so the bomb is a well-formed PNG that libpng would start to inflate.
std::uint32_t pngCrc(const Bytes& bytes, std::size_t from)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = from; i < bytes.size(); ++i) {
        crc ^= bytes[i];
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

void appendPngChunk(Bytes& png, const char* type, const Bytes& data)
{
    appendBigEndian(png, std::uint32_t(data.size()), 4);
    const std::size_t start = png.size();
    png.insert(png.end(), type, type + 4);
    png.insert(png.end(), data.begin(), data.end());
    appendBigEndian(png, pngCrc(png, start), 4);
}

/// An RGB PNG whose IHDR declares `width` x `height`, with a tiny zlib stream as its only IDAT.
Bytes pngDeclaring(std::uint32_t width, std::uint32_t height)
{
    Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    Bytes header;
    appendBigEndian(header, width, 4);
    appendBigEndian(header, height, 4);
    header.insert(header.end(), {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
    appendPngChunk(png, "IHDR", header);
    appendPngChunk(png, "IDAT", {0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}); // zlib of nothing
    appendPngChunk(png, "IEND", {});
    return png;
}

/// A real JPEG whose SOF0 is rewritten to declare `width` x `height`, behind an APP15 segment holding a
/// decoy SOF0 of 16 x 16 that a reader must skip by the segment's length.
Bytes jpegDeclaring(const Bytes& jpeg, std::uint16_t width, std::uint16_t height)
{
    Bytes patched = jpeg;
    for (std::size_t i = 2; i + 8 < patched.size(); ++i)
        if (patched[i] == 0xFF && patched[i + 1] == 0xC0) {
            patched[i + 5] = std::uint8_t(height >> 8), patched[i + 6] = std::uint8_t(height);
            patched[i + 7] = std::uint8_t(width >> 8), patched[i + 8] = std::uint8_t(width);
            break;
        }
    const Bytes decoy = {0xFF, 0xEF, 0x00, 0x0B, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10};
    patched.insert(patched.begin() + 2, decoy.begin(), decoy.end());
    return patched;
}

/// The ImageError's message, or a note that none was thrown.
QString imageErrorOf(const std::function<void()>& run)
{
    try {
        run();
    } catch (const ImageError& e) {
        return e.what();
    }
    return "no ImageError";
}

} // namespace

class TestImageDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesLikeOpenCvInPython_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* name : {"gray8.png", "gray16.png", "bgra8.png", "bgr16.png", "bgr8.jpg"})
            QTest::newRow(name) << name;
    }

    void decodesLikeOpenCvInPython()
    {
        QFETCH(QString, file);
        const Image image = decodeImageFile(fixture(file.toStdString()));
        const at::Tensor expected = expectedTensor("decoder_expected.pt", file.toStdString());
        QCOMPARE(image.height, int(expected.size(0)));
        QCOMPARE(image.width, int(expected.size(1)));
        at::Tensor actual = at::empty({image.height, image.width, 3});
        std::memcpy(actual.data_ptr<float>(), image.pixels.data(), image.pixels.size() * sizeof(float));
        SALIENT_COMPARE_TENSORS(actual, expected, 1e-6);
    }

    void preprocessesLikeTorchvision_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* name :
             {"astronaut.png", "chelsea_q90.jpg", "coffee_500x375.jpg", "coffee_333x500.png",
              "camera_gray.png", "chelsea_small_150x100.jpg", "astronaut_alpha.png"})
            QTest::newRow(name) << name;
    }

    /// Decode, Resize(256), CenterCrop(224) as torchvision does them on PIL images: within one 8-bit step.
    void preprocessesLikeTorchvision()
    {
        QFETCH(QString, file);
        const Image image =
            resizeAndCentreCrop(decodeImageFile(fixture("photos/" + file.toStdString())), 256, 224);
        const at::Tensor expected = expectedTensor("torchvision_expected.pt", file.toStdString());
        QCOMPARE(image.width, 224);
        QCOMPARE(image.height, 224);
        at::Tensor actual = at::empty({image.height, image.width, 3});
        std::memcpy(actual.data_ptr<float>(), image.pixels.data(), image.pixels.size() * sizeof(float));
        const double largest = (actual.permute({2, 0, 1}) - expected).abs().max().item<double>();
        const double meanOff = (actual.permute({2, 0, 1}) - expected).abs().mean().item<double>();
        qInfo("largest difference %.3f / 255, mean %.5f / 255", largest * 255.0, meanOff * 255.0);
        QVERIFY2(largest <= 1.0 / 255.0 + 1e-6, qPrintable(QString("off by %1 / 255").arg(largest * 255.0)));
    }

    void sixteenBitKeepsPrecision()
    {
        const Image image = decodeImageFile(fixture("gray16.png"));
        // (x * 2000 + y * 900) % 65536 at x = 1, y = 0: not a multiple of 257, so not representable in 8
        // bits.
        QCOMPARE(image.at(1, 0, 0), float(2000.0 / 65535.0));
    }

    void badInputIsAnError_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("damaged PNG") << "not_an_image.png"
                                     << "not a readable JPEG or PNG";
        QTest::newRow("empty") << "empty.pt"
                               << "empty file";
        QTest::newRow("missing") << "missing.png"
                                 << "cannot open";
    }

    void badInputIsAnError()
    {
        QFETCH(QString, file);
        QFETCH(QString, message);
        try {
            decodeImageFile(fixture(file.toStdString()));
            QFAIL("decoding should have failed");
        } catch (const ImageError& e) {
            QVERIFY2(QString(e.what()).contains(file) && QString(e.what()).contains(message), e.what());
        }
    }

    void init() { m_dir = std::make_unique<QTemporaryDir>(); }

    void cleanup()
    {
        resetDecodeLimits();
        qunsetenv(MaxImagePixelsVariable);
    }

    /// A 20000 x 20000 PNG and a 30000 x 30000 JPEG header are refused from the header: the message
    /// carries the declared size, which only the header knows (decoding them takes minutes and gigabytes).
    void declaredBombsAreRefusedBeforeDecoding()
    {
        const std::string png = path("bomb.png"), jpeg = path("bomb.jpg");
        writeBytes(png, pngDeclaring(20000, 20000));
        writeBytes(jpeg, jpegDeclaring(readBytes(fixture("bgr8.jpg")), 30000, 30000));
        QString message = imageErrorOf([&] { decodeImageFile(png); });
        QVERIFY2(message.contains("bomb.png") && message.contains("20000 x 20000") &&
                     message.contains(QString::number(DecodeLimits::DefaultMaxPixels)),
                 qPrintable(message));
        message = imageErrorOf([&] { decodeImageFile(jpeg); });
        QVERIFY2(message.contains("bomb.jpg") && message.contains("30000 x 30000"), qPrintable(message));
        message = imageErrorOf([&] { decodeImageBytes(readBytes(jpeg), "in memory"); });
        QVERIFY2(message.contains("in memory: the JPEG header declares 30000 x 30000"), qPrintable(message));
    }

    /// The limit is width * height, set in the API or by SALIENT_MAX_IMAGE_PIXELS; 0 turns it off.
    void theLimitIsConfigurable()
    {
        const std::string photo = fixture("photos/chelsea_q90.jpg");
        const Image image = decodeImageFile(photo);
        const std::uint64_t pixels = std::uint64_t(image.width) * std::uint64_t(image.height);
        QCOMPARE(decodeImageFile(photo, DecodeLimits{pixels}).width, image.width);
        QVERIFY(imageErrorOf([&] {
                    decodeImageFile(photo, DecodeLimits{pixels - 1});
                }).contains("chelsea_q90.jpg"));

        qputenv(MaxImagePixelsVariable, QByteArray::number(qulonglong(pixels - 1)));
        QVERIFY(imageErrorOf([&] { decodeImageFile(photo); }).contains("more than the limit"));
        setDecodeLimits(DecodeLimits{0});
        QCOMPARE(decodeImageFile(photo).width, image.width); // the setting wins over the variable
        resetDecodeLimits();
        qputenv(MaxImagePixelsVariable, "lots");
        try {
            decodeImageFile(photo);
            QFAIL("a malformed SALIENT_MAX_IMAGE_PIXELS should be an error");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("SALIENT_MAX_IMAGE_PIXELS") &&
                         QString(e.what()).contains("lots"),
                     e.what());
        }
    }

    /// A JPEG cut short decodes with grey rows in libjpeg; it is refused. Bytes after the end-of-image
    /// marker are allowed, and an end-of-image marker inside an APP segment does not count.
    void truncatedJpegIsRefused()
    {
        const Bytes whole = readBytes(fixture("photos/chelsea_q90.jpg"));
        QVERIFY(whole.size() > 1000);
        Bytes cut(whole.begin(), whole.begin() + std::ptrdiff_t(whole.size() * 2 / 3));
        const Bytes appWithEoi = {0xFF, 0xE1, 0x00, 0x06, 0xFF, 0xD9, 0xFF, 0xD9};
        cut.insert(cut.begin() + 2, appWithEoi.begin(), appWithEoi.end());
        writeBytes(path("cut.jpg"), cut);
        const QString message = imageErrorOf([&] { decodeImageFile(path("cut.jpg")); });
        QVERIFY2(message.contains("cut.jpg: truncated JPEG (no end-of-image marker)"), qPrintable(message));

        const Image reference = decodeImageFile(fixture("photos/chelsea_q90.jpg"));
        Bytes trailing = whole;
        trailing.insert(trailing.end(), {0xFF, 0x00, 0x12, 0xFF, 0xD8, 0xFF, 0x34});
        writeBytes(path("trailing.jpg"), trailing);
        const Image decoded = decodeImageFile(path("trailing.jpg"));
        QCOMPARE(decoded.width, reference.width);
        QVERIFY(decoded.pixels == reference.pixels);
    }

    /// The header readers of the other formats OpenCV decodes, on files OpenCV writes.
    void headersOfEveryFormatGiveTheSize_data()
    {
        QTest::addColumn<QString>("extension");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("quality"); // WebP: above 100 writes lossless (VP8L)
        QTest::newRow("png") << ".png"
                             << "PNG" << 0;
        QTest::newRow("jpeg") << ".jpg"
                              << "JPEG" << 0;
        QTest::newRow("bmp") << ".bmp"
                             << "BMP" << 0;
        QTest::newRow("tiff") << ".tiff"
                              << "TIFF" << 0;
        QTest::newRow("webp lossy") << ".webp"
                                    << "WebP" << 80;
        QTest::newRow("webp lossless") << ".webp"
                                       << "WebP" << 101;
    }

    void headersOfEveryFormatGiveTheSize()
    {
        QFETCH(QString, extension);
        QFETCH(QString, format);
        QFETCH(int, quality);
        if (!cv::haveImageWriter(extension.toStdString()))
            QSKIP("this OpenCV cannot write the format");
        const cv::Mat image(23, 37, CV_8UC3, cv::Scalar(10, 200, 90));
        std::vector<uchar> encoded;
        std::vector<int> parameters;
        if (quality)
            parameters = {cv::IMWRITE_WEBP_QUALITY, quality};
        QVERIFY(cv::imencode(extension.toStdString(), image, encoded, parameters));
        const std::optional<ImageHeader> header = readImageHeader(encoded);
        QVERIFY(header);
        QCOMPARE(QString::fromStdString(header->format), format);
        QCOMPARE(header->width, std::uint64_t(37));
        QCOMPARE(header->height, std::uint64_t(23));
        QVERIFY(!header->truncated);
        QVERIFY(!imageErrorOf([&] {
                     checkEncodedImage(encoded, "x", DecodeLimits{37 * 23 - 1});
                 }).contains("no ImageError"));
    }

private:
    std::string path(const std::string& name) const
    {
        return m_dir->filePath(QString::fromStdString(name)).toStdString();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TestImageDecoder)
#include "TestImageDecoder.moc"
