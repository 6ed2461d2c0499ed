#pragma once

#include "database/StudySummary.h"

#include <QAbstractTableModel>

#include <vector>

/// How far each annotator of a study has got: name, role, HITs answered and HITs held (handed out and
/// not answered yet), by name.
class AnnotatorProgressModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        RoleColumn,
        AnsweredColumn,
        HeldColumn,
        ColumnCount
    };

    explicit AnnotatorProgressModel(QObject* parent = nullptr);

    void setAnnotators(std::vector<salient::AnnotatorProgress> annotators);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<salient::AnnotatorProgress> m_annotators;
};
