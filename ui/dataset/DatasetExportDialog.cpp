#include "ui/dataset/DatasetExportDialog.h"

#include "ui/widgets/WorkspaceSession.h"

#include "database/Workspace.h"
#include "pipeline/DatasetExport.h"
#include "ui/widgets/JobProgress.h"
#include "ui/widgets/JobRunner.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <memory>

DatasetExportDialog::DatasetExportDialog(const QString& workspacePath, QWidget* parent)
    : QDialog(parent), m_workspacePath(workspacePath)
{
    setWindowTitle(tr("Export the Salient dataset"));
    setObjectName("datasetExportDialog");
    m_folder = new QLineEdit(this);
    m_folder->setPlaceholderText(tr("a new folder"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getSaveFileName(this, tr("Export to folder"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    m_force = new QCheckBox(tr("&Replace the folder if it exists"), this);
    auto* form = new QFormLayout;
    auto* folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_folder); // without a buddy the label would show the '&' itself
    form->addRow(folderLabel, folderRow);
    form->addRow(QString(), m_force);

    auto* note =
        new QLabel(tr("The Salient ImageNet layout: wordnet_dict.py, per class image_names_map.csv and "
                      "feature_<j>/<image>.JPEG grayscale masks, plus manifest.csv and annotations.csv."),
                   this);
    note->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_runner = new JobRunner(this);
    m_runner->setDescription(tr("Exporting the dataset"));
    m_progress = new JobProgress(m_runner, this);
    m_export = new QPushButton(tr("&Export"), this);
    m_export->setDefault(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_export, QDialogButtonBox::AcceptRole);
    connect(m_export, &QPushButton::clicked, this, &DatasetExportDialog::startExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(m_runner, &JobRunner::started, this, [this] { m_export->setEnabled(false); });
    connect(m_runner, &JobRunner::ended, this, [this] { m_export->setEnabled(true); });
    connect(m_runner, &JobRunner::succeeded, this, [this] {
        m_status->setText(tr("Exported %1 masks of %2 pairs to %3 (%4 kept from an interrupted export).")
                              .arg(m_result->masks)
                              .arg(m_result->pairs)
                              .arg(QString::fromStdString(m_result->directory))
                              .arg(m_result->reused));
        Q_EMIT exportEnded(true);
    });
    connect(m_runner, &JobRunner::failed, this, [this](const QString& message) {
        m_status->setText(tr("Export failed: %1").arg(message));
        Q_EMIT exportEnded(false);
    });
    connect(m_runner, &JobRunner::cancelled, this, [this] {
        m_status->setText(tr("Cancelled; export to the same folder again to resume."));
        Q_EMIT exportEnded(false);
    });
}

void DatasetExportDialog::startExport()
{
    if (m_folder->text().trimmed().isEmpty()) {
        m_status->setText(tr("Choose a folder first."));
        return;
    }
    if (m_runner->isRunning())
        return;
    salient::DatasetExportOptions options;
    options.directory = m_folder->text().trimmed().toStdString();
    options.force = m_force->isChecked();
    const std::string workspace = QFile::encodeName(m_workspacePath).toStdString();
    m_result = std::make_shared<salient::DatasetExportResult>();
    auto result = m_result;
    // A connection of its own in the worker thread.
    const bool started = m_runner->start([workspace, options, result](const salient::Job& job) {
        salient::Workspace opened = WorkspaceSession::openWorkerConnection(workspace);
        *result = salient::exportDataset(opened, options, job);
    });
    if (started)
        m_status->setText(tr("Exporting…"));
}
