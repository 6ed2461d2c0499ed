#pragma once

#include <QWidget>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;

/// The classes of the feature index, searchable by name, id or index (Ctrl+F focuses the search; Up and
/// Down in the search move through the list).
class ClassList : public QWidget
{
    Q_OBJECT

public:
    struct Entry
    {
        int classIndex = 0;
        QString wnid;
        QString name;
        double accuracy = 0.0;
        int features = 0;
    };

    explicit ClassList(QWidget* parent = nullptr);

    void setClasses(const QVector<Entry>& classes);
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
    QStandardItemModel* m_model = nullptr;
    QSortFilterProxyModel* m_filter = nullptr;
};
