#include "ui/widgets/WorkspaceSession.h"

#include "database/Workspace.h"
#include "database/WorkspaceWatch.h"
#include "pipeline/PairEvidence.h"

#include <QDir>
#include <QFile>
#include <QTimer>

#include <exception>

namespace {

WorkspaceSession::Area toArea(salient::WorkspaceArea area)
{
    switch (area) {
    case salient::WorkspaceArea::Index:
        return WorkspaceSession::Area::Index;
    case salient::WorkspaceArea::Studies:
        return WorkspaceSession::Area::Studies;
    case salient::WorkspaceArea::Answers:
        return WorkspaceSession::Area::Answers;
    case salient::WorkspaceArea::Dataset:
        return WorkspaceSession::Area::Dataset;
    case salient::WorkspaceArea::Sweeps:
        break;
    }
    return WorkspaceSession::Area::Sweeps;
}

} // namespace

WorkspaceSession::WorkspaceSession(QObject* parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setInterval(PollMilliseconds);
    QObject::connect(m_timer, &QTimer::timeout, this, &WorkspaceSession::poll);
}

WorkspaceSession::~WorkspaceSession() = default;

void WorkspaceSession::open(const QString& dir, bool create)
{
    auto workspace = std::make_unique<salient::Workspace>(
        salient::Workspace::open(QFile::encodeName(dir).toStdString(), create));
    // Only now, with the new workspace open, is the previous one let go.
    m_timer->stop();
    m_watch.reset();
    m_evidence.reset();
    m_workspace = std::move(workspace);
    m_path = QFile::decodeName(QByteArray::fromStdString(m_workspace->path()));
    startWatching();
    Q_EMIT opened();
}

void WorkspaceSession::close()
{
    if (!isOpen())
        return;
    m_timer->stop();
    m_watch.reset();
    m_evidence.reset();
    m_workspace.reset();
    m_path.clear();
    Q_EMIT closed();
}

std::string WorkspaceSession::nativePath() const
{
    return m_workspace ? m_workspace->path() : std::string();
}

salient::Workspace& WorkspaceSession::workspace() const
{
    Q_ASSERT(m_workspace);
    return *m_workspace;
}

salient::Workspace WorkspaceSession::openWorkerConnection(const std::string& nativePath)
{
    return salient::Workspace::open(nativePath, false);
}

std::shared_ptr<salient::EvidenceSession> WorkspaceSession::evidence()
{
    if (!m_evidence && m_workspace)
        m_evidence = salient::sharedEvidenceSession(m_workspace->path());
    return m_evidence;
}

void WorkspaceSession::startWatching()
{
    try {
        m_watch = std::make_unique<salient::WorkspaceWatch>(m_workspace->databasePath());
    } catch (const std::exception&) {
        return; // the screens report an unreadable workspace themselves; the window just does not follow it
    }
    m_timer->start();
}

void WorkspaceSession::poll()
{
    if (!m_watch)
        return;
    std::vector<salient::WorkspaceArea> areas;
    try {
        areas = m_watch->poll();
    } catch (const std::exception&) {
        return; // busy or mid-migration: the next tick looks again
    }
    for (const salient::WorkspaceArea area : areas)
        Q_EMIT changed(toArea(area));
}

void WorkspaceSession::announce(WorkspaceSession::Area area)
{
    Q_EMIT changed(area);
}
