#pragma once

#include <QDialog>

class QStandardItemModel;
class QTableView;

/// The keyboard shortcuts of every screen on one sheet (Help > Keyboard Shortcuts, Ctrl+?).
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(QWidget* parent = nullptr);

    /// Rows of (keys, what they do), grouped by the screen where they work.
    QStandardItemModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

private:
    QStandardItemModel* m_model = nullptr;
    QTableView* m_view = nullptr;
};
