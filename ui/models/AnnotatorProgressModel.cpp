#include "ui/models/AnnotatorProgressModel.h"

AnnotatorProgressModel::AnnotatorProgressModel(QObject* parent) : QAbstractTableModel(parent) {}

void AnnotatorProgressModel::setAnnotators(std::vector<salient::AnnotatorProgress> annotators)
{
    beginResetModel();
    m_annotators = std::move(annotators);
    endResetModel();
}

int AnnotatorProgressModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_annotators.size());
}

int AnnotatorProgressModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AnnotatorProgressModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const salient::AnnotatorProgress& a = m_annotators[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() >= AnsweredColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return QString::fromStdString(a.name);
    case RoleColumn:
        return QString::fromStdString(a.role);
    case AnsweredColumn:
        return a.answered;
    case HeldColumn:
        return a.held;
    default:
        return {};
    }
}

QVariant AnnotatorProgressModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Annotator");
    case RoleColumn:
        return tr("Role");
    case AnsweredColumn:
        return tr("Answered");
    case HeldColumn:
        return tr("Held");
    default:
        return {};
    }
}
