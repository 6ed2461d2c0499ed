#pragma once

#include "database/Studies.h"

#include <QVector>
#include <QWidget>

#include <memory>
#include <optional>
#include <string>
#include <vector>

class JobRunner;
class PictureTile;
class QLabel;

namespace salient {
class EvidenceSession;
}

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
    ~ValidationHitPage() override;

    void setWorkspace(const QString& workspacePath);
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
    void startNext();
    void setHeatmap(qint64 hitId, int position, const QImage& image, const QString& caption);

    struct Request
    {
        qint64 hitId = -1;
        int feature = 0;
        std::vector<std::string> images;
    };

    QString m_path;
    qint64 m_hitId = -1;
    int m_topCount = 0; ///< heatmap positions below this are of top images
    int m_expected = 0; ///< pictures of the shown HIT
    std::shared_ptr<salient::EvidenceSession> m_session;
    JobRunner* m_runner = nullptr;
    std::optional<Request> m_pending;
    QLabel* m_heading = nullptr;
    QLabel* m_details = nullptr;
    QVector<QLabel*> m_rowTitles;
    QVector<PictureTile*> m_tiles;
};
