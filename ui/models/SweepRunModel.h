#pragma once

#include "database/SweepTables.h"

#include <QAbstractTableModel>

#include <vector>

class WorkspaceSession;

/// The sweep runs stored in the session's salient.db, newest first: run, when, models, settings and
/// how many images it covered (or how far it got).
class SweepRunModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        RunColumn,
        WhenColumn,
        ModelsColumn,
        SettingsColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        RunIdRole = Qt::UserRole + 1, ///< the run's id, in every column
    };

    explicit SweepRunModel(WorkspaceSession* session, QObject* parent = nullptr);

    /// Reads the runs again (none while no workspace is open). Returns why they could not be read, or an
    /// empty text.
    QString reload();
    /// The row of run `runId`, or -1.
    int rowOf(qint64 runId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    WorkspaceSession* m_session = nullptr;
    std::vector<salient::SweepRunRecord> m_runs;
};
