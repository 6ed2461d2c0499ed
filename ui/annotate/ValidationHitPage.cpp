#include "ui/annotate/ValidationHitPage.h"

#include "ui/widgets/LabelStyle.h"

#include "ui/widgets/LatestJobRunner.h"
#include "ui/widgets/PictureTile.h"
#include "ui/widgets/PictureViewer.h"
#include "ui/widgets/WorkspaceSession.h"

#include "database/Workspace.h"
#include "pipeline/ClassCatalog.h"
#include "pipeline/GeneralisationSample.h"
#include "pipeline/PairEvidence.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QMetaObject>
#include <QVBoxLayout>

namespace {

const char* const rowTitles[ValidationHitPage::RowCount] = {
    QT_TRANSLATE_NOOP("ValidationHitPage", "Top images: the feature is most active on these"),
    QT_TRANSLATE_NOOP("ValidationHitPage", "Highlighted visual attributes of the top images"),
    QT_TRANSLATE_NOOP("ValidationHitPage", "Bottom images: the last ones of the set"),
    QT_TRANSLATE_NOOP("ValidationHitPage", "Highlighted visual attributes of the bottom images"),
};

} // namespace

ValidationHitPage::ValidationHitPage(WorkspaceSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_runner(new LatestJobRunner(this))
{
    connect(session, &WorkspaceSession::opened, this, &ValidationHitPage::clear);
    connect(session, &WorkspaceSession::closed, this, &ValidationHitPage::clear);
    setObjectName("validationHitPage");
    const TitleLabels labels = makeTitleLabels(this);
    m_heading = labels.title;
    m_details = labels.details;

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

ValidationHitPage::~ValidationHitPage() = default;

PictureTile* ValidationHitPage::tile(Row row, int index) const
{
    return m_tiles[row * PicturesPerRow + index];
}

void ValidationHitPage::clear()
{
    m_runner->reset();
    m_hitId = -1;
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
    m_hitId = hit.id;
    m_expected = 0;
    m_details->setText(tr("HIT %1 · the images labelled as the class on which the feature is most active, "
                          "first and last of the set")
                           .arg(hit.id));
    for (PictureTile* tile : m_tiles) {
        tile->setImage({});
        tile->setPlaceholder(tr("Not available"));
        tile->setCaption({});
    }
    try {
        salient::Workspace& workspace = m_session->workspace();
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
        std::vector<std::string> images;
        for (const auto* half : {&sample.top, &sample.bottom})
            for (const salient::SampleImage& image : *half)
                images.push_back(image.relative);
        m_topCount = int(sample.top.size());
        m_expected = 2 * int(images.size());
        for (int i = 0; i < int(images.size()); ++i)
            tile(i < m_topCount ? TopHeatmaps : BottomHeatmaps, i < m_topCount ? i : i - m_topCount)
                ->setPlaceholder(tr("Rendering…"));
        requestHeatmaps(hit.id, hit.pair.feature, images);
    } catch (const std::exception& e) {
        m_details->setText(tr("The images could not be read: %1").arg(QString::fromStdString(e.what())));
    }
    m_heading->setText(tr("Feature %1 of %2").arg(hit.pair.feature).arg(name));
}

void ValidationHitPage::requestHeatmaps(qint64 hitId, int feature, const std::vector<std::string>& images)
{
    const std::shared_ptr<salient::EvidenceSession> session = m_session->evidence();
    if (!session)
        return;
    m_runner->request([this, session, hitId, feature, images](const salient::Job& job) {
        auto show = [&](const salient::EvidencePicture& picture) {
            if (picture.kind != salient::EvidenceKind::Heatmap)
                return;
            // Decoded here, off the GUI thread; QImage is safe to hand across threads.
            const QImage image(QString::fromStdString(picture.path));
            const QString caption = QString::fromStdString(picture.sourceImage).section('/', -1);
            QMetaObject::invokeMethod(
                this, [=] { setHeatmap(hitId, picture.position, image, caption); }, Qt::QueuedConnection);
        };
        forwardErrors(
            this, [&] { session->renderHeatmaps(feature, images, show, job); },
            [this, hitId](const QString& message) {
                if (hitId == m_hitId)
                    m_details->setText(tr("The heatmaps could not be rendered: %1").arg(message));
            });
    });
}

void ValidationHitPage::setHeatmap(qint64 hitId, int position, const QImage& image, const QString& caption)
{
    if (hitId != m_hitId)
        return;
    const bool top = position < m_topCount;
    const int index = top ? position : position - m_topCount;
    if (index < 0 || index >= PicturesPerRow)
        return;
    tile(top ? TopHeatmaps : BottomHeatmaps, index)->setImage(image);
    tile(top ? TopHeatmaps : BottomHeatmaps, index)->setCaption(caption);
    if (picturesShown() == m_expected)
        Q_EMIT evidenceShown();
}

int ValidationHitPage::picturesShown() const
{
    return PictureTile::countShown(m_tiles);
}

void ValidationHitPage::enlarge(Row row, int index)
{
    PictureViewer::showRow(m_rowTitles[row]->text(), m_tiles.mid(row * PicturesPerRow, PicturesPerRow), index,
                           this);
}
