#include "ui/widgets/PictureViewer.h"

#include "ui/widgets/PictureTile.h"

#include <QKeyEvent>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>

PictureViewer::PictureViewer(QVector<Picture> pictures, int current, QWidget* parent)
    : QDialog(parent), m_pictures(std::move(pictures))
{
    setObjectName("pictureViewer");
    m_picture = new QLabel(this);
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setMinimumSize(64, 64);
    m_picture->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_caption = new QLabel(this);
    m_caption->setAlignment(Qt::AlignCenter);
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* hint = new QLabel(tr("← → other pictures of this row · Esc closes"), this);
    hint->setAlignment(Qt::AlignCenter);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_picture, 1);
    layout->addWidget(m_caption);
    layout->addWidget(hint);
    const int side = fontMetrics().height() * 30;
    resize(side, side + fontMetrics().height() * 4);
    showPicture(current);
}

void PictureViewer::showPicture(int index)
{
    if (m_pictures.isEmpty())
        return;
    m_current = (index % m_pictures.size() + m_pictures.size()) % m_pictures.size();
    m_caption->setText(m_pictures[m_current].caption);
    setWindowTitle(m_pictures[m_current].caption);
    updatePixmap();
}

void PictureViewer::updatePixmap()
{
    if (m_pictures.isEmpty())
        return;
    const QImage& image = m_pictures[m_current].image;
    if (image.isNull()) {
        m_picture->setText(tr("Not rendered yet"));
        return;
    }
    const QSize target = image.size().scaled(m_picture->size(), Qt::KeepAspectRatio);
    // Pixel art stays crisp: the demo's 48 x 48 images are enlarged many times.
    const bool enlarging = target.width() > image.width();
    m_picture->setPixmap(QPixmap::fromImage(image.scaled(
        target, Qt::KeepAspectRatio, enlarging ? Qt::FastTransformation : Qt::SmoothTransformation)));
}

void PictureViewer::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Left) {
        showPicture(m_current - 1);
        return;
    }
    if (event->key() == Qt::Key_Right) {
        showPicture(m_current + 1);
        return;
    }
    QDialog::keyPressEvent(event);
}

void PictureViewer::resizeEvent(QResizeEvent* event)
{
    QDialog::resizeEvent(event);
    updatePixmap();
}

void PictureViewer::showRow(const QString& rowTitle, const QVector<PictureTile*>& row, int index,
                            QWidget* parent)
{
    QVector<Picture> pictures;
    for (const PictureTile* tile : row)
        pictures.append({tile->image(), rowTitle + " — " + tile->caption()});
    PictureViewer viewer(pictures, index, parent);
    viewer.exec();
}
