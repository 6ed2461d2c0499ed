#include "ui/annotate/NewStudyDialog.h"

#include "ui/widgets/JobRunner.h"
#include "ui/widgets/LabelStyle.h"
#include "ui/widgets/WorkspaceSession.h"

#include "database/StudyKind.h"
#include "database/Workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <memory>

NewStudyDialog::NewStudyDialog(WorkspaceSession* session, QWidget* parent)
    : QDialog(parent), m_session(session), m_runner(new JobRunner(this))
{
    setWindowTitle(tr("New Study"));
    const salient::StudyOptions defaults;

    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Discovery: is each feature core or spurious?"), int(salient::StudyKind::Discovery));
    m_kind->addItem(tr("Validation: do a feature's top and bottom images agree?"),
                    int(salient::StudyKind::Validation));
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("the kind's name, numbered when taken"));
    m_annotators = new QSpinBox(this);
    m_annotators->setRange(1, 50);
    m_annotators->setValue(defaults.answersPerHit);
    m_annotators->setToolTip(tr("Distinct annotators who answer each HIT (the paper: 5)"));
    m_lease = new QSpinBox(this);
    m_lease->setRange(0, 7 * 24 * 60);
    m_lease->setValue(defaults.leaseSeconds / 60);
    m_lease->setSuffix(tr(" min"));
    m_lease->setToolTip(tr("How long a HIT handed to an annotator is held for them"));
    m_minChars = new QSpinBox(this);
    m_minChars->setRange(1, 1000);
    m_minChars->setValue(defaults.reasonRule.minChars);
    m_minWords = new QSpinBox(this);
    m_minWords->setRange(1, 200);
    m_minWords->setValue(defaults.reasonRule.minWords);
    m_source = new QComboBox(this);
    m_source->setToolTip(tr("The discovery study whose labelled features the validation study checks"));
    if (m_session->isOpen()) {
        try {
            for (const salient::Study& study : salient::studies(m_session->workspace().database()))
                if (study.kind == salient::StudyKind::Discovery)
                    m_source->insertItem(0, QString::fromStdString(study.name)); // the latest first
        } catch (const std::exception&) {
            // No studies to offer: creating then says why.
        }
        m_source->setCurrentIndex(0);
    }
    m_problem = new QLabel(this);
    m_problem->setObjectName("newStudyProblem");
    styleAsProblem(m_problem);
    m_problem->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Kind:"), m_kind);
    m_sourceLabel = new QLabel(tr("&Checks:"), this);
    m_sourceLabel->setBuddy(m_source);
    form->addRow(m_sourceLabel, m_source);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Annotators per HIT:"), m_annotators);
    form->addRow(tr("&Lease:"), m_lease);
    form->addRow(tr("Reason at least (c&haracters):"), m_minChars);
    form->addRow(tr("Reason at least (&words):"), m_minWords);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->addButton(tr("Create Study"), QDialogButtonBox::AcceptRole)->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewStudyDialog::create);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &NewStudyDialog::updateKind);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    updateKind();
}

void NewStudyDialog::updateKind()
{
    const bool validation = m_kind->currentData().toInt() == int(salient::StudyKind::Validation);
    m_sourceLabel->setVisible(validation);
    m_source->setVisible(validation);
}

void NewStudyDialog::setKind(salient::StudyKind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
}

salient::StudyRequest NewStudyDialog::request() const
{
    salient::StudyRequest request;
    request.kind = salient::StudyKind(m_kind->currentData().toInt());
    request.options.name = m_name->text().trimmed().toStdString();
    request.options.answersPerHit = m_annotators->value();
    request.options.leaseSeconds = m_lease->value() * 60;
    request.options.reasonRule.minChars = m_minChars->value();
    request.options.reasonRule.minWords = m_minWords->value();
    if (request.kind == salient::StudyKind::Validation && m_source->currentIndex() >= 0)
        request.from = m_source->currentText().toStdString();
    return request;
}

void NewStudyDialog::create()
{
    if (!m_session->isOpen() || m_runner->isRunning())
        return;
    m_problem->hide();
    m_buttons->setEnabled(false);
    const std::string path = m_session->nativePath();
    const salient::StudyRequest study = request();
    auto created = std::make_shared<salient::CreatedStudy>();
    auto connections = std::make_shared<QList<QMetaObject::Connection>>();
    auto finish = [this, connections] {
        for (const auto& c : *connections)
            disconnect(c);
        m_buttons->setEnabled(true);
    };
    connections->append(connect(m_runner, &JobRunner::succeeded, this, [this, created, finish] {
        finish();
        m_created = *created;
        m_session->announce(WorkspaceSession::Area::Studies);
        accept();
    }));
    connections->append(connect(m_runner, &JobRunner::failed, this, [this, finish](const QString& message) {
        finish();
        m_problem->setText(message);
        m_problem->show();
    }));
    m_runner->start([path, study, created](const salient::Job&) {
        salient::Workspace workspace = WorkspaceSession::openWorkerConnection(path);
        *created = salient::createStudyInWorkspace(workspace, study);
    });
}
