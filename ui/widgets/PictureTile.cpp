#include "ui/widgets/PictureTile.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionFocusRect>

#include <algorithm>

PictureTile::PictureTile(QWidget* parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void PictureTile::setPlaceholder(const QString& text)
{
    m_image = QImage();
    m_placeholder = text;
    update();
}

void PictureTile::setImage(const QImage& image)
{
    m_image = image;
    update();
}

void PictureTile::setCaption(const QString& caption)
{
    m_caption = caption;
    setToolTip(caption);
    update();
}

QSize PictureTile::sizeHint() const
{
    const int side = fontMetrics().height() * 8;
    return {side, heightForWidth(side)};
}

QSize PictureTile::minimumSizeHint() const
{
    const int side = fontMetrics().height() * 4;
    return {side, heightForWidth(side)};
}

int PictureTile::heightForWidth(int width) const
{
    return width + fontMetrics().height() + 4;
}

void PictureTile::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const int captionHeight = fontMetrics().height() + 4;
    const int side = std::max(0, std::min(width(), height() - captionHeight));
    const QRect square((width() - side) / 2, 0, side, side);
    painter.fillRect(square, palette().color(QPalette::AlternateBase));
    if (!m_image.isNull()) {
        // Small images (48 x 48 in the demo) are enlarged with visible pixels rather than blurred.
        const bool enlarging = m_image.width() < side;
        painter.setRenderHint(QPainter::SmoothPixmapTransform, !enlarging);
        const QSize fitted = m_image.size().scaled(square.size(), Qt::KeepAspectRatio);
        const QRect target(square.center().x() - fitted.width() / 2,
                           square.center().y() - fitted.height() / 2, fitted.width(), fitted.height());
        painter.drawImage(target, m_image);
    } else {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(square.adjusted(4, 4, -4, -4), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
    }
    if (hasFocus()) {
        QStyleOptionFocusRect option;
        option.initFrom(this);
        option.rect = square.adjusted(1, 1, -1, -1);
        style()->drawPrimitive(QStyle::PE_FrameFocusRect, &option, &painter, this);
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawRect(square.adjusted(1, 1, -1, -1));
    }
    painter.setPen(palette().color(QPalette::WindowText));
    const QRect captionRect(0, side + 2, width(), captionHeight - 2);
    painter.drawText(captionRect, Qt::AlignHCenter | Qt::AlignTop,
                     fontMetrics().elidedText(m_caption, Qt::ElideMiddle, width()));
}

void PictureTile::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        Q_EMIT activated();
}

void PictureTile::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space) {
        Q_EMIT activated();
        return;
    }
    QWidget::keyPressEvent(event);
}

int PictureTile::countShown(const QVector<PictureTile*>& tiles)
{
    return int(std::count_if(tiles.begin(), tiles.end(), [](const PictureTile* t) { return t->hasImage(); }));
}
