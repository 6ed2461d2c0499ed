#pragma once

#include "core/dataset/SoftMask.h"

#include <QImage>
#include <QString>

/// How a soft mask is drawn over its image in the dataset browser.
enum class MaskStyle
{
    Heatmap, ///< the reference's JET heatmap: (jet(mask) + image) / max
    Contour, ///< the image with the outline of mask >= 0.5 in red
    Cutout,  ///< image * mask on black: what the feature sees
};

/// The image at the mask's size: unchanged when it already is, else its shorter side scaled to the
/// mask's and the centre cropped (as the model's preprocessing crops it). A null image when `path`
/// does not load.
QImage loadImageForMask(const QString& path, const salient::SoftMask& mask);

/// The JET colour of v in [0, 1] (blue -> cyan -> yellow -> red), as OpenCV's COLORMAP_JET.
QRgb jetColour(float v);

/// The mask over `image` (same size; a null image gives the mask alone) in `style`.
QImage renderMask(const QImage& image, const salient::SoftMask& mask, MaskStyle style);

/// The mask alone as a grayscale image.
QImage maskImage(const salient::SoftMask& mask);
