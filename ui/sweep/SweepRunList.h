#pragma once

#include <QWidget>

class QTreeWidget;

/// The sweep runs stored in a workspace's salient.db, newest first. Selecting several compares them.
class SweepRunList : public QWidget
{
    Q_OBJECT

public:
    explicit SweepRunList(QWidget* parent = nullptr);

    void setWorkspace(const QString& workspacePath);
    /// Reads the runs again, keeping the selection where the runs still exist.
    void reload();
    void select(const QList<qint64>& runIds);
    QList<qint64> selectedRuns() const;
    QTreeWidget* view() const { return m_view; }

Q_SIGNALS:
    void selectionChanged(const QList<qint64>& runIds);

private:
    void deleteSelected();

    QString m_path;
    QTreeWidget* m_view = nullptr;
};
