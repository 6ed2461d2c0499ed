#pragma once

#include "base/Job.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>

class QThread;

/// Runs `work` inside a job; an error other than cancellation is handed, as text, to `onError` in the
/// thread of `context` (cancellation goes on up to the runner).
void forwardErrors(QObject* context, const std::function<void()>& work,
                   const std::function<void(const QString&)>& onError);

/// Runs one core job at a time off the GUI thread. Its progress, end, failure and cancellation arrive
/// as signals in the GUI thread; progress is thinned to a few reports per second so a fast job cannot
/// flood the event loop.
class JobRunner : public QObject
{
    Q_OBJECT

public:
    using Work = std::function<void(const salient::Job&)>;

    explicit JobRunner(QObject* parent = nullptr);
    /// Asks a running job to stop and waits for it: nothing outlives the runner.
    ~JobRunner() override;

    bool isRunning() const { return m_thread != nullptr; }
    /// What the running work is, in the user's words ("Building the feature index"); a runner with a
    /// description holds work the user started, so quitting while it runs asks first.
    void setDescription(const QString& description) { m_description = description; }
    QString description() const { return m_description; }
    /// Starts `work`; returns false (and does nothing) while another job runs.
    bool start(Work work);

public Q_SLOTS:
    /// Asks the job to stop at its next check; `cancelled` follows once it has.
    void cancel();

Q_SIGNALS:
    void started();
    void progressed(qint64 done, qint64 total, const QString& stage);
    void succeeded();
    void failed(const QString& message);
    void cancelled();
    /// After any of the three endings.
    void ended();

private:
    void finish(int outcome, const QString& message);

    QThread* m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    QElapsedTimer m_lastReport;
    QString m_description;
};
