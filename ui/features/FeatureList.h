#pragma once

#include <QTreeView>

class FeatureListModel;

/// A class's ranked features: rank, feature index and importance; the current row is the shown pair.
class FeatureList : public QTreeView
{
    Q_OBJECT

public:
    explicit FeatureList(FeatureListModel* features, QWidget* parent = nullptr);

    /// The current feature, or -1.
    int currentFeature() const;
    /// Makes row `row` (clamped to the list) current.
    void setCurrentRow(int row);
    int currentRow() const;

Q_SIGNALS:
    void featureSelected(int feature);
};
