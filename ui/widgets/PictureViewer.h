#pragma once

#include <QDialog>
#include <QImage>
#include <QVector>

class PictureTile;
class QLabel;

/// An enlarged picture with its caption; Left/Right step through the pictures of its row, Esc closes.
class PictureViewer : public QDialog
{
    Q_OBJECT

public:
    struct Picture
    {
        QImage image;
        QString caption;
    };

    PictureViewer(QVector<Picture> pictures, int current, QWidget* parent = nullptr);

    /// Enlarges picture `index` of a row of tiles, each captioned "<rowTitle> — <its caption>"; returns when
    /// the viewer closes.
    static void showRow(const QString& rowTitle, const QVector<PictureTile*>& row, int index,
                        QWidget* parent);

    int current() const { return m_current; }
    void showPicture(int index);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updatePixmap();

    QVector<Picture> m_pictures;
    int m_current = 0;
    QLabel* m_picture = nullptr;
    QLabel* m_caption = nullptr;
};
