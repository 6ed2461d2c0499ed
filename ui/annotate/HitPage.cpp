#include "ui/annotate/HitPage.h"

#include "ui/widgets/ClassPanel.h"
#include "ui/widgets/EvidenceLoader.h"
#include "ui/widgets/FeaturePanel.h"
#include "ui/widgets/VerticalScrollArea.h"
#include "ui/widgets/WorkspaceSession.h"

#include "database/Workspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>

#include <algorithm>

HitPage::HitPage(WorkspaceSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_loader(new EvidenceLoader(session, this))
{
    setObjectName("hitPage");
    m_featurePanel = new FeaturePanel(this);
    m_classPanel = new ClassPanel(this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    QScrollArea* classArea = verticalScrollArea(m_classPanel, this);
    // Wide enough for the panel beside its scroll bar: its text is never cut off at the right.
    classArea->setMinimumWidth(
        std::max(m_classPanel->minimumWidth(), m_classPanel->minimumSizeHint().width()) +
        style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 2 * classArea->frameWidth());
    splitter->addWidget(classArea);
    splitter->addWidget(verticalScrollArea(m_featurePanel, this));
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    const int em = fontMetrics().averageCharWidth();
    splitter->setSizes({em * 32, em * 80});
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_loader, &EvidenceLoader::pictureReady, this,
            [this](int cls, int feature, FeaturePanel::Section section, int position, const QImage& image,
                   const QString& caption) {
                if (cls == m_hit.pair.classIndex && feature == m_hit.pair.feature)
                    m_featurePanel->setPicture(section, position, image, caption);
            });
    connect(m_loader, &EvidenceLoader::failed, this, [this](int cls, int feature, const QString& message) {
        if (cls == m_hit.pair.classIndex && feature == m_hit.pair.feature)
            m_featurePanel->clear(tr("The pictures could not be rendered: %1").arg(message));
    });
    connect(m_featurePanel, &FeaturePanel::complete, this, &HitPage::evidenceShown);
    connect(session, &WorkspaceSession::opened, this, &HitPage::clear);
    connect(session, &WorkspaceSession::closed, this, &HitPage::clear);
}

void HitPage::clear()
{
    m_hit = {};
    m_classPanel->clear();
    m_featurePanel->clear({});
}

void HitPage::showHit(const salient::Hit& hit)
{
    m_hit = hit;
    // The annotator sees the pair as the study copied it; the class panel comes from the index.
    try {
        m_classPanel->showClass(ClassPanel::describe(m_session->workspace(), hit.pair.classIndex));
    } catch (const std::exception&) {
        m_classPanel->clear();
    }
    const QString name = m_classPanel->nameLabel()->text();
    m_featurePanel->showPair(
        tr("Feature %1 of %2")
            .arg(hit.pair.feature)
            .arg(name.isEmpty() ? QString::fromStdString(hit.pair.wnid) : name),
        tr("HIT %1 · rank %2 among the class's features").arg(hit.id).arg(hit.pair.rank));
    m_loader->request(hit.pair.classIndex, hit.pair.feature);
}
