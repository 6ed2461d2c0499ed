#include "ui/features/FeatureBrowser.h"

#include "ui/features/ClassList.h"
#include "ui/features/FeatureList.h"
#include "ui/models/ClassListModel.h"
#include "ui/models/FeatureListModel.h"
#include "ui/widgets/ClassPanel.h"
#include "ui/widgets/EvidenceLoader.h"
#include "ui/widgets/FeaturePanel.h"
#include "ui/widgets/VerticalScrollArea.h"
#include "ui/widgets/WorkspaceSession.h"

#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "pipeline/ClassCatalog.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>

FeatureBrowser::FeatureBrowser(WorkspaceSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_classModel(new ClassListModel(session, this)),
      m_featureModel(new FeatureListModel(session, this)), m_loader(new EvidenceLoader(session, this))
{
    setObjectName("featureBrowser");
    m_classes = new ClassList(m_classModel, this);
    m_features = new FeatureList(m_featureModel, this);
    auto* featuresTitle = new QLabel(tr("Features of the class"), this);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_classes, 3);
    leftLayout->addWidget(featuresTitle);
    leftLayout->addWidget(m_features, 2);

    m_featurePanel = new FeaturePanel(this);
    m_classPanel = new ClassPanel(this);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(left);
    // Not scrollable: the three rows of pictures share the height, so all 15 are always in view.
    m_splitter->addWidget(m_featurePanel);
    m_splitter->addWidget(verticalScrollArea(m_classPanel, this));
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setChildrenCollapsible(false);
    const int em = fontMetrics().averageCharWidth();
    m_splitter->setSizes({em * 40, em * 90, em * 36});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_classes, &ClassList::classSelected, this, &FeatureBrowser::showClass);
    connect(m_features, &FeatureList::featureSelected, this, &FeatureBrowser::showPair);
    connect(m_loader, &EvidenceLoader::pictureReady, this,
            [this](int cls, int feature, FeaturePanel::Section section, int position, const QImage& image,
                   const QString& caption) {
                if (cls == m_class && feature == m_feature)
                    m_featurePanel->setPicture(section, position, image, caption);
            });
    connect(m_loader, &EvidenceLoader::failed, this, [this](int cls, int feature, const QString& message) {
        if (cls == m_class && feature == m_feature)
            m_featurePanel->clear(tr("The pictures could not be rendered: %1").arg(message));
    });
    connect(m_featurePanel, &FeaturePanel::complete, this, [this] {
        m_lastPairMs = m_pairTimer.elapsed();
        Q_EMIT pairShown(m_class, m_feature);
    });

    auto shortcut = [this](QKeySequence keys, auto slot) {
        auto* s = new QShortcut(keys, this);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Down), [this] { stepClass(1); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Up), [this] { stepClass(-1); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Right), [this] { stepFeature(1); });
    shortcut(QKeySequence(Qt::ALT | Qt::Key_Left), [this] { stepFeature(-1); });
    shortcut(QKeySequence(Qt::Key_PageDown), [this] { stepFeature(1); });
    shortcut(QKeySequence(Qt::Key_PageUp), [this] { stepFeature(-1); });

    connect(session, &WorkspaceSession::opened, this, &FeatureBrowser::reload);
    connect(session, &WorkspaceSession::closed, this, &FeatureBrowser::reload);
    connect(session, &WorkspaceSession::changed, this, [this](WorkspaceSession::Area area) {
        if (area == WorkspaceSession::Area::Index)
            reload();
    });
    reload();
}

void FeatureBrowser::reload()
{
    m_class = m_feature = -1;
    m_featureModel->clear();
    m_classPanel->clear();
    const QString error = m_classModel->reload();
    if (!error.isEmpty())
        m_featurePanel->clear(tr("The workspace could not be read: %1").arg(error));
    else if (m_classModel->rowCount() == 0)
        m_featurePanel->clear(tr("No feature index yet: build it on the Overview page (Ctrl+I)."));
    else
        m_featurePanel->clear(tr("Choose a class and one of its features."));
}

void FeatureBrowser::showClass(int classIndex)
{
    m_class = classIndex;
    m_feature = -1;
    try {
        m_featureModel->showClass(classIndex);
        m_classPanel->showClass(ClassPanel::describe(m_session->workspace(), classIndex));
    } catch (const std::exception& e) {
        m_classPanel->clear();
        m_featurePanel->clear(tr("The class could not be read: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    if (m_featureModel->rowCount() == 0)
        m_featurePanel->clear(tr("No image is predicted as this class, so it has no ranked features."));
    else
        m_features->setCurrentRow(0);
}

void FeatureBrowser::showPair(int feature)
{
    if (m_class < 0 || feature < 0)
        return;
    m_feature = feature;
    m_pairTimer.start();
    m_lastPairMs = -1;
    const int row = m_features->currentRow();
    auto cell = [this, row](int column) {
        return m_featureModel->index(row, column).data().toString();
    };
    m_featurePanel->showPair(
        tr("Feature %1 of %2").arg(feature).arg(m_classPanel->nameLabel()->text()),
        row >= 0 ? tr("Rank %1 · importance %2")
                       .arg(cell(FeatureListModel::RankColumn), cell(FeatureListModel::ImportanceColumn))
                 : QString());
    m_loader->request(m_class, feature);
}

void FeatureBrowser::stepFeature(int delta)
{
    m_features->setCurrentRow(m_features->currentRow() + delta);
}

void FeatureBrowser::stepClass(int delta)
{
    QKeyEvent press(QEvent::KeyPress, delta > 0 ? Qt::Key_Down : Qt::Key_Up, Qt::NoModifier);
    QCoreApplication::sendEvent(m_classes->searchField(), &press);
}
