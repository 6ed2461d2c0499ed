#include "ui/sweep/SweepRunList.h"

#include "ui/models/SweepRunModel.h"
#include "ui/widgets/WorkspaceSession.h"

#include "database/SweepTables.h"
#include "database/Workspace.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QTreeView>
#include <QVBoxLayout>

SweepRunList::SweepRunList(WorkspaceSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_model(new SweepRunModel(session, this))
{
    auto* heading = new QLabel(tr("Stored runs"), this);
    QFont bold = heading->font();
    bold.setWeight(QFont::DemiBold);
    heading->setFont(bold);
    m_hint = new QLabel(tr("Select one run to reopen it, several to compare them."), this);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_view = new QTreeView(this);
    m_view->setObjectName("sweepRuns");
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* remove = new QAction(tr("Delete Run"), m_view);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(remove);
    connect(remove, &QAction::triggered, this, &SweepRunList::deleteSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { Q_EMIT selectionChanged(selectedRuns()); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(m_hint);
    layout->addWidget(m_view, 1);
}

void SweepRunList::reload()
{
    const QList<qint64> selected = selectedRuns();
    const QSignalBlocker blocker(m_view->selectionModel());
    const QString error = m_model->reload();
    m_hint->setText(error.isEmpty() ? tr("Select one run to reopen it, several to compare them.")
                                    : tr("The runs could not be read: %1").arg(error));
    setSelection(selected);
}

void SweepRunList::setSelection(const QList<qint64>& runIds)
{
    QItemSelection selection;
    for (qint64 id : runIds) {
        const int row = m_model->rowOf(id);
        if (row >= 0)
            selection.select(m_model->index(row, 0), m_model->index(row, SweepRunModel::ColumnCount - 1));
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void SweepRunList::select(const QList<qint64>& runIds)
{
    {
        const QSignalBlocker blocker(m_view->selectionModel());
        setSelection(runIds);
    }
    m_view->viewport()->update();
    Q_EMIT selectionChanged(selectedRuns());
}

QList<qint64> SweepRunList::selectedRuns() const
{
    QList<qint64> runs;
    for (const QModelIndex& row : m_view->selectionModel()->selectedRows())
        runs << row.data(SweepRunModel::RunIdRole).toLongLong();
    return runs;
}

qint64 SweepRunList::newestRun() const
{
    return m_model->rowCount() > 0 ? m_model->index(0, 0).data(SweepRunModel::RunIdRole).toLongLong() : -1;
}

void SweepRunList::deleteSelected()
{
    const QList<qint64> runs = selectedRuns();
    if (runs.isEmpty() || !m_session->isOpen())
        return;
    if (QMessageBox::question(this, tr("Delete Runs"),
                              tr("Delete %n stored run(s) and their results?", nullptr, int(runs.size()))) !=
        QMessageBox::Yes)
        return;
    for (qint64 run : runs)
        salient::deleteSweepRun(m_session->workspace().database(), run);
    reload();
    Q_EMIT selectionChanged(selectedRuns());
}
