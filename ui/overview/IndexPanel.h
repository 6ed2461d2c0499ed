#pragma once

#include <QWidget>

class JobProgress;
class JobRunner;
class QLabel;
class QPushButton;
class WorkspaceSession;

/// The workspace's feature index (steps 1-3 of the method): what is stored in salient.db, and a button
/// that builds it with the robust model, with progress and cancel. A cancelled run resumes next time.
class IndexPanel : public QWidget
{
    Q_OBJECT

public:
    /// Shows the index of the session's workspace, and follows it.
    explicit IndexPanel(WorkspaceSession* session, QWidget* parent = nullptr);

    /// Shows only the progress of a build (the method's dashboard shows the rest and starts it).
    void showProgressOnly();

    QPushButton* buildButton() const { return m_build; }
    QLabel* statusLabel() const { return m_status; }
    JobRunner* runner() const { return m_runner; }
    JobProgress* progress() const { return m_progress; }

public Q_SLOTS:
    void buildIndex();
    void reload();

Q_SIGNALS:
    /// A new index was stored in salient.db.
    void indexStored();
    /// Building was asked for, but the workspace names no image folder or no robust model yet.
    void setupRequired();

private:
    void workspaceChanged();

    WorkspaceSession* m_session = nullptr;
    bool m_hasIndex = false; ///< the workspace has a stored index: building means rebuilding beside it
    JobRunner* m_runner = nullptr;
    QLabel* m_heading = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_build = nullptr;
    JobProgress* m_progress = nullptr;
};
