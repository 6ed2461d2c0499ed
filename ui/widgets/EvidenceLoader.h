#pragma once

#include <QImage>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class JobRunner;

namespace salient {
class EvidenceSession;
}

/// Renders the pictures of one (class, feature) pair at a time off the GUI thread, from the render cache
/// when it can. Asking for another pair while one renders cancels it: the latest request wins, so
/// scrolling through features never queues up work.
class EvidenceLoader : public QObject
{
    Q_OBJECT

public:
    explicit EvidenceLoader(QObject* parent = nullptr);
    ~EvidenceLoader() override;

    void setWorkspace(const QString& workspacePath);
    void request(int classIndex, int feature);
    bool isBusy() const;

Q_SIGNALS:
    /// kind: 0 image, 1 heatmap, 2 attack; position 0-4.
    void pictureReady(int classIndex, int feature, int kind, int position, const QImage& image,
                      const QString& caption);
    void failed(int classIndex, int feature, const QString& message);

private:
    void startNext();

    QString m_path;
    /// The workspace's shared session (sharedEvidenceSession): one robust model for every page.
    std::shared_ptr<salient::EvidenceSession> m_session;
    JobRunner* m_runner = nullptr;
    std::optional<std::pair<int, int>> m_pending;
};
