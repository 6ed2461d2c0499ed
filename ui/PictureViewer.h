#pragma once

#include <QDialog>
#include <QImage>
#include <QVector>

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
