#pragma once

#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

/// One picture of the evidence grid: scaled to fit with its aspect ratio kept, crisp (nearest pixels) when
/// enlarged from a small image, a placeholder text while it is being rendered, and a caption underneath.
/// Click, Enter or Space asks to enlarge it.
class PictureTile : public QWidget
{
    Q_OBJECT

public:
    explicit PictureTile(QWidget* parent = nullptr);

    void setPlaceholder(const QString& text);
    void setImage(const QImage& image);
    void setCaption(const QString& caption);

    bool hasImage() const { return !m_image.isNull(); }
    /// How many of `tiles` show their picture (not a placeholder).
    static int countShown(const QVector<PictureTile*>& tiles);
    const QImage& image() const { return m_image; }
    QString caption() const { return m_caption; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

Q_SIGNALS:
    void activated();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QImage m_image;
    QString m_placeholder;
    QString m_caption;
};
