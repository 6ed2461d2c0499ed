#pragma once

#include "database/Studies.h"

#include <QWidget>

class ClassPanel;
class EvidenceLoader;
class FeaturePanel;
class WorkspaceSession;

/// The evidence of a discovery HIT, as the paper's HIT showed it: the Class panel beside the Feature
/// panel (top images, highlighted and amplified visual attributes) of the HIT's pair.
class HitPage : public QWidget
{
    Q_OBJECT

public:
    explicit HitPage(WorkspaceSession* session, QWidget* parent = nullptr);

    void clear();
    void showHit(const salient::Hit& hit);

    FeaturePanel* featurePanel() const { return m_featurePanel; }
    ClassPanel* classPanel() const { return m_classPanel; }

Q_SIGNALS:
    /// All pictures of the shown HIT are on screen.
    void evidenceShown();

private:
    WorkspaceSession* m_session = nullptr;
    salient::Hit m_hit;
    FeaturePanel* m_featurePanel = nullptr;
    ClassPanel* m_classPanel = nullptr;
    EvidenceLoader* m_loader = nullptr;
};
