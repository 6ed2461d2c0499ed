#include "ui/overview/IndexPanel.h"

#include "ui/widgets/LabelStyle.h"

#include "ui/widgets/JobProgress.h"
#include "ui/widgets/JobRunner.h"

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

IndexPanel::IndexPanel(QWidget* parent) : QWidget(parent), m_runner(new JobRunner(this))
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
    connect(buildShortcut, &QShortcut::activated, this, [this] {
        if (m_build->isEnabled())
            m_build->animateClick();
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
    connect(m_runner, &JobRunner::ended, this, [this] { m_build->setEnabled(!m_path.isEmpty()); });
    connect(m_runner, &JobRunner::succeeded, this, [this] {
        reload();
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
    setWorkspace({});
}

void IndexPanel::setWorkspace(const QString& workspacePath)
{
    if (m_runner->isRunning())
        m_runner->cancel();
    m_path = workspacePath;
    reload();
}

void IndexPanel::reload()
{
    m_hasIndex = false;
    m_build->setEnabled(!m_path.isEmpty() && !m_runner->isRunning());
    if (m_path.isEmpty()) {
        m_status->clear();
        return;
    }
    try {
        salient::Workspace workspace = salient::Workspace::open(m_path.toStdString(), false);
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
    if (m_path.isEmpty())
        return;
    const std::string path = m_path.toStdString();
    salient::IndexStepOptions options;
    options.rebuild = m_hasIndex; // "Rebuild" means index again, beside the index it replaces
    m_runner->start([path, options](const salient::Job& job) {
        // A connection of this thread's own: SQLite connections are not shared across threads.
        salient::Workspace workspace = salient::Workspace::open(path, false);
        salient::runIndexStep(workspace, options, job);
    });
}
