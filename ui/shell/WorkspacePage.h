#pragma once

#include "ui/overview/MethodDashboard.h"

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
class WorkspaceSession;

/// The page shown while a workspace is open: where it is, its schema version and what its folder holds.
class WorkspacePage : public QWidget
{
    Q_OBJECT

public:
    /// Shows the session's workspace whenever one opens, and nothing while none is.
    explicit WorkspacePage(WorkspaceSession* session, QWidget* parent = nullptr);

    QString workspacePath() const;
    WorkspaceSession* session() const { return m_session; }
    QTreeWidget* contentsView() const { return m_contents; }
    DemoSummary* demoSummary() const { return m_demoSummary; }
    IndexPanel* indexPanel() const { return m_indexPanel; }
    MethodDashboard* dashboard() const { return m_dashboard; }
    FeatureBrowser* featureBrowser() const { return m_featureBrowser; }
    AnnotatePage* annotatePage() const { return m_annotatePage; }
    QTabWidget* tabs() const { return m_tabs; }
    DatasetBrowser* datasetBrowser() const { return m_datasetBrowser; }
    /// The sweep window of this workspace (made on first use).
    SweepPage* sweepPage();

public Q_SLOTS:
    /// Lists the folder's top level again.
    void refresh();
    /// Does a step's next thing on the screen that owns it (the dashboard's buttons).
    void runStep(MethodDashboard::Step step);
    /// Asks for the image folder and the models; true when they were stored.
    bool setUpWorkspace();

Q_SIGNALS:
    void closeRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateFonts();
    void showWorkspace();
    void clear();

    WorkspaceSession* m_session = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_location = nullptr;
    QLabel* m_database = nullptr;
    QLabel* m_schema = nullptr;
    DemoSummary* m_demoSummary = nullptr;
    IndexPanel* m_indexPanel = nullptr;
    MethodDashboard* m_dashboard = nullptr;
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
};
