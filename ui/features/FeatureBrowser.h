#pragma once

#include <QElapsedTimer>
#include <QWidget>

class ClassList;
class ClassListModel;
class ClassPanel;
class EvidenceLoader;
class FeatureList;
class FeatureListModel;
class FeaturePanel;
class QSplitter;
class WorkspaceSession;

/// Browsing the discovered features: the searchable class list and the class's ranked features on the
/// left, the Feature panel of the chosen pair in the middle, the Class panel on the right. Keyboard:
/// Ctrl+F searches classes, Alt+Up/Alt+Down move through the classes, Alt+Left/Alt+Right (or
/// Page Up/Page Down) through the features.
class FeatureBrowser : public QWidget
{
    Q_OBJECT

public:
    /// Shows the classes of the session's feature index, and follows it.
    explicit FeatureBrowser(WorkspaceSession* session, QWidget* parent = nullptr);

    /// Reads the classes of the feature index again.
    void reload();

    ClassList* classList() const { return m_classes; }
    FeatureList* featureList() const { return m_features; }
    FeaturePanel* featurePanel() const { return m_featurePanel; }
    ClassPanel* classPanel() const { return m_classPanel; }
    /// Milliseconds from choosing the current pair until its 15 pictures were on screen (-1: not yet).
    qint64 lastPairMilliseconds() const { return m_lastPairMs; }

Q_SIGNALS:
    /// All 15 pictures of the current pair are on screen.
    void pairShown(int classIndex, int feature);

private:
    void showClass(int classIndex);
    void showPair(int feature);
    void stepFeature(int delta);
    void stepClass(int delta);

    WorkspaceSession* m_session = nullptr;
    ClassListModel* m_classModel = nullptr;
    FeatureListModel* m_featureModel = nullptr;
    ClassList* m_classes = nullptr;
    FeatureList* m_features = nullptr;
    FeaturePanel* m_featurePanel = nullptr;
    ClassPanel* m_classPanel = nullptr;
    EvidenceLoader* m_loader = nullptr;
    QSplitter* m_splitter = nullptr;
    int m_class = -1;
    int m_feature = -1;
    QElapsedTimer m_pairTimer;
    qint64 m_lastPairMs = -1;
};
