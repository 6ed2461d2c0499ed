#include "ui/widgets/LatestJobRunner.h"

LatestJobRunner::LatestJobRunner(QObject* parent) : QObject(parent), m_runner(new JobRunner(this))
{
    connect(m_runner, &JobRunner::ended, this, &LatestJobRunner::startNext);
}

void LatestJobRunner::request(JobRunner::Work work)
{
    m_pending = std::move(work);
    if (m_runner->isRunning())
        m_runner->cancel();
    else
        startNext();
}

void LatestJobRunner::reset()
{
    m_pending.reset();
    m_runner->cancel();
}

bool LatestJobRunner::isBusy() const
{
    return m_runner->isRunning() || m_pending.has_value();
}

void LatestJobRunner::startNext()
{
    if (!m_pending)
        return;
    JobRunner::Work work = std::move(*m_pending);
    m_pending.reset();
    m_runner->start(std::move(work));
}
