#pragma once

#include "core/sweep/SweepResults.h"

#include <QObject>

#include <memory>
#include <mutex>

/// Hands a running sweep's counts from its worker thread to the GUI thread. The worker posts snapshots as
/// batches finish; the GUI is told once per arrival and takes the newest, so a fast sweep cannot flood it
/// (snapshots that arrive while the GUI is busy are replaced, never queued).
class SweepFeed : public QObject
{
    Q_OBJECT

public:
    explicit SweepFeed(QObject* parent = nullptr);

    /// Any thread: keeps a copy of `results` as the newest snapshot.
    void post(const salient::SweepResults& results);
    /// GUI thread: the newest snapshot (nullptr before the first).
    std::shared_ptr<const salient::SweepResults> latest() const;
    void clear();

Q_SIGNALS:
    /// A new snapshot is waiting (emitted in the GUI thread).
    void updated();

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const salient::SweepResults> m_latest;
    bool m_notifyPending = false;
};
