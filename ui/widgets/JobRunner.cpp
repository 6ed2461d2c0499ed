#include "ui/widgets/JobRunner.h"

#include <QMetaObject>
#include <QThread>

#include <exception>

namespace {

enum Outcome
{
    Succeeded,
    Failed,
    Cancelled,
};

/// Fewer reports than this many milliseconds apart are dropped (the last one of a stage is kept).
constexpr qint64 reportIntervalMs = 50;

} // namespace

void forwardErrors(QObject* context, const std::function<void()>& work,
                   const std::function<void(const QString&)>& onError)
{
    try {
        work();
    } catch (const salient::JobCancelled&) {
        throw;
    } catch (const std::exception& e) {
        const QString message = QString::fromStdString(e.what());
        QMetaObject::invokeMethod(
            context, [onError, message] { onError(message); }, Qt::QueuedConnection);
    }
}

JobRunner::JobRunner(QObject* parent) : QObject(parent) {}

JobRunner::~JobRunner()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

bool JobRunner::start(Work work)
{
    if (m_thread)
        return false;
    m_cancel = false;
    m_lastReport.invalidate();
    salient::Job job;
    job.cancelRequested = &m_cancel;
    job.onProgress = [this](std::int64_t done, std::int64_t total, const std::string& stage) {
        // Called on the worker thread; the queued call hops to the GUI thread.
        const QString text = QString::fromStdString(stage);
        QMetaObject::invokeMethod(
            this,
            [this, done, total, text] {
                if (m_lastReport.isValid() && m_lastReport.elapsed() < reportIntervalMs && done < total)
                    return;
                m_lastReport.start();
                Q_EMIT progressed(done, total, text);
            },
            Qt::QueuedConnection);
    };
    m_thread = QThread::create([this, work = std::move(work), job] {
        int outcome = Succeeded;
        QString message;
        try {
            work(job);
        } catch (const salient::JobCancelled&) {
            outcome = Cancelled;
        } catch (const std::exception& e) {
            outcome = Failed;
            message = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this, [this, outcome, message] { finish(outcome, message); }, Qt::QueuedConnection);
    });
    m_thread->start();
    Q_EMIT started();
    return true;
}

void JobRunner::cancel()
{
    m_cancel = true;
}

void JobRunner::finish(int outcome, const QString& message)
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    if (outcome == Succeeded)
        Q_EMIT succeeded();
    else if (outcome == Failed)
        Q_EMIT failed(message);
    else
        Q_EMIT cancelled();
    Q_EMIT ended();
}
