#include "ui/features/ClassList.h"

#include "ui/models/ClassListModel.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace {

constexpr int ClassIndexRole = ClassListModel::ClassIndexRole;

} // namespace

ClassList::ClassList(ClassListModel* classes, QWidget* parent) : QWidget(parent)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName("classSearch");
    m_search->setPlaceholderText(tr("Search classes (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WindowShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });

    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(classes);
    m_filter->setFilterRole(ClassListModel::SearchTextRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view = new QListView(this);
    m_view->setObjectName("classList");
    m_view->setModel(m_filter);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setUniformItemSizes(true);
    m_view->setAlternatingRowColors(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    setMinimumWidth(fontMetrics().averageCharWidth() * 24);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setFilterFixedString(text);
        if (!m_view->currentIndex().isValid() && m_filter->rowCount() > 0)
            m_view->setCurrentIndex(m_filter->index(0, 0));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    Q_EMIT classSelected(current.data(ClassIndexRole).toInt());
            });
}

int ClassList::currentClass() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(ClassIndexRole).toInt() : -1;
}

bool ClassList::selectClass(int classIndex)
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex index = m_filter->index(row, 0);
        if (index.data(ClassIndexRole).toInt() == classIndex) {
            m_view->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

int ClassList::visibleCount() const
{
    return m_filter->rowCount();
}

bool ClassList::eventFilter(QObject* watched, QEvent* event)
{
    // Arrow keys in the search field move the selection, so search, Down, Down, Tab needs no mouse.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down) {
            const int row = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
            const int next = std::clamp(row + (key == Qt::Key_Down ? 1 : -1), 0, m_filter->rowCount() - 1);
            if (m_filter->rowCount() > 0)
                m_view->setCurrentIndex(m_filter->index(next, 0));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
