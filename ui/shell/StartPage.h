#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QStackedWidget;

/// The welcome page shown while no workspace is open: what the program is for, a button to choose a
/// workspace folder and the list of recent workspaces (double-click or Enter opens one).
class StartPage : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget* parent = nullptr);

    /// Shows `dirs` (most recent first); folders that no longer exist are greyed out and marked.
    void setRecentWorkspaces(const QStringList& dirs);
    QStringList recentWorkspaces() const { return m_recent; }

    QListWidget* recentList() const { return m_recentList; }
    QPushButton* openButton() const { return m_openButton; }
    QPushButton* demoButton() const { return m_demoButton; }

Q_SIGNALS:
    void openRequested(const QString& dir);
    void browseRequested();
    /// The user asked for the Spurious Fashion demo in a new workspace.
    void demoRequested();
    void removeRequested(const QString& dir);

protected:
    void changeEvent(QEvent* event) override;

private:
    void activate(QListWidgetItem* item);
    void showContextMenu(const QPoint& position);
    void removeCurrent();
    void updateFonts();

    QStringList m_recent;
    QLabel* m_title = nullptr;
    QLabel* m_tagline = nullptr;
    QLabel* m_recentHeading = nullptr;
    QLabel* m_hint = nullptr;
    QPushButton* m_openButton = nullptr;
    QPushButton* m_demoButton = nullptr;
    QStackedWidget* m_recentStack = nullptr;
    QListWidget* m_recentList = nullptr;
    QLabel* m_emptyLabel = nullptr;
};
