#include "ui/widgets/JobProgress.h"

#include "ui/widgets/JobRunner.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>

namespace {

QString remainingText(qint64 seconds)
{
    if (seconds < 60)
        return JobProgress::tr("%n s left", nullptr, int(seconds));
    return JobProgress::tr("%1 min left").arg((seconds + 59) / 60);
}

} // namespace

JobProgress::JobProgress(JobRunner* runner, QWidget* parent) : QWidget(parent), m_runner(runner)
{
    m_stage = new QLabel(this);
    m_bar = new QProgressBar(this);
    m_bar->setTextVisible(true);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the job; finished work is kept and the next run resumes (Esc)"));
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WindowShortcut);
    connect(escape, &QShortcut::activated, m_cancel, &QPushButton::click);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stage);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_cancel);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_stage->setText(tr("Stopping…"));
        m_runner->cancel();
    });
    connect(runner, &JobRunner::started, this, [this] {
        m_currentStage.clear();
        m_cancel->setEnabled(true);
        m_bar->setRange(0, 0);
        m_stage->setText(tr("Starting…"));
        show();
    });
    connect(runner, &JobRunner::progressed, this, &JobProgress::showProgress);
    connect(runner, &JobRunner::ended, this, &QWidget::hide);
    hide();
}

void JobProgress::showProgress(qint64 done, qint64 total, const QString& stage)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (stage != m_currentStage) {
        m_currentStage = stage;
        m_stageStartMs = now;
        m_stageStartDone = done;
    }
    if (m_cancel->isEnabled())
        m_stage->setText(stage);
    // QProgressBar holds ints; ImageNet's 1.28 M images fit, but scale to be safe.
    const int scale = total > 1000000000 ? 1000 : 1;
    m_bar->setRange(0, int(std::max<qint64>(1, total / scale)));
    m_bar->setValue(int(done / scale));
    const qint64 elapsedMs = now - m_stageStartMs;
    const qint64 progressed = done - m_stageStartDone;
    if (progressed > 0 && elapsedMs > 1000 && done < total) {
        const qint64 remaining = (total - done) * elapsedMs / progressed / 1000;
        m_bar->setFormat(tr("%p % · %1").arg(remainingText(remaining)));
    } else {
        m_bar->setFormat(tr("%p %"));
    }
}
