#pragma once

#include "ui/shell/RecentWorkspaces.h"

#include "pipeline/DemoSetup.h"

#include <QMainWindow>
#include <QString>

#include <memory>

class DemoCreation;
class QAction;
class QLabel;
class QMenu;
class QStackedWidget;
class StartPage;
class WorkspacePage;
class WorkspaceSession;

namespace salient {
class Workspace;
}

/// The main window: the start page while no workspace is open, the workspace page while one is.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens the workspace in folder `dir` (creating its salient.db when missing) without any dialog.
    /// On failure returns false, sets `*error` to a readable message and keeps the current state.
    bool openWorkspace(const QString& dir, QString* error = nullptr);

    bool hasWorkspace() const;
    /// The open workspace, or nullptr.
    salient::Workspace* workspace() const;
    /// The session every screen of the window shares.
    WorkspaceSession* session() const { return m_session; }
    /// Absolute path of the open workspace folder; empty when none is open.
    QString workspacePath() const;

    StartPage* startPage() const { return m_startPage; }
    WorkspacePage* workspacePage() const { return m_workspacePage; }
    QWidget* currentPage() const;

public Q_SLOTS:
    /// Asks for a folder with a file dialog, then opens it.
    void browseForWorkspace();
    /// Opens `dir` and reports a failure in a message box.
    void openWorkspaceInteractively(const QString& dir);
    void closeWorkspace();
    void showAbout();
    /// Asks for a folder and makes the Spurious Fashion demo there, then opens it.
    void createDemoInteractively();
    /// Makes the demo in `dir` with `options` (progress in a dialog), then opens it.
    void createDemo(const QString& dir, const salient::DemoSetupOptions& options);

Q_SIGNALS:
    void workspaceChanged(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void updateRecentMenu();
    void updateState();
    void removeRecent(const QString& dir);
    void restoreWindowGeometry();
    /// Asks before quitting stops work the user started; true to go on closing.
    bool confirmStoppingJobs();

    WorkspaceSession* m_session = nullptr;
    RecentWorkspaces m_recent;

    QStackedWidget* m_stack = nullptr;
    StartPage* m_startPage = nullptr;
    WorkspacePage* m_workspacePage = nullptr;
    QLabel* m_statusPath = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_demoAction = nullptr;
    DemoCreation* m_demo = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_backUpAction = nullptr;
    QAction* m_checkAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_clearRecentAction = nullptr;
    QMenu* m_recentMenu = nullptr;
};
