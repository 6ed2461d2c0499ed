#include "ui/sweep/SweepRunList.h"

#include "database/SweepTables.h"
#include "database/Workspace.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

enum Column
{
    RunColumn,
    WhenColumn,
    ModelsColumn,
    SettingsColumn,
    StatusColumn,
};

QString statusText(const salient::SweepRunRecord& run)
{
    if (run.status == "finished")
        return SweepRunList::tr("%1 images").arg(run.images);
    if (run.status == "running")
        return SweepRunList::tr("incomplete (%1 of %2)").arg(run.imagesDone).arg(run.images);
    return SweepRunList::tr("%1 (%2 of %3)")
        .arg(QString::fromStdString(run.status))
        .arg(run.imagesDone)
        .arg(run.images);
}

} // namespace

SweepRunList::SweepRunList(QWidget* parent) : QWidget(parent)
{
    auto* heading = new QLabel(tr("Stored runs"), this);
    QFont bold = heading->font();
    bold.setWeight(QFont::DemiBold);
    heading->setFont(bold);
    auto* hint = new QLabel(tr("Select one run to reopen it, several to compare them."), this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_view = new QTreeWidget(this);
    m_view->setObjectName("sweepRuns");
    m_view->setHeaderLabels({tr("Run"), tr("When"), tr("Models"), tr("Settings"), tr("Images")});
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* remove = new QAction(tr("Delete Run"), m_view);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(remove);
    connect(remove, &QAction::triggered, this, &SweepRunList::deleteSelected);
    connect(m_view, &QTreeWidget::itemSelectionChanged, this,
            [this] { Q_EMIT selectionChanged(selectedRuns()); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(hint);
    layout->addWidget(m_view, 1);
}

void SweepRunList::setWorkspace(const QString& workspacePath)
{
    m_path = workspacePath;
    reload();
}

void SweepRunList::reload()
{
    const QList<qint64> selected = selectedRuns();
    const QSignalBlocker blocker(m_view);
    m_view->clear();
    if (m_path.isEmpty())
        return;
    try {
        salient::Workspace workspace = salient::Workspace::open(m_path.toStdString(), false);
        for (const salient::SweepRunRecord& run : salient::sweepRuns(workspace.database())) {
            QStringList models;
            for (const auto& m : run.models)
                models << QString::fromStdString(m.name);
            auto* item = new QTreeWidgetItem(m_view);
            item->setData(RunColumn, Qt::UserRole, qint64(run.runId));
            item->setText(RunColumn, QString::number(run.runId));
            item->setText(WhenColumn, QString::fromStdString(run.createdAt).replace('T', ' ').remove('Z'));
            item->setText(ModelsColumn, models.join(", "));
            item->setText(SettingsColumn, tr("%1, σ %2, seed %3")
                                              .arg(QString::fromStdString(run.strategies).remove('"'),
                                                   QString::fromStdString(run.sigmas))
                                              .arg(run.seed));
            item->setText(StatusColumn, statusText(run));
            item->setToolTip(SettingsColumn, QString::fromStdString(run.source));
            for (const auto& m : run.models)
                item->setToolTip(ModelsColumn, item->toolTip(ModelsColumn) +
                                                   QString::fromStdString(m.name + ": " + m.path +
                                                                          "\nSHA-256 " + m.sha256 + "\n"));
            item->setSelected(selected.contains(run.runId));
        }
    } catch (const std::exception& e) {
        auto* item = new QTreeWidgetItem(m_view);
        item->setText(RunColumn, tr("The runs could not be read: %1").arg(QString::fromStdString(e.what())));
    }
}

void SweepRunList::select(const QList<qint64>& runIds)
{
    {
        const QSignalBlocker blocker(m_view);
        for (int i = 0; i < m_view->topLevelItemCount(); ++i) {
            QTreeWidgetItem* item = m_view->topLevelItem(i);
            item->setSelected(runIds.contains(item->data(RunColumn, Qt::UserRole).toLongLong()));
        }
    }
    Q_EMIT selectionChanged(selectedRuns());
}

QList<qint64> SweepRunList::selectedRuns() const
{
    QList<qint64> runs;
    for (int i = 0; i < m_view->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = m_view->topLevelItem(i);
        if (item->isSelected() && item->data(RunColumn, Qt::UserRole).isValid())
            runs << item->data(RunColumn, Qt::UserRole).toLongLong();
    }
    return runs;
}

void SweepRunList::deleteSelected()
{
    const QList<qint64> runs = selectedRuns();
    if (runs.isEmpty() || m_path.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Delete Runs"),
                              tr("Delete %n stored run(s) and their results?", nullptr, int(runs.size()))) !=
        QMessageBox::Yes)
        return;
    salient::Workspace workspace = salient::Workspace::open(m_path.toStdString(), false);
    for (qint64 run : runs)
        salient::deleteSweepRun(workspace.database(), run);
    reload();
    Q_EMIT selectionChanged(selectedRuns());
}
