#pragma once

#include <QWidget>

class QLabel;
class QTreeView;
class SweepRunModel;
class WorkspaceSession;

/// The sweep runs stored in a workspace's salient.db, newest first. Selecting several compares them.
class SweepRunList : public QWidget
{
    Q_OBJECT

public:
    explicit SweepRunList(WorkspaceSession* session, QWidget* parent = nullptr);

    /// Reads the runs again, keeping the selection where the runs still exist.
    void reload();
    void select(const QList<qint64>& runIds);
    QList<qint64> selectedRuns() const;
    /// The newest stored run, or -1 when there is none.
    qint64 newestRun() const;
    QTreeView* view() const { return m_view; }

Q_SIGNALS:
    void selectionChanged(const QList<qint64>& runIds);

private:
    void deleteSelected();
    /// Selects exactly these runs without saying so.
    void setSelection(const QList<qint64>& runIds);

    WorkspaceSession* m_session = nullptr;
    SweepRunModel* m_model = nullptr;
    QLabel* m_hint = nullptr;
    QTreeView* m_view = nullptr;
};
