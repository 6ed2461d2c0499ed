#pragma once

#include "ui/widgets/FeaturePanel.h"

#include <QImage>
#include <QObject>
#include <QString>

class LatestJobRunner;
class WorkspaceSession;

/// Renders the pictures of one (class, feature) pair at a time off the GUI thread, from the render cache
/// when it can. Asking for another pair while one renders cancels it: the latest request wins, so
/// scrolling through features never queues up work. Pictures come from the session's one evidence
/// session, so every page shares one robust model.
class EvidenceLoader : public QObject
{
    Q_OBJECT

public:
    explicit EvidenceLoader(WorkspaceSession* session, QObject* parent = nullptr);

    void request(int classIndex, int feature);
    bool isBusy() const;

Q_SIGNALS:
    /// The picture at `position` (0-4) of the pair's `section`.
    void pictureReady(int classIndex, int feature, FeaturePanel::Section section, int position,
                      const QImage& image, const QString& caption);
    void failed(int classIndex, int feature, const QString& message);

private:
    WorkspaceSession* m_session = nullptr;
    LatestJobRunner* m_runner = nullptr;
};
