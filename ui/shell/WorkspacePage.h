#pragma once

#include <QString>
#include <QWidget>

class AnnotatePage;
class DatasetBrowser;
class DemoSummary;
class FeatureBrowser;
class IndexPanel;
class QLabel;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class SweepPage;
class WorkspaceWatcher;

namespace salient {
class Workspace;
}

/// The page shown while a workspace is open: where it is, its schema version and what its folder holds.
class WorkspacePage : public QWidget
{
    Q_OBJECT

public:
    explicit WorkspacePage(QWidget* parent = nullptr);

    void showWorkspace(const salient::Workspace& workspace);
    void clear();

    QString workspacePath() const { return m_path; }
    QTreeWidget* contentsView() const { return m_contents; }
    DemoSummary* demoSummary() const { return m_demoSummary; }
    IndexPanel* indexPanel() const { return m_indexPanel; }
    FeatureBrowser* featureBrowser() const { return m_featureBrowser; }
    AnnotatePage* annotatePage() const { return m_annotatePage; }
    QTabWidget* tabs() const { return m_tabs; }
    DatasetBrowser* datasetBrowser() const { return m_datasetBrowser; }
    /// Follows changes other processes make to the workspace and refreshes the screens they affect.
    WorkspaceWatcher* watcher() const { return m_watcher; }
    /// The sweep window of this workspace (made on first use).
    SweepPage* sweepPage();

public Q_SLOTS:
    /// Lists the folder's top level again.
    void refresh();

Q_SIGNALS:
    void closeRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateFonts();
    void followChanges();

    QString m_path;
    QLabel* m_title = nullptr;
    QLabel* m_location = nullptr;
    QLabel* m_database = nullptr;
    QLabel* m_schema = nullptr;
    DemoSummary* m_demoSummary = nullptr;
    IndexPanel* m_indexPanel = nullptr;
    FeatureBrowser* m_featureBrowser = nullptr;
    AnnotatePage* m_annotatePage = nullptr;
    QTabWidget* m_tabs = nullptr;
    DatasetBrowser* m_datasetBrowser = nullptr;
    QLabel* m_contentsHeading = nullptr;
    QLabel* m_contentsHint = nullptr;
    QTreeWidget* m_contents = nullptr;
    QPushButton* m_refreshButton = nullptr;
    QPushButton* m_closeButton = nullptr;
    QPushButton* m_sweepButton = nullptr;
    SweepPage* m_sweepPage = nullptr;
    WorkspaceWatcher* m_watcher = nullptr;
};
