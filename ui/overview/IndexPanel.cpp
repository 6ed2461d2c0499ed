#include "ui/overview/IndexPanel.h"

#include "ui/widgets/LabelStyle.h"

#include "ui/widgets/JobProgress.h"
#include "ui/widgets/JobRunner.h"
#include "ui/widgets/WorkspaceSession.h"

#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "pipeline/IndexStep.h"
#include "pipeline/WorkspacePaths.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>

#include <initializer_list>

IndexPanel::IndexPanel(WorkspaceSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_runner(new JobRunner(this))
{
    setObjectName("indexPanel");
    m_runner->setDescription(tr("Building the feature index"));
    m_heading = new QLabel(tr("Feature index"), this);
    emphasise(m_heading, LabelEmphasis::Heading);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_build = new QPushButton(tr("&Build Feature Index"), this);
    // A QShortcut, not the button's own: setText() with a mnemonic replaces a button's shortcut.
    auto* buildShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_I), this);
    // It builds whether or not the button is shown (the dashboard shows its own).
    connect(buildShortcut, &QShortcut::activated, this, [this] {
        if (m_build->isEnabled())
            buildIndex();
    });
    m_build->setToolTip(tr("Run the robust model over the training images, rank every class's features "
                           "and store them in salient.db (Ctrl+I)"));
    m_progress = new JobProgress(m_runner, this);

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading, 0, 0);
    layout->addWidget(m_build, 0, 1, Qt::AlignRight);
    layout->addWidget(m_status, 1, 0, 1, 2);
    layout->addWidget(m_progress, 2, 0, 1, 2);
    layout->setColumnStretch(0, 1);

    connect(m_build, &QPushButton::clicked, this, &IndexPanel::buildIndex);
    connect(m_runner, &JobRunner::started, this, [this] { m_build->setEnabled(false); });
    connect(m_runner, &JobRunner::ended, this, [this] { m_build->setEnabled(m_session->isOpen()); });
    connect(m_runner, &JobRunner::succeeded, this, [this] {
        reload();
        m_session->announce(WorkspaceSession::Area::Index);
        Q_EMIT indexStored();
    });
    connect(m_runner, &JobRunner::cancelled, this, [this] {
        reload();
        m_status->setText(m_status->text() + ' ' +
                          tr("Indexing was cancelled; building again resumes where it stopped."));
    });
    connect(m_runner, &JobRunner::failed, this, [this](const QString& message) {
        reload();
        QMessageBox::warning(this, tr("Feature index"),
                             tr("The feature index could not be built:\n%1").arg(message));
    });
    connect(session, &WorkspaceSession::opened, this, &IndexPanel::workspaceChanged);
    connect(session, &WorkspaceSession::closed, this, &IndexPanel::workspaceChanged);
    connect(session, &WorkspaceSession::changed, this, [this](WorkspaceSession::Area area) {
        if (area == WorkspaceSession::Area::Index || area == WorkspaceSession::Area::Setup)
            reload();
    });
    reload();
}

void IndexPanel::showProgressOnly()
{
    for (QWidget* part : std::initializer_list<QWidget*>{m_heading, m_status, m_build})
        part->setVisible(false);
}

void IndexPanel::workspaceChanged()
{
    if (m_runner->isRunning())
        m_runner->cancel();
    reload();
}

void IndexPanel::reload()
{
    m_hasIndex = false;
    m_build->setEnabled(m_session->isOpen() && !m_runner->isRunning());
    if (!m_session->isOpen()) {
        m_status->clear();
        return;
    }
    try {
        salient::Workspace& workspace = m_session->workspace();
        const auto classes = salient::indexedClasses(workspace.database());
        if (!workspace.configValue(salient::WorkspaceKeys::FeatureIndex) || classes.empty()) {
            m_status->setText(tr("Not built yet. Building it runs the robust model over every training "
                                 "image and ranks each class's neural features."));
            m_build->setText(tr("&Build Feature Index"));
            return;
        }
        std::int64_t images = 0, correct = 0;
        for (const auto& cls : classes) {
            images += cls.images;
            correct += cls.correct;
        }
        const std::int64_t rows = salient::indexedImageCount(workspace.database());
        const QLocale locale;
        QString text =
            tr("%1 images in %2 classes; the robust model predicts %3 of them correctly.")
                .arg(locale.toString(qlonglong(rows)))
                .arg(classes.size())
                .arg(locale.toString(images > 0 ? 100.0 * double(correct) / double(images) : 0.0, 'f', 1) +
                     " %");
        if (rows > images)
            text += ' ' + tr("%1 images could not be read.").arg(locale.toString(qlonglong(rows - images)));
        m_status->setText(text);
        m_build->setText(tr("Re&build Feature Index"));
        m_hasIndex = true;
    } catch (const std::exception& e) {
        m_status->setText(tr("The index could not be read: %1").arg(QString::fromStdString(e.what())));
    }
}

void IndexPanel::buildIndex()
{
    if (!m_session->isOpen())
        return;
    const salient::Workspace& workspace = m_session->workspace();
    if (!workspace.configValue(salient::WorkspaceKeys::Dataset) ||
        !workspace.configValue(salient::WorkspaceKeys::RobustModel)) {
        Q_EMIT setupRequired();
        return;
    }
    const std::string path = m_session->nativePath();
    salient::IndexStepOptions options;
    options.rebuild = m_hasIndex; // "Rebuild" means index again, beside the index it replaces
    m_runner->start([path, options](const salient::Job& job) {
        // A connection of this thread's own: SQLite connections are not shared across threads.
        salient::Workspace workspace = WorkspaceSession::openWorkerConnection(path);
        salient::runIndexStep(workspace, options, job);
    });
}
