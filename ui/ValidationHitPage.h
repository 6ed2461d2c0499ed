#pragma once

#include "database/Studies.h"

#include <QVector>
#include <QWidget>

class PictureTile;
class QLabel;

/// The evidence of a validation HIT: the top and the bottom images of the pair's generalisation set (the
/// images labelled as the class that activate the feature most), each above its heatmap.
class ValidationHitPage : public QWidget
{
    Q_OBJECT

public:
    static constexpr int PicturesPerRow = 5;
    enum Row
    {
        TopImages,
        TopHeatmaps,
        BottomImages,
        BottomHeatmaps,
        RowCount
    };

    explicit ValidationHitPage(QWidget* parent = nullptr);

    void setWorkspace(const QString& workspacePath);
    void showHit(const salient::Hit& hit);

    PictureTile* tile(Row row, int index) const;
    int picturesShown() const;

private:
    void enlarge(Row row, int index);

    QString m_path;
    QLabel* m_heading = nullptr;
    QLabel* m_details = nullptr;
    QVector<QLabel*> m_rowTitles;
    QVector<PictureTile*> m_tiles;
};
