#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace salient {
class WorkspaceWatch;
}

/// Follows what other processes (another annotator, the CLI, a cluster job) and the window's own worker
/// threads commit to the open workspace, and says which part changed, within about a second.
class WorkspaceWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int PollMilliseconds = 1000;

    explicit WorkspaceWatcher(QObject* parent = nullptr);
    ~WorkspaceWatcher() override;

    /// Watches the workspace in `workspacePath`; an empty path (or one that cannot be opened) stops.
    void setWorkspace(const QString& workspacePath);
    bool isWatching() const { return m_watch != nullptr; }

public Q_SLOTS:
    /// Looks for changes now (the timer calls it every PollMilliseconds).
    void poll();

Q_SIGNALS:
    void indexChanged();
    void studiesChanged();
    void answersChanged();
    void datasetChanged();
    void sweepsChanged();

private:
    std::unique_ptr<salient::WorkspaceWatch> m_watch;
    QTimer* m_timer = nullptr;
};
