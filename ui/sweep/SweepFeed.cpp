#include "ui/sweep/SweepFeed.h"

#include <QMetaObject>

SweepFeed::SweepFeed(QObject* parent) : QObject(parent) {}

void SweepFeed::post(const salient::SweepResults& results)
{
    auto copy = std::make_shared<const salient::SweepResults>(results);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_latest = std::move(copy);
    if (m_notifyPending)
        return;
    m_notifyPending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_notifyPending = false;
            }
            Q_EMIT updated();
        },
        Qt::QueuedConnection);
}

std::shared_ptr<const salient::SweepResults> SweepFeed::latest() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_latest;
}

void SweepFeed::clear()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_latest.reset();
}
