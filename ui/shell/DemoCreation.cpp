#include "ui/shell/DemoCreation.h"

#include "ui/widgets/JobRunner.h"

#include <QFile>
#include <QProgressDialog>
#include <QWidget>

DemoCreation::DemoCreation(QWidget* parent) : QObject(parent), m_parent(parent), m_runner(new JobRunner(this))
{
    m_runner->setDescription(tr("Making the demo workspace"));
    connect(m_runner, &JobRunner::progressed, this, [this](qint64 done, qint64 total, const QString& stage) {
        if (!m_progress)
            return;
        m_progress->setLabelText(stage);
        m_progress->setMaximum(int(std::min<qint64>(total, 1'000'000'000)));
        m_progress->setValue(int(std::min(done, total)));
    });
    connect(m_runner, &JobRunner::succeeded, this, [this] { Q_EMIT created(m_dir); });
    connect(m_runner, &JobRunner::failed, this, &DemoCreation::failed);
    connect(m_runner, &JobRunner::ended, this, [this] {
        if (m_progress)
            m_progress->deleteLater();
        m_progress = nullptr;
    });
}

bool DemoCreation::start(const QString& dir, const salient::DemoSetupOptions& options)
{
    if (m_runner->isRunning())
        return false;
    m_dir = dir;
    m_progress = new QProgressDialog(tr("Making the Spurious Fashion world…"), tr("Cancel"), 0, 0, m_parent);
    m_progress->setWindowTitle(tr("Demo Workspace"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, m_runner, &JobRunner::cancel);
    const std::string path = QFile::encodeName(dir).toStdString();
    return m_runner->start(
        [path, options](const salient::Job& job) { salient::createDemoWorkspace(path, options, job); });
}
