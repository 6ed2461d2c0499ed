#include "ui/features/FeatureList.h"

#include "ui/models/FeatureListModel.h"

#include <QHeaderView>

#include <algorithm>

FeatureList::FeatureList(FeatureListModel* features, QWidget* parent) : QTreeView(parent)
{
    setObjectName("featureList");
    setModel(features);
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    Q_EMIT featureSelected(current.data(FeatureListModel::FeatureRole).toInt());
            });
}

int FeatureList::currentFeature() const
{
    const QModelIndex current = currentIndex();
    return current.isValid() ? current.data(FeatureListModel::FeatureRole).toInt() : -1;
}

int FeatureList::currentRow() const
{
    return currentIndex().isValid() ? currentIndex().row() : -1;
}

void FeatureList::setCurrentRow(int row)
{
    const int rows = model()->rowCount();
    if (rows > 0)
        setCurrentIndex(model()->index(std::clamp(row, 0, rows - 1), 0));
}
