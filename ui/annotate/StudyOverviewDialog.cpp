#include "ui/annotate/StudyOverviewDialog.h"

#include "ui/models/AnnotatorProgressModel.h"
#include "ui/widgets/JobProgress.h"
#include "ui/widgets/JobRunner.h"
#include "ui/widgets/LabelStyle.h"
#include "ui/widgets/WorkspaceSession.h"

#include "database/StudyKind.h"
#include "database/StudySummary.h"
#include "database/Workspace.h"
#include "pipeline/GroundTruthAnnotator.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

QString kappaText(const std::optional<double>& kappa)
{
    return kappa ? QLocale().toString(*kappa, 'f', 2) : StudyOverviewDialog::tr("not defined yet");
}

/// The summary as rows of a two-column table in rich text.
QString summaryText(const salient::StudySummary& s, const salient::StudyProgress& p)
{
    const QLocale locale;
    auto row = [](const QString& name, const QString& value) {
        return QStringLiteral("<tr><td style='padding-right:1.5em'>%1</td><td>%2</td></tr>")
            .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    QString rows;
    rows += row(StudyOverviewDialog::tr("HITs"),
                StudyOverviewDialog::tr("%1, %2 complete, %3 with a final label (%4 adjudicated)")
                    .arg(locale.toString(s.pairs), locale.toString(s.complete), locale.toString(s.labelled),
                         locale.toString(s.adjudicated)));
    const QString answered = locale.toString(p.answers), needed = locale.toString(p.answersNeeded);
    const QString answers = s.annotators == 1
                                ? StudyOverviewDialog::tr("%1 of %2 from 1 annotator").arg(answered, needed)
                                : StudyOverviewDialog::tr("%1 of %2 from %3 annotators")
                                      .arg(answered, needed, locale.toString(s.annotators));
    const QString held = p.held == 1 ? StudyOverviewDialog::tr("1 HIT held")
                                     : StudyOverviewDialog::tr("%1 HITs held").arg(locale.toString(p.held));
    rows += row(StudyOverviewDialog::tr("Answers"), answers + QStringLiteral("; ") + held);
    QStringList labels;
    for (const auto& [label, count] : s.labels)
        labels << QStringLiteral("%1 %2").arg(QString::fromStdString(label)).arg(count);
    rows += row(StudyOverviewDialog::tr("Final labels"),
                labels.isEmpty() ? StudyOverviewDialog::tr("none yet") : labels.join(QStringLiteral(" · ")));
    const bool discovery = s.study.kind == salient::StudyKind::Discovery;
    if (discovery)
        rows += row(StudyOverviewDialog::tr("Spurious kinds"),
                    StudyOverviewDialog::tr("background %1 · separate object %2 · ambiguous %3")
                        .arg(s.background)
                        .arg(s.separateObject)
                        .arg(s.ambiguous));
    rows += row(StudyOverviewDialog::tr("Fleiss' kappa"), kappaText(s.kappa));
    if (discovery)
        rows += row(StudyOverviewDialog::tr("Kappa, core vs spurious"), kappaText(s.kappaCoreSpurious));
    rows += row(
        StudyOverviewDialog::tr("Classes"),
        StudyOverviewDialog::tr("%1, %2 with a spurious feature").arg(s.classes).arg(s.classesWithSpurious));
    return QStringLiteral("<table>%1</table>").arg(rows);
}

} // namespace

StudyOverviewDialog::StudyOverviewDialog(WorkspaceSession* session, const salient::Study& study,
                                         QWidget* parent)
    : QDialog(parent), m_session(session), m_study(study), m_model(new AnnotatorProgressModel(this)),
      m_runner(new JobRunner(this))
{
    setObjectName("studyOverview");
    setWindowTitle(tr("Study Overview"));
    const TitleLabels title = makeTitleLabels(this);
    title.title->setText(QString::fromStdString(study.name));
    const QString kind = QString::fromUtf8(salient::toString(study.kind));
    title.details->setText(study.answersPerHit == 1
                               ? tr("%1 study · 1 annotator per HIT").arg(kind)
                               : tr("%1 study · %2 annotators per HIT").arg(kind).arg(study.answersPerHit));
    m_summary = new QLabel(this);
    m_summary->setObjectName("studySummary");
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_annotators = new QTreeView(this);
    m_annotators->setObjectName("annotatorProgress");
    m_annotators->setModel(m_model);
    m_annotators->setRootIsDecorated(false);
    m_annotators->setUniformRowHeights(true);
    m_annotators->setAlternatingRowColors(true);
    m_annotators->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_annotators->header()->setStretchLastSection(false);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_progress = new JobProgress(m_runner, this);
    m_runner->setDescription(tr("Answering with the demo's ground truth"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // The demo world knows where every object lies; its simulated annotator answers in seconds.
    m_groundTruth = buttons->addButton(tr("Answer with Ground Truth"), QDialogButtonBox::ActionRole);
    m_groundTruth->setObjectName("groundTruthButton");
    m_groundTruth->setToolTip(
        tr("Demo workspaces: answer every open HIT from the world's true object masks"));
    m_groundTruth->setVisible(study.kind == salient::StudyKind::Discovery);
    connect(m_groundTruth, &QPushButton::clicked, this, &StudyOverviewDialog::answerWithGroundTruth);
    connect(m_runner, &JobRunner::started, this, [this] { m_groundTruth->setEnabled(false); });
    connect(m_runner, &JobRunner::ended, this, [this] { m_groundTruth->setEnabled(true); });
    connect(m_runner, &JobRunner::succeeded, this, [this] {
        m_status->setText(tr("Answered as the ground-truth annotator."));
        m_session->announce(WorkspaceSession::Area::Answers);
    });
    connect(m_runner, &JobRunner::failed, this,
            [this](const QString& message) { m_status->setText(tr("Not answered: %1").arg(message)); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title.title);
    layout->addWidget(title.details);
    layout->addWidget(m_summary);
    layout->addWidget(m_annotators, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 90, fontMetrics().height() * 28);

    connect(session, &WorkspaceSession::changed, this, [this](WorkspaceSession::Area area) {
        if (area == WorkspaceSession::Area::Answers || area == WorkspaceSession::Area::Studies)
            reload();
    });
    connect(session, &WorkspaceSession::closed, this, &QDialog::reject);
    reload();
}

void StudyOverviewDialog::reload()
{
    if (!m_session->isOpen())
        return;
    try {
        salient::Database& db = m_session->workspace().database();
        const salient::StudySummary summary = salient::summarizeStudy(db, m_study);
        salient::StudyProgress progress = salient::studyProgress(db, m_study);
        m_summary->setText(summaryText(summary, progress));
        m_model->setAnnotators(std::move(progress.annotators));
    } catch (const std::exception& e) {
        m_summary->setText(
            tr("The study could not be read: %1").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
    }
}

void StudyOverviewDialog::answerWithGroundTruth()
{
    if (!m_session->isOpen() || m_runner->isRunning())
        return;
    const std::string path = m_session->nativePath();
    const std::string study = m_study.name;
    m_runner->start([path, study](const salient::Job& job) {
        salient::Workspace workspace = WorkspaceSession::openWorkerConnection(path);
        salient::autolabelFromGroundTruth(workspace, study, "auto", job);
    });
}
