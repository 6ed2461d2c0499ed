#pragma once

#include <QWidget>

class PictureTile;
class QLabel;

namespace salient {
class Workspace;
}

/// The class beside the feature, as the HIT showed it: name and lemmas, definition, where it sits in
/// WordNet, supercategory, a Wikipedia link, and example images of the class.
class ClassPanel : public QWidget
{
    Q_OBJECT

public:
    struct Description
    {
        QString name;
        QString wnid;
        QStringList lemmas;
        QString gloss;
        QStringList hypernymPath;
        QString supercategory;
        QStringList wikiLinks;
        QStringList exampleImages;
        double accuracy = 0.0;
        qint64 images = 0;
    };
    static constexpr int MaxExamples = 4;

    explicit ClassPanel(QWidget* parent = nullptr);

    /// The class of the workspace's feature index as the panel shows it (pipeline's describeClass).
    static Description describe(salient::Workspace& workspace, int classIndex);

    void showClass(const Description& description);
    void clear();

    QLabel* nameLabel() const { return m_name; }
    int examplesShown() const;

private:
    QLabel* m_name = nullptr;
    QLabel* m_lemmas = nullptr;
    QLabel* m_gloss = nullptr;
    QLabel* m_path = nullptr;
    QLabel* m_facts = nullptr;
    QLabel* m_links = nullptr;
    QVector<PictureTile*> m_examples;
};
