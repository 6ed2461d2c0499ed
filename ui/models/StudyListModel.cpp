#include "ui/models/StudyListModel.h"

#include "database/StudyKind.h"

StudyListModel::StudyListModel(QObject* parent) : QAbstractListModel(parent) {}

void StudyListModel::setStudies(std::vector<salient::Study> studies)
{
    beginResetModel();
    m_studies = std::move(studies);
    endResetModel();
}

int StudyListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_studies.size());
}

QVariant StudyListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const salient::Study& study = m_studies[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        // A study named after its kind ("discovery") is not labelled "discovery (discovery)".
        const QString name = QString::fromStdString(study.name);
        const QString kind = QString::fromUtf8(salient::toString(study.kind));
        return name == kind ? name : tr("%1 (%2)").arg(name, kind);
    }
    if (role == UidRole)
        return QString::fromStdString(study.uid);
    return {};
}
