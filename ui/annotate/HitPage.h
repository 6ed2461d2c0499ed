#pragma once

#include "database/Studies.h"

#include <QWidget>

class ClassPanel;
class EvidenceLoader;
class FeaturePanel;

/// The evidence of a discovery HIT, as the paper's HIT showed it: the Class panel beside the Feature
/// panel (top images, highlighted and amplified visual attributes) of the HIT's pair.
class HitPage : public QWidget
{
    Q_OBJECT

public:
    explicit HitPage(QWidget* parent = nullptr);

    void setWorkspace(const QString& workspacePath);
    void showHit(const salient::Hit& hit);

    FeaturePanel* featurePanel() const { return m_featurePanel; }
    ClassPanel* classPanel() const { return m_classPanel; }

Q_SIGNALS:
    /// All pictures of the shown HIT are on screen.
    void evidenceShown();

private:
    QString m_path;
    salient::Hit m_hit;
    FeaturePanel* m_featurePanel = nullptr;
    ClassPanel* m_classPanel = nullptr;
    EvidenceLoader* m_loader = nullptr;
};
