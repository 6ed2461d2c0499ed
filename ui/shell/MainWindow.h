#pragma once

#include "ui/shell/RecentWorkspaces.h"

#include <QMainWindow>
#include <QString>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QStackedWidget;
class StartPage;
class WorkspacePage;

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

    bool hasWorkspace() const { return m_workspace != nullptr; }
    /// The open workspace, or nullptr.
    salient::Workspace* workspace() const { return m_workspace.get(); }
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

    std::unique_ptr<salient::Workspace> m_workspace;
    RecentWorkspaces m_recent;

    QStackedWidget* m_stack = nullptr;
    StartPage* m_startPage = nullptr;
    WorkspacePage* m_workspacePage = nullptr;
    QLabel* m_statusPath = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_backUpAction = nullptr;
    QAction* m_checkAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_clearRecentAction = nullptr;
    QMenu* m_recentMenu = nullptr;
};
