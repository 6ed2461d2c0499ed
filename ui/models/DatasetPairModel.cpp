#include "ui/models/DatasetPairModel.h"

#include <QColor>
#include <QStringList>

DatasetPairModel::DatasetPairModel(QObject* parent) : QAbstractItemModel(parent) {}

void DatasetPairModel::setPairs(const std::vector<salient::DatasetPair>& pairs)
{
    beginResetModel();
    m_classes.clear();
    for (const salient::DatasetPair& pair : pairs) {
        if (m_classes.empty() || m_classes.back().classIndex != pair.classIndex)
            m_classes.push_back({pair.classIndex, pair.wnid, {}});
        m_classes.back().pairs.push_back(pair);
    }
    endResetModel();
}

QString DatasetPairModel::pairText(const salient::DatasetPair& pair)
{
    QString text =
        DatasetPairModel::tr("feature %1 · %2").arg(pair.feature).arg(QString::fromStdString(pair.label));
    if (!pair.subLabel.empty())
        text += QStringLiteral(" (%1)").arg(QString::fromStdString(pair.subLabel).replace('_', ' '));
    return text;
}

QString DatasetPairModel::pairDetails(const salient::DatasetPair& pair)
{
    QStringList parts;
    if (pair.rank > 0)
        parts << DatasetPairModel::tr("rank %1").arg(pair.rank);
    if (pair.agreement)
        parts << DatasetPairModel::tr("agreement %1").arg(*pair.agreement, 0, 'f', 2);
    if (pair.confidence)
        parts << DatasetPairModel::tr("confidence %1").arg(*pair.confidence, 0, 'f', 1);
    return parts.join(QStringLiteral(" · "));
}

int DatasetPairModel::pairCount() const
{
    int count = 0;
    for (const ClassGroup& group : m_classes)
        count += int(group.pairs.size());
    return count;
}

QModelIndex DatasetPairModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, ClassRowId);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex DatasetPairModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == ClassRowId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, ClassRowId);
}

int DatasetPairModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_classes.size());
    if (parent.internalId() != ClassRowId || parent.column() != 0)
        return 0;
    return int(m_classes[std::size_t(parent.row())].pairs.size());
}

int DatasetPairModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant DatasetPairModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == ClassRowId) {
        const ClassGroup& group = m_classes[std::size_t(index.row())];
        if (role == ClassRole)
            return group.classIndex;
        if (role == FeatureRole)
            return -1;
        if (role == Qt::DisplayRole && index.column() == NameColumn)
            return tr("%1 · %2").arg(group.classIndex).arg(QString::fromStdString(group.wnid));
        return {};
    }
    const salient::DatasetPair& pair =
        m_classes[std::size_t(index.internalId() - 1)].pairs[std::size_t(index.row())];
    switch (role) {
    case ClassRole:
        return pair.classIndex;
    case FeatureRole:
        return pair.feature;
    case Qt::DisplayRole:
        return index.column() == NameColumn ? pairText(pair) : pairDetails(pair);
    case Qt::ForegroundRole:
        if (index.column() == NameColumn)
            return pair.spurious() ? QColor(0xc0, 0x39, 0x2b) : QColor(0x1e, 0x84, 0x49);
        return {};
    default:
        return {};
    }
}

QVariant DatasetPairModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section == NameColumn)
        return tr("Class / feature");
    if (section == DetailsColumn)
        return tr("Labels");
    return {};
}
