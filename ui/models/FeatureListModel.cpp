#include "ui/models/FeatureListModel.h"

#include "ui/widgets/WorkspaceSession.h"

#include "database/Workspace.h"

#include <QLocale>

FeatureListModel::FeatureListModel(WorkspaceSession* session, QObject* parent)
    : QAbstractTableModel(parent), m_session(session)
{}

void FeatureListModel::showClass(int classIndex)
{
    clear();
    if (m_session->isOpen())
        setFeatures(salient::classFeatures(m_session->workspace().database(), classIndex));
}

void FeatureListModel::clear()
{
    setFeatures({});
}

void FeatureListModel::setFeatures(std::vector<salient::ClassFeature> features)
{
    beginResetModel();
    m_features = std::move(features);
    endResetModel();
}

int FeatureListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_features.size());
}

int FeatureListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FeatureListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const salient::ClassFeature& f = m_features[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == RankColumn)
            return QString::number(f.rank);
        if (index.column() == FeatureColumn)
            return QString::number(f.feature);
        return QLocale().toString(f.importance, 'g', 4);
    case FeatureRole:
        return f.feature;
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (index.column() == ImportanceColumn)
            return tr("Importance IV = mean activation over the images predicted as the class, times the "
                      "class's weight for the feature");
        return {};
    default:
        return {};
    }
}

QVariant FeatureListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RankColumn:
        return tr("Rank");
    case FeatureColumn:
        return tr("Feature");
    case ImportanceColumn:
        return tr("Importance");
    default:
        return {};
    }
}
