#include "ui/overview/WorkspaceSetupDialog.h"

#include "ui/widgets/JobRunner.h"
#include "ui/widgets/LabelStyle.h"
#include "ui/widgets/LatestJobRunner.h"
#include "ui/widgets/WorkspaceSession.h"

#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"
#include "pipeline/WorkspaceSetup.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMetaObject>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

QString configured(WorkspaceSession* session, const char* key)
{
    if (!session->isOpen() || !session->workspace().configValue(key))
        return {};
    return QFile::decodeName(QByteArray::fromStdString(salient::workspaceFile(session->workspace(), key)));
}

std::string nativePath(const QLineEdit* edit)
{
    return QFile::encodeName(edit->text().trimmed()).toStdString();
}

/// "ResNet-50 (state dict), native: features and heatmaps available · 1000 classes · resize 256, crop 224"
QString describe(const salient::ModelInfo& info)
{
    QString text =
        WorkspaceSetupDialog::tr("%1 (%2), %3 · %4 classes · %5 parameters")
            .arg(QString::fromStdString(info.architecture), QString::fromStdString(info.formatDescription()),
                 info.native ? WorkspaceSetupDialog::tr("runs natively: features and heatmaps available")
                             : WorkspaceSetupDialog::tr("a black box: it cannot be indexed"))
            .arg(info.numClasses)
            .arg(QLocale().toString(qlonglong(info.parameterCount)));
    return text;
}

} // namespace

WorkspaceSetupDialog::WorkspaceSetupDialog(WorkspaceSession* session, QWidget* parent)
    : QDialog(parent), m_session(session), m_describer(new LatestJobRunner(this))
{
    setObjectName("workspaceSetup");
    setWindowTitle(tr("Set Up Workspace"));
    m_dataset = new QLineEdit(configured(session, salient::WorkspaceKeys::Dataset), this);
    m_dataset->setPlaceholderText(tr("the folder holding train/<class>/ images"));
    m_robust = new QLineEdit(configured(session, salient::WorkspaceKeys::RobustModel), this);
    m_robust->setPlaceholderText(tr("an adversarially trained ResNet (.pt, .pth, .ckpt)"));
    m_standard = new QLineEdit(configured(session, salient::WorkspaceKeys::StandardModel), this);
    m_standard->setPlaceholderText(tr("optional: a second classifier for sweeps"));
    m_robustInfo = new QLabel(this);
    m_robustInfo->setObjectName("robustModelInfo");
    m_robustInfo->setWordWrap(true);
    m_robustInfo->setForegroundRole(QPalette::PlaceholderText);
    m_problem = new QLabel(this);
    m_problem->setObjectName("setupProblem");
    styleAsProblem(m_problem);
    m_problem->hide();

    auto withBrowse = [this](QLineEdit* edit, bool folder) {
        auto* row = new QHBoxLayout;
        auto* browse = new QPushButton(tr("Browse…"), this);
        connect(browse, &QPushButton::clicked, this, [this, edit, folder] {
            const QString start = edit->text().isEmpty() ? m_session->path() : edit->text();
            const QString chosen =
                folder ? QFileDialog::getExistingDirectory(this, tr("Training Images"), start)
                       : QFileDialog::getOpenFileName(this, tr("Model File"), start,
                                                      tr("Model files (*.pt *.pth *.ckpt);;All files (*)"));
            if (!chosen.isEmpty()) {
                edit->setText(chosen);
                Q_EMIT edit->editingFinished();
            }
        });
        row->addWidget(edit, 1);
        row->addWidget(browse);
        return row;
    };
    auto* form = new QFormLayout;
    form->addRow(tr("&Images:"), withBrowse(m_dataset, true));
    form->addRow(tr("&Robust model:"), withBrowse(m_robust, false));
    form->addRow(QString(), m_robustInfo);
    form->addRow(tr("&Standard model:"), withBrowse(m_standard, false));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &WorkspaceSetupDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_robust, &QLineEdit::editingFinished, this, &WorkspaceSetupDialog::describeRobustModel);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 100, sizeHint().height());
    describeRobustModel();
}

void WorkspaceSetupDialog::describeRobustModel()
{
    const std::string path = nativePath(m_robust);
    if (path.empty()) {
        m_robustInfo->clear();
        return;
    }
    m_robustInfo->setText(tr("Reading the model…"));
    m_describer->request([this, path](const salient::Job&) {
        QString text;
        try {
            text = describe(salient::describeModelFile(path));
        } catch (const std::exception& e) {
            text = tr("Not readable: %1").arg(QString::fromStdString(e.what()));
        }
        QMetaObject::invokeMethod(
            this,
            [this, text] {
                m_robustInfo->setText(text);
                Q_EMIT robustModelDescribed();
            },
            Qt::QueuedConnection);
    });
}

void WorkspaceSetupDialog::save()
{
    if (!m_session->isOpen())
        return;
    salient::WorkspaceSetup setup;
    setup.dataset = nativePath(m_dataset);
    setup.robustModel = nativePath(m_robust);
    setup.standardModel = nativePath(m_standard);
    try {
        salient::setUpWorkspace(m_session->workspace(), setup);
    } catch (const std::exception& e) {
        m_problem->setText(QString::fromStdString(e.what()));
        m_problem->show();
        return;
    }
    m_session->announce(WorkspaceSession::Area::Setup);
    accept();
}
