#pragma once

#include <QWidget>

class QLineEdit;
class QListView;
class ClassListModel;
class QSortFilterProxyModel;

/// The classes of the feature index, searchable by name, id or index (Ctrl+F focuses the search; Up and
/// Down in the search move through the list).
class ClassList : public QWidget
{
    Q_OBJECT

public:
    /// Shows and filters `classes`, which the caller fills.
    explicit ClassList(ClassListModel* classes, QWidget* parent = nullptr);

    /// The selected class, or -1.
    int currentClass() const;
    /// Selects the class with this index (when it passes the filter); returns false otherwise.
    bool selectClass(int classIndex);
    int visibleCount() const;

    QLineEdit* searchField() const { return m_search; }
    QListView* view() const { return m_view; }

Q_SIGNALS:
    void classSelected(int classIndex);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QLineEdit* m_search = nullptr;
    QListView* m_view = nullptr;
    QSortFilterProxyModel* m_filter = nullptr;
};
