#pragma once

#include <QTreeWidget>

/// A class's ranked features: rank, feature index and importance; the current row is the shown pair.
class FeatureList : public QTreeWidget
{
    Q_OBJECT

public:
    struct Entry
    {
        int feature = 0;
        int rank = 0;
        double importance = 0.0;
    };

    explicit FeatureList(QWidget* parent = nullptr);

    void setFeatures(const QVector<Entry>& features);
    /// The current feature, or -1.
    int currentFeature() const;

Q_SIGNALS:
    void featureSelected(int feature);
};
