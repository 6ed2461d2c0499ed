#pragma once

#include <QStyledItemDelegate>

/// Draws one recent workspace as two lines: the folder's name in bold and its full path below, dimmed.
/// A folder that no longer exists is drawn greyed out and marked "Folder not found".
class RecentWorkspaceDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /// Item data roles the delegate reads besides Qt::DisplayRole (the name) and Qt::DecorationRole.
    enum Role
    {
        PathRole = Qt::UserRole + 1, ///< QString: the full path
        ExistsRole,                  ///< bool: whether the folder exists
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};
