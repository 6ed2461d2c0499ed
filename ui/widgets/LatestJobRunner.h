#pragma once

#include "ui/widgets/JobRunner.h"

#include <QObject>

#include <optional>

/// Runs the latest of the requests it is given, one at a time off the GUI thread. A request made while
/// another runs cancels that one, and only the newest waiting request starts when it has stopped, so
/// moving quickly through pictures never queues up work.
class LatestJobRunner : public QObject
{
    Q_OBJECT

public:
    explicit LatestJobRunner(QObject* parent = nullptr);

    void request(JobRunner::Work work);
    /// Drops the waiting request and stops the running one.
    void reset();
    bool isBusy() const;

private:
    void startNext();

    JobRunner* m_runner = nullptr;
    std::optional<JobRunner::Work> m_pending;
};
