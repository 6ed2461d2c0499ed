#include "ui/dataset/MaskRendering.h"

#include <QColor>

#include <algorithm>
#include <cmath>

QImage loadImageForMask(const QString& path, const salient::SoftMask& mask)
{
    QImage image(path);
    if (image.isNull())
        return image;
    image = image.convertToFormat(QImage::Format_RGB32);
    if (image.width() == mask.width && image.height() == mask.height)
        return image;
    const QImage scaled =
        image.scaled(mask.width, mask.height, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
    return scaled.copy((scaled.width() - mask.width) / 2, (scaled.height() - mask.height) / 2, mask.width,
                       mask.height);
}

QRgb jetColour(float v)
{
    // Piecewise-linear JET: each channel a trapezoid over [0, 1].
    const auto channel = [](float x) {
        return std::clamp(1.5f - std::abs(4.0f * x), 0.0f, 1.0f);
    };
    v = std::clamp(v, 0.0f, 1.0f);
    return qRgb(int(255 * channel(v - 0.75f)), int(255 * channel(v - 0.5f)), int(255 * channel(v - 0.25f)));
}

QImage maskImage(const salient::SoftMask& mask)
{
    QImage image(mask.width, mask.height, QImage::Format_Grayscale8);
    for (int y = 0; y < mask.height; ++y)
        std::copy_n(mask.values.data() + std::size_t(y) * mask.width, mask.width, image.scanLine(y));
    return image;
}

QImage renderMask(const QImage& source, const salient::SoftMask& mask, MaskStyle style)
{
    if (mask.empty())
        return source;
    const bool hasImage = !source.isNull() && source.width() == mask.width && source.height() == mask.height;
    const QImage image = hasImage ? source.convertToFormat(QImage::Format_RGB32) : QImage();
    QImage out(mask.width, mask.height, QImage::Format_RGB32);
    const auto value = [&](int x, int y) {
        return float(mask.values[std::size_t(y) * mask.width + x]) / 255.0f;
    };
    if (style == MaskStyle::Heatmap) {
        std::vector<float> sum(std::size_t(mask.width) * mask.height * 3);
        float top = 1e-6f;
        for (int y = 0; y < mask.height; ++y)
            for (int x = 0; x < mask.width; ++x) {
                const QRgb jet = jetColour(value(x, y));
                const QRgb pixel = hasImage ? image.pixel(x, y) : qRgb(0, 0, 0);
                float* s = &sum[(std::size_t(y) * mask.width + x) * 3];
                s[0] = (qRed(jet) + qRed(pixel)) / 255.0f;
                s[1] = (qGreen(jet) + qGreen(pixel)) / 255.0f;
                s[2] = (qBlue(jet) + qBlue(pixel)) / 255.0f;
                top = std::max({top, s[0], s[1], s[2]});
            }
        for (int y = 0; y < mask.height; ++y)
            for (int x = 0; x < mask.width; ++x) {
                const float* s = &sum[(std::size_t(y) * mask.width + x) * 3];
                out.setPixel(x, y, qRgb(int(255 * s[0] / top), int(255 * s[1] / top), int(255 * s[2] / top)));
            }
        return out;
    }
    for (int y = 0; y < mask.height; ++y)
        for (int x = 0; x < mask.width; ++x) {
            const QRgb pixel = hasImage ? image.pixel(x, y) : qRgb(128, 128, 128);
            const float m = value(x, y);
            if (style == MaskStyle::Cutout) {
                out.setPixel(x, y, qRgb(int(qRed(pixel) * m), int(qGreen(pixel) * m), int(qBlue(pixel) * m)));
                continue;
            }
            // Contour: inside pixels with a neighbour outside.
            const bool inside = m >= 0.5f;
            bool edge = false;
            if (inside)
                for (const auto& [dx, dy] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                    const int nx = x + dx, ny = y + dy;
                    if (nx < 0 || ny < 0 || nx >= mask.width || ny >= mask.height || value(nx, ny) < 0.5f)
                        edge = true;
                }
            out.setPixel(x, y, edge ? qRgb(255, 0, 0) : pixel);
        }
    return out;
}
