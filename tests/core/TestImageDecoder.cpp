// Decoding against OpenCV in Python: grayscale, alpha, 16-bit, JPEG; damaged input is an error. The
// preprocessing geometry against torchvision on real photographs.
#include "TestSupport.h"

#include "base/Errors.h"
#include "core/ImageDecoder.h"
#include "core/Preprocessing.h"

#include <cstring>

using namespace salient;
using namespace salient::test;

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
};

QTEST_GUILESS_MAIN(TestImageDecoder)
#include "TestImageDecoder.moc"
