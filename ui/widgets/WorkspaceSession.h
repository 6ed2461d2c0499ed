#pragma once

#include <QObject>
#include <QString>

#include <memory>
#include <string>

class QTimer;

namespace salient {
class EvidenceSession;
class Workspace;
class WorkspaceWatch;
} // namespace salient

/// The open workspace, shared by every screen of a window. It owns the GUI thread's connection to
/// salient.db, the one evidence session (one robust model in memory whatever pages show evidence) and
/// the watch that follows what other processes and the window's own worker threads commit. Screens get
/// a session, never a path: they read through `workspace()` and refresh on `changed`.
class WorkspaceSession : public QObject
{
    Q_OBJECT

public:
    /// The parts of a workspace the screens show; `changed` names the one that moved.
    enum class Area
    {
        Index,   ///< the feature index
        Studies, ///< studies created, imported or merged
        Answers, ///< answers given, withdrawn or adjudicated
        Dataset, ///< the Salient dataset's pairs and masks
        Sweeps,  ///< sweep runs and their results
        Setup,   ///< the image folder and models the workspace names (announced by the window only)
    };
    Q_ENUM(Area)

    static constexpr int PollMilliseconds = 1000;

    explicit WorkspaceSession(QObject* parent = nullptr);
    ~WorkspaceSession() override;

    /// Opens the workspace in folder `dir` (creating its database when `create`). The open workspace is
    /// replaced only when this one opened; throws what salient::Workspace::open throws.
    void open(const QString& dir, bool create = false);
    /// Closes the workspace; the screens clear themselves on `closed`.
    void close();

    bool isOpen() const { return m_workspace != nullptr; }
    /// The folder, as the user's file system spells it; empty when none is open.
    QString path() const { return m_path; }
    /// The folder in the encoding of the file system, for core and the pipeline.
    std::string nativePath() const;
    /// The GUI thread's connection. Only while a workspace is open; never hand it to another thread.
    salient::Workspace& workspace() const;
    /// A connection of its own for a worker thread (SQLite connections are not shared across threads).
    static salient::Workspace openWorkerConnection(const std::string& nativePath);
    /// The workspace's evidence session, made on first use; null when no workspace is open.
    std::shared_ptr<salient::EvidenceSession> evidence();
    bool isWatching() const { return m_watch != nullptr; }

public Q_SLOTS:
    /// Looks for changes now (a timer calls it every PollMilliseconds).
    void poll();
    /// Says at once that `area` changed (after a screen's own write), rather than at the next poll.
    void announce(WorkspaceSession::Area area);

Q_SIGNALS:
    /// A workspace is open (replacing any other).
    void opened();
    void closed();
    void changed(WorkspaceSession::Area area);

private:
    void startWatching();

    QString m_path;
    std::unique_ptr<salient::Workspace> m_workspace;
    std::shared_ptr<salient::EvidenceSession> m_evidence;
    std::unique_ptr<salient::WorkspaceWatch> m_watch;
    QTimer* m_timer = nullptr;
};
