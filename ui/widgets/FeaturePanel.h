#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

class PictureTile;
class QLabel;

/// What an annotator sees of one (class, feature) pair, as the HIT showed it: "Top images" (the images
/// predicted as the class that activate the feature most), "Highlighted visual attributes" (their
/// heatmaps) and "Amplified visual attributes" (the images after the feature attack).
class FeaturePanel : public QWidget
{
    Q_OBJECT

public:
    enum Section
    {
        TopImages,
        Heatmaps,
        Attacks,
        SectionCount
    };
    Q_ENUM(Section)
    static constexpr int PicturesPerSection = 5;

    explicit FeaturePanel(QWidget* parent = nullptr);

    /// Starts showing a pair: heading and placeholders until the pictures arrive.
    void showPair(const QString& heading, const QString& details);
    void clear(const QString& message);
    void setPicture(Section section, int index, const QImage& image, const QString& caption);

    PictureTile* tile(Section section, int index) const;
    /// Pictures shown so far (of 15).
    int picturesShown() const;

Q_SIGNALS:
    /// All 15 pictures are on screen.
    void complete();

private:
    void enlarge(Section section, int index);

    QLabel* m_heading = nullptr;
    QLabel* m_details = nullptr;
    QVector<QLabel*> m_sectionTitles;
    QVector<PictureTile*> m_tiles;
};
