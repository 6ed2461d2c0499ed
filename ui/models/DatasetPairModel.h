#pragma once

#include "database/DatasetTables.h"

#include <QAbstractItemModel>

#include <vector>

/// The Salient dataset's labelled pairs as a tree: each class, under it its features with their label
/// (core or spurious, the spurious kind) and the answers' agreement and confidence.
class DatasetPairModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        DetailsColumn,
        ColumnCount
    };
    enum Role
    {
        ClassRole = Qt::UserRole + 1,
        FeatureRole, ///< -1 on class rows
    };

    explicit DatasetPairModel(QObject* parent = nullptr);

    /// Shows these pairs, grouped by class in the order given (a class's pairs next to each other).
    void setPairs(const std::vector<salient::DatasetPair>& pairs);
    int pairCount() const;
    /// "feature 7 · spurious (separate object)"
    static QString pairText(const salient::DatasetPair& pair);
    /// "rank 2 · agreement 0.60 · confidence 4.2", from what is known
    static QString pairDetails(const salient::DatasetPair& pair);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct ClassGroup
    {
        int classIndex = 0;
        std::string wnid;
        std::vector<salient::DatasetPair> pairs;
    };
    /// Class rows carry id 0; a pair row carries its class's row + 1.
    static constexpr quintptr ClassRowId = 0;

    std::vector<ClassGroup> m_classes;
};
