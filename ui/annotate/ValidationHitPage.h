#pragma once

#include "database/Studies.h"

#include <QVector>
#include <QWidget>

#include <memory>
#include <optional>
#include <string>
#include <vector>

class LatestJobRunner;
class PictureTile;
class QLabel;
class WorkspaceSession;

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

    explicit ValidationHitPage(WorkspaceSession* session, QWidget* parent = nullptr);
    ~ValidationHitPage() override;

    void clear();
    void showHit(const salient::Hit& hit);

    PictureTile* tile(Row row, int index) const;
    int picturesShown() const;

Q_SIGNALS:
    /// Every image and heatmap of the shown HIT is on screen.
    void evidenceShown();

private:
    void enlarge(Row row, int index);
    /// Renders the heatmaps off the GUI thread (the model is loaded once); the latest HIT wins.
    void requestHeatmaps(qint64 hitId, int feature, const std::vector<std::string>& images);
    void setHeatmap(qint64 hitId, int position, const QImage& image, const QString& caption);

    WorkspaceSession* m_session = nullptr;
    qint64 m_hitId = -1;
    int m_topCount = 0; ///< heatmap positions below this are of top images
    int m_expected = 0; ///< pictures of the shown HIT
    LatestJobRunner* m_runner = nullptr;
    QLabel* m_heading = nullptr;
    QLabel* m_details = nullptr;
    QVector<QLabel*> m_rowTitles;
    QVector<PictureTile*> m_tiles;
};
