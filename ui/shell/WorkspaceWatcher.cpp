#include "ui/shell/WorkspaceWatcher.h"

#include "database/Workspace.h"
#include "database/WorkspaceWatch.h"

#include <QDir>
#include <QFile>
#include <QTimer>

#include <exception>

WorkspaceWatcher::WorkspaceWatcher(QObject* parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setInterval(PollMilliseconds);
    connect(m_timer, &QTimer::timeout, this, &WorkspaceWatcher::poll);
}

WorkspaceWatcher::~WorkspaceWatcher() = default;

void WorkspaceWatcher::setWorkspace(const QString& workspacePath)
{
    m_timer->stop();
    m_watch.reset();
    if (workspacePath.isEmpty())
        return;
    const QString database = QDir(workspacePath).filePath(salient::Workspace::DatabaseFileName);
    try {
        m_watch = std::make_unique<salient::WorkspaceWatch>(QFile::encodeName(database).toStdString());
    } catch (const std::exception&) {
        return; // the pages report an unreadable workspace themselves; the window just does not follow it
    }
    m_timer->start();
}

void WorkspaceWatcher::poll()
{
    if (!m_watch)
        return;
    std::vector<salient::WorkspaceArea> changed;
    try {
        changed = m_watch->poll();
    } catch (const std::exception&) {
        return; // busy or mid-migration: the next tick looks again
    }
    for (const salient::WorkspaceArea area : changed) {
        switch (area) {
        case salient::WorkspaceArea::Index:
            Q_EMIT indexChanged();
            break;
        case salient::WorkspaceArea::Studies:
            Q_EMIT studiesChanged();
            break;
        case salient::WorkspaceArea::Answers:
            Q_EMIT answersChanged();
            break;
        case salient::WorkspaceArea::Dataset:
            Q_EMIT datasetChanged();
            break;
        case salient::WorkspaceArea::Sweeps:
            Q_EMIT sweepsChanged();
            break;
        }
    }
}
