#pragma once

#include "database/Studies.h"

#include <QAbstractListModel>

#include <vector>

/// A workspace's studies, oldest first, each named with its kind unless its name already says it
/// ("late (discovery)", "discovery").
class StudyListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        UidRole = Qt::UserRole + 1,
    };

    explicit StudyListModel(QObject* parent = nullptr);

    void setStudies(std::vector<salient::Study> studies);
    const std::vector<salient::Study>& studies() const { return m_studies; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    std::vector<salient::Study> m_studies;
};
