#pragma once

#include "database/IndexTables.h"

#include <QAbstractTableModel>

#include <vector>

class WorkspaceSession;

/// A class's ranked features from the session's feature index: rank, feature and importance, one row
/// each, best first.
class FeatureListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        RankColumn,
        FeatureColumn,
        ImportanceColumn,
        ColumnCount
    };
    enum Role
    {
        FeatureRole = Qt::UserRole + 1, ///< the feature index, in every column
    };

    explicit FeatureListModel(WorkspaceSession* session, QObject* parent = nullptr);

    /// Reads the features of `classIndex`; throws what the index tables throw (the model is then empty).
    void showClass(int classIndex);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void setFeatures(std::vector<salient::ClassFeature> features);

    WorkspaceSession* m_session = nullptr;
    std::vector<salient::ClassFeature> m_features;
};
