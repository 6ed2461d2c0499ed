#pragma once

#include "ui/dataset/MaskRendering.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <memory>

class PictureTile;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QPushButton;
class DatasetPairModel;
class JobProgress;
class JobRunner;
class QTreeView;
class WorkspaceSession;

namespace salient {
class DatasetReader;
} // namespace salient

/// The Salient dataset's mask browser (the "Dataset" tab): per class its core and spurious features;
/// a grid of the chosen pair's images with their masks as heatmap, contour or cut-out; filters
/// (spurious only, background or separate object, agreement, confidence); per image the union of its
/// spurious masks and of its core masks (choose a class); a tile enlarges its image with all its masks.
class DatasetBrowser : public QWidget
{
    Q_OBJECT

public:
    /// Shows the dataset of the session's workspace (none open or no dataset: an empty browser with a
    /// hint), and follows it.
    explicit DatasetBrowser(WorkspaceSession* session, QWidget* parent = nullptr);
    ~DatasetBrowser() override;

    void reload();

    QTreeView* pairTree() const { return m_tree; }
    DatasetPairModel* pairModel() const { return m_pairs; }
    QComboBox* styleBox() const { return m_style; }
    QCheckBox* spuriousOnlyBox() const { return m_spuriousOnly; }
    QComboBox* subLabelBox() const { return m_subLabel; }
    QDoubleSpinBox* minimumAgreement() const { return m_minAgreement; }
    QDoubleSpinBox* minimumConfidence() const { return m_minConfidence; }
    QPushButton* exportButton() const { return m_exportButton; }
    QPushButton* buildButton() const { return m_buildButton; }
    JobRunner* buildRunner() const { return m_builder; }
    QLabel* hintLabel() const { return m_hint; }
    const QList<PictureTile*>& tiles() const { return m_tiles; }
    /// The images the grid shows (relative to the dataset's images root), tile by tile.
    const QStringList& tileImages() const { return m_tileImages; }

    /// The pair's images with their masks.
    void showPair(int classIndex, int feature);
    /// Every image of the class with the union of its spurious masks and of its core masks.
    void showUnions(int classIndex);
    /// Builds the pictures of one image: the image, each of its masks, and the two unions.
    QList<QPair<QImage, QString>> imagePictures(const QString& image) const;
    /// Opens the enlarged view of the grid's tile `index`.
    void enlarge(int index);

public Q_SLOTS:
    /// Builds the dataset from the latest discovery study off the GUI thread, resuming where an earlier
    /// build stopped (`salient dataset build`).
    void buildDataset();

Q_SIGNALS:
    void gridShown(int tiles);

private:
    void applyFilters();
    void redraw();
    void clearGrid();
    void addTile(const QImage& image, const QString& caption, const QString& imagePath);
    MaskStyle style() const;

    WorkspaceSession* m_session = nullptr;
    std::unique_ptr<salient::DatasetReader> m_reader;
    DatasetPairModel* m_pairs = nullptr;
    QTreeView* m_tree = nullptr;
    QComboBox* m_style = nullptr;
    QCheckBox* m_spuriousOnly = nullptr;
    QComboBox* m_subLabel = nullptr;
    QDoubleSpinBox* m_minAgreement = nullptr;
    QDoubleSpinBox* m_minConfidence = nullptr;
    QPushButton* m_exportButton = nullptr;
    QPushButton* m_buildButton = nullptr;
    JobRunner* m_builder = nullptr;
    JobProgress* m_buildProgress = nullptr;
    QLabel* m_hint = nullptr;
    QLabel* m_title = nullptr;
    QGridLayout* m_grid = nullptr;
    QList<PictureTile*> m_tiles;
    QStringList m_tileImages;
    int m_class = -1;
    int m_feature = -1; ///< -1: the class's unions
};
