#pragma once

#include "pipeline/ClassCatalog.h"

#include <QAbstractListModel>

#include <vector>

class WorkspaceSession;

/// The classes of the session's feature index, in index order: "name · wnid", with the class index,
/// the text a search matches and a tooltip with the robust model's accuracy on the class.
class ClassListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        ClassIndexRole = Qt::UserRole + 1,
        SearchTextRole,
    };

    explicit ClassListModel(WorkspaceSession* session, QObject* parent = nullptr);

    /// Reads the classes again (none while no workspace is open). Returns why they could not be read,
    /// or an empty text.
    QString reload();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    WorkspaceSession* m_session = nullptr;
    std::vector<salient::ClassSummary> m_classes;
};
