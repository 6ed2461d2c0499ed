#include "ui/ValidationHitPage.h"

#include "ui/PictureTile.h"
#include "ui/PictureViewer.h"

#include "database/Workspace.h"
#include "pipeline/ClassCatalog.h"
#include "pipeline/GeneralisationSample.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace {

const char* const rowTitles[ValidationHitPage::RowCount] = {
    QT_TRANSLATE_NOOP("ValidationHitPage", "Top images: the feature is most active on these"),
    QT_TRANSLATE_NOOP("ValidationHitPage", "Highlighted visual attributes of the top images"),
    QT_TRANSLATE_NOOP("ValidationHitPage", "Bottom images: the last ones of the set"),
    QT_TRANSLATE_NOOP("ValidationHitPage", "Highlighted visual attributes of the bottom images"),
};

} // namespace

ValidationHitPage::ValidationHitPage(QWidget* parent) : QWidget(parent)
{
    setObjectName("validationHitPage");
    m_heading = new QLabel(this);
    QFont headingFont = font();
    headingFont.setPointSizeF(font().pointSizeF() * 1.3);
    headingFont.setWeight(QFont::Bold);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    m_details = new QLabel(this);
    m_details->setForegroundRole(QPalette::PlaceholderText);
    m_details->setWordWrap(true);

    // Top and bottom side by side, each image above its heatmap: the comparison the study asks for
    // fits on one screen.
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(fontMetrics().height() / 3);
    const int gapColumn = PicturesPerRow;
    grid->setColumnMinimumWidth(gapColumn, fontMetrics().height() * 2);
    QFont titleFont = font();
    titleFont.setWeight(QFont::DemiBold);
    for (int r = 0; r < RowCount; ++r) {
        auto* title = new QLabel(tr(rowTitles[r]), this);
        title->setFont(titleFont);
        title->setWordWrap(true);
        m_rowTitles.append(title);
        const bool bottom = r == BottomImages || r == BottomHeatmaps;
        const bool heatmaps = r == TopHeatmaps || r == BottomHeatmaps;
        const int firstColumn = bottom ? gapColumn + 1 : 0;
        const int gridRow = heatmaps ? 2 : 0;
        grid->addWidget(title, gridRow, firstColumn, 1, PicturesPerRow);
        for (int i = 0; i < PicturesPerRow; ++i) {
            auto* tile = new PictureTile(this);
            tile->setObjectName(QString("validation_%1_%2").arg(r).arg(i));
            connect(tile, &PictureTile::activated, this, [this, r, i] { enlarge(Row(r), i); });
            grid->addWidget(tile, gridRow + 1, firstColumn + i);
            grid->setColumnStretch(firstColumn + i, 1);
            m_tiles.append(tile);
        }
    }

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_details);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addLayout(grid);
    layout->addStretch(1);
}

PictureTile* ValidationHitPage::tile(Row row, int index) const
{
    return m_tiles[row * PicturesPerRow + index];
}

void ValidationHitPage::setWorkspace(const QString& workspacePath)
{
    m_path = workspacePath;
    m_heading->clear();
    m_details->clear();
    for (PictureTile* tile : m_tiles) {
        tile->setImage({});
        tile->setPlaceholder({});
        tile->setCaption({});
    }
}

void ValidationHitPage::showHit(const salient::Hit& hit)
{
    QString name = QString::fromStdString(hit.pair.wnid);
    m_details->setText(tr("HIT %1 · the images labelled as the class on which the feature is most active, "
                          "first and last of the set")
                           .arg(hit.id));
    for (PictureTile* tile : m_tiles) {
        tile->setImage({});
        tile->setPlaceholder(tr("Not available"));
        tile->setCaption({});
    }
    try {
        salient::Workspace workspace = salient::Workspace::open(m_path.toStdString(), false);
        name = QString::fromStdString(salient::describeClass(workspace, hit.pair.classIndex, 0).summary.name);
        const salient::GeneralisationSample sample =
            salient::generalisationSample(workspace, hit.pair.classIndex, hit.pair.feature, PicturesPerRow);
        auto fill = [this](Row row, const std::vector<salient::SampleImage>& images) {
            for (int i = 0; i < int(images.size()) && i < PicturesPerRow; ++i) {
                const salient::SampleImage& image = images[std::size_t(i)];
                const QImage picture(QString::fromStdString(image.path));
                if (picture.isNull())
                    tile(row, i)->setPlaceholder(
                        tr("Missing: %1").arg(QString::fromStdString(image.relative)));
                tile(row, i)->setImage(picture);
                tile(row, i)->setCaption(QString("%1 · %2")
                                             .arg(QString::fromStdString(image.relative).section('/', -1))
                                             .arg(QLocale().toString(image.activation, 'f', 2)));
            }
        };
        fill(TopImages, sample.top);
        fill(BottomImages, sample.bottom);
    } catch (const std::exception& e) {
        m_details->setText(tr("The images could not be read: %1").arg(QString::fromStdString(e.what())));
    }
    m_heading->setText(tr("Feature %1 of %2").arg(hit.pair.feature).arg(name));
}

int ValidationHitPage::picturesShown() const
{
    return int(std::count_if(m_tiles.begin(), m_tiles.end(), [](PictureTile* t) { return t->hasImage(); }));
}

void ValidationHitPage::enlarge(Row row, int index)
{
    QVector<PictureViewer::Picture> pictures;
    for (int i = 0; i < PicturesPerRow; ++i)
        pictures.append({tile(row, i)->image(), m_rowTitles[row]->text() + " — " + tile(row, i)->caption()});
    PictureViewer viewer(pictures, index, this);
    viewer.exec();
}
