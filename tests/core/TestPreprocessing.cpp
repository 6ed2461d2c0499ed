// Resize and centre crop: sizes and placement as torchvision's Resize(int) + CenterCrop.
#include "core/Preprocessing.h"

#include <QtTest>

using namespace salient;

namespace {

/// An image whose red channel encodes the column and green the row, so crops can be located.
Image coordinateImage(int width, int height)
{
    Image image;
    image.width = width;
    image.height = height;
    image.pixels.resize(std::size_t(width) * height * 3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            image.pixels[(std::size_t(y) * width + x) * 3] = float(x) / 1000.0f;
            image.pixels[(std::size_t(y) * width + x) * 3 + 1] = float(y) / 1000.0f;
        }
    return image;
}

} // namespace

class TestPreprocessing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cropWithoutResizeTakesTheCentre()
    {
        const Image out = resizeAndCentreCrop(coordinateImage(10, 8), 0, 4);
        QCOMPARE(out.width, 4);
        QCOMPARE(out.height, 4);
        // torchvision: top = round((8 - 4) / 2) = 2, left = round((10 - 4) / 2) = 3.
        QCOMPARE(out.at(0, 0, 0), 3.0f / 1000.0f);
        QCOMPARE(out.at(0, 0, 1), 2.0f / 1000.0f);
    }

    void resizeKeepsAspectOfTheShorterSide()
    {
        const Image out = resizeAndCentreCrop(coordinateImage(300, 200), 100, 0);
        QCOMPARE(out.height, 100);
        QCOMPARE(out.width, 150);
        const Image tall = resizeAndCentreCrop(coordinateImage(50, 120), 100, 0);
        QCOMPARE(tall.width, 100);
        QCOMPARE(tall.height, 240);
    }

    void smallImagesArePaddedWithBlack()
    {
        const Image out = resizeAndCentreCrop(coordinateImage(2, 2), 0, 4);
        QCOMPARE(out.width, 4);
        QCOMPARE(out.at(0, 0, 2), 0.0f);
        QCOMPARE(out.at(1, 1, 0), 0.0f);
    }

    /// A mask goes through the same geometry as its image, so it stays aligned with it.
    void planesFollowTheImageGeometry()
    {
        const Image image = coordinateImage(90, 60);
        Plane plane{90, 60, {}};
        for (std::size_t p = 0; p < image.pixels.size(); p += 3)
            plane.values.push_back(image.pixels[p]);
        for (const auto& [resize, crop] : {std::pair{40, 36}, std::pair{120, 100}, std::pair{0, 70}}) {
            const Image out = resizeAndCentreCrop(image, resize, crop);
            const Plane mask = resizeAndCentreCrop(plane, resize, crop);
            QCOMPARE(mask.width, out.width);
            QCOMPARE(mask.height, out.height);
            for (int y = 0; y < out.height; ++y)
                for (int x = 0; x < out.width; ++x)
                    QCOMPARE(mask.values[std::size_t(y * out.width + x)], out.at(x, y, 0));
        }
        const Plane stretched = resizePlane(Plane{2, 1, {0.0f, 1.0f}}, 4, 2);
        QCOMPARE(stretched.width, 4);
        QCOMPARE(stretched.values.front(), 0.0f);
        QCOMPARE(stretched.values.back(), 1.0f);
    }

    void describesItself()
    {
        QVERIFY(QString::fromStdString(Preprocessing::imageNet().describe())
                    .startsWith("resize 256, centre crop 224"));
    }
};

QTEST_GUILESS_MAIN(TestPreprocessing)
#include "TestPreprocessing.moc"
