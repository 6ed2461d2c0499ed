#include "ui/models/SweepRunModel.h"

#include "ui/widgets/WorkspaceSession.h"

#include "database/Workspace.h"

#include <QStringList>

#include <exception>

namespace {

QString statusText(const salient::SweepRunRecord& run)
{
    if (run.status == "finished")
        return SweepRunModel::tr("%1 images").arg(run.images);
    if (run.status == "running")
        return SweepRunModel::tr("incomplete (%1 of %2)").arg(run.imagesDone).arg(run.images);
    return SweepRunModel::tr("%1 (%2 of %3)")
        .arg(QString::fromStdString(run.status))
        .arg(run.imagesDone)
        .arg(run.images);
}

QString modelNames(const salient::SweepRunRecord& run)
{
    QStringList names;
    for (const auto& m : run.models)
        names << QString::fromStdString(m.name);
    return names.join(", ");
}

QString modelDetails(const salient::SweepRunRecord& run)
{
    QString text;
    for (const auto& m : run.models)
        text += QString::fromStdString(m.name + ": " + m.path + "\nSHA-256 " + m.sha256 + "\n");
    return text;
}

} // namespace

SweepRunModel::SweepRunModel(WorkspaceSession* session, QObject* parent)
    : QAbstractTableModel(parent), m_session(session)
{}

QString SweepRunModel::reload()
{
    std::vector<salient::SweepRunRecord> runs;
    QString error;
    if (m_session->isOpen()) {
        try {
            runs = salient::sweepRuns(m_session->workspace().database());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
    }
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
    return error;
}

int SweepRunModel::rowOf(qint64 runId) const
{
    for (std::size_t row = 0; row < m_runs.size(); ++row)
        if (m_runs[row].runId == runId)
            return int(row);
    return -1;
}

int SweepRunModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int SweepRunModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SweepRunModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const salient::SweepRunRecord& run = m_runs[std::size_t(index.row())];
    if (role == RunIdRole)
        return qint64(run.runId);
    if (role == Qt::ToolTipRole) {
        if (index.column() == SettingsColumn)
            return QString::fromStdString(run.source);
        if (index.column() == ModelsColumn)
            return modelDetails(run);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case RunColumn:
        return QString::number(run.runId);
    case WhenColumn:
        return QString::fromStdString(run.createdAt).replace('T', ' ').remove('Z');
    case ModelsColumn:
        return modelNames(run);
    case SettingsColumn:
        return tr("%1, σ %2, seed %3")
            .arg(QString::fromStdString(run.strategies).remove('"'), QString::fromStdString(run.sigmas))
            .arg(run.seed);
    case StatusColumn:
        return statusText(run);
    default:
        return {};
    }
}

QVariant SweepRunModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RunColumn:
        return tr("Run");
    case WhenColumn:
        return tr("When");
    case ModelsColumn:
        return tr("Models");
    case SettingsColumn:
        return tr("Settings");
    case StatusColumn:
        return tr("Images");
    default:
        return {};
    }
}
