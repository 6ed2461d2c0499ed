#include "ui/annotate/AnnotatePage.h"

#include "ui/annotate/HitPage.h"
#include "ui/annotate/NewStudyDialog.h"
#include "ui/annotate/QuestionForm.h"
#include "ui/annotate/SignInPanel.h"
#include "ui/annotate/StudyOverviewDialog.h"
#include "ui/annotate/ValidationHitPage.h"
#include "ui/models/StudyListModel.h"
#include "ui/widgets/JobRunner.h"
#include "ui/widgets/VerticalScrollArea.h"
#include "ui/widgets/WorkspaceSession.h"

#include "database/Assignments.h"
#include "database/Responses.h"
#include "database/StudySummary.h"
#include "database/Workspace.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

namespace {

enum Page
{
    SignInPage,
    HitViewPage,
    DonePage,
};

QString text(const std::string& value)
{
    return QString::fromStdString(value);
}

struct Next
{
    std::optional<salient::Hit> hit;
    std::vector<std::int64_t> skipped;
    bool skippedAgain = false; ///< only skipped HITs were left, so they come round again
};

/// The annotator's next HIT, passing over the skipped ones until nothing else is left.
Next takeNext(salient::Database& db, const salient::Study& study, const salient::Annotator& annotator,
              std::vector<std::int64_t> skipped)
{
    Next next{std::nullopt, std::move(skipped), false};
    auto assignment = salient::nextHit(db, study, annotator, next.skipped);
    if (!assignment && !next.skipped.empty()) {
        next.skipped.clear();
        next.skippedAgain = true;
        assignment = salient::nextHit(db, study, annotator);
    }
    if (assignment)
        next.hit = assignment->hit;
    return next;
}

} // namespace

AnnotatePage::AnnotatePage(WorkspaceSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_writer(new JobRunner(this))
{
    setObjectName("annotatePage");

    m_studyModel = new StudyListModel(this);
    m_studies = new QComboBox(this);
    m_studies->setObjectName("studyChooser");
    m_studies->setModel(m_studyModel);
    m_studies->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* studyLabel = new QLabel(tr("&Study"), this);
    studyLabel->setBuddy(m_studies);
    m_newStudy = new QPushButton(tr("New Study…"), this);
    m_newStudy->setObjectName("newStudy");
    m_newStudy->setToolTip(tr("Create a discovery or a validation study"));
    m_overview = new QPushButton(tr("Overview…"), this);
    m_overview->setObjectName("studyOverviewButton");
    m_overview->setToolTip(tr("The study's progress, labels and agreement, per annotator"));
    m_studyFacts = new QLabel(this);
    m_studyFacts->setForegroundRole(QPalette::PlaceholderText);
    m_who = new QLabel(this);
    m_who->setObjectName("signedInAs");
    m_signOut = new QPushButton(tr("Sign ou&t"), this);
    m_signOut->hide();
    auto* header = new QHBoxLayout;
    header->addWidget(studyLabel);
    header->addWidget(m_studies);
    header->addWidget(m_newStudy);
    header->addWidget(m_overview);
    header->addWidget(m_studyFacts, 1);
    header->addWidget(m_who);
    header->addWidget(m_signOut);

    m_mine = new QProgressBar(this);
    m_mine->setObjectName("annotatorProgress");
    m_everyone = new QProgressBar(this);
    m_everyone->setObjectName("overallProgress");
    for (QProgressBar* bar : {m_mine, m_everyone})
        bar->setTextVisible(true);
    auto* progress = new QHBoxLayout;
    progress->addWidget(m_mine, 1);
    progress->addWidget(m_everyone, 1);

    m_keys = new QLabel(this);
    m_keys->setWordWrap(true);
    m_keys->setForegroundRole(QPalette::PlaceholderText);

    // Sign-in page, centred so that it reads well on a wide screen.
    m_signIn = new SignInPanel(this);
    auto* signInPage = new QWidget(this);
    auto* signInLayout = new QHBoxLayout(signInPage);
    signInLayout->addStretch(1);
    signInLayout->addWidget(m_signIn, 3);
    signInLayout->addStretch(1);

    // The HIT: its evidence on the left, the questions on the right.
    m_hitPage = new HitPage(session, this);
    m_validationPage = new ValidationHitPage(session, this);
    m_evidence = new QStackedWidget(this);
    m_evidence->addWidget(m_hitPage);
    m_evidence->addWidget(verticalScrollArea(m_validationPage, this));
    m_form = new QuestionForm(this);
    m_submit = new QPushButton(tr("Submit (Enter)"), this);
    m_submit->setObjectName("submitAnswer");
    m_skip = new QPushButton(tr("Skip for now (F8)"), this);
    m_undo = new QPushButton(tr("Undo my last answer (Ctrl+Z)"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_submit);
    buttons->addWidget(m_skip);
    buttons->addStretch(1);
    auto* questions = new QWidget(this);
    auto* questionsLayout = new QVBoxLayout(questions);
    questionsLayout->addWidget(m_form);
    questionsLayout->addLayout(buttons);
    questionsLayout->addWidget(m_undo, 0, Qt::AlignLeft);
    questionsLayout->addStretch(1);
    auto* questionsArea = verticalScrollArea(questions, this);
    questionsArea->setMinimumWidth(
        std::max(fontMetrics().averageCharWidth() * 44, questions->minimumSizeHint().width()) +
        style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_evidence);
    splitter->addWidget(questionsArea);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setChildrenCollapsible(false);
    const int em = fontMetrics().averageCharWidth();
    splitter->setSizes({em * 110, em * 50});
    m_hitView = splitter;

    m_done = new QLabel(this);
    m_done->setObjectName("studyDone");
    m_done->setAlignment(Qt::AlignCenter);
    m_done->setWordWrap(true);

    m_pages = new QStackedWidget(this);
    m_pages->insertWidget(SignInPage, signInPage);
    m_pages->insertWidget(HitViewPage, m_hitView);
    m_pages->insertWidget(DonePage, m_done);

    m_status = new QLabel(this);
    m_status->setObjectName("annotateStatus");
    m_status->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(progress);
    layout->addWidget(m_keys);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_status);

    connect(m_studies, &QComboBox::activated, this, &AnnotatePage::chooseStudy);
    connect(m_newStudy, &QPushButton::clicked, this, [this] { newStudy(); });
    connect(m_overview, &QPushButton::clicked, this, &AnnotatePage::showOverview);
    connect(m_signIn, &SignInPanel::signInRequested, this, &AnnotatePage::signIn);
    connect(m_signOut, &QPushButton::clicked, this, &AnnotatePage::signOut);
    connect(m_form, &QuestionForm::submitRequested, this, &AnnotatePage::submit);
    connect(m_submit, &QPushButton::clicked, this, &AnnotatePage::submit);
    connect(m_skip, &QPushButton::clicked, this, &AnnotatePage::skip);
    connect(m_undo, &QPushButton::clicked, this, &AnnotatePage::undo);
    connect(m_writer, &JobRunner::failed, this, [this](const QString& message) {
        if (m_annotator) {
            m_form->showProblem(message);
            setStatus(message);
        } else {
            m_signIn->showMessage(message);
        }
        Q_EMIT writeFailed(message);
    });
    connect(m_writer, &JobRunner::ended, this, [this] { m_signIn->setBusy(false); });

    // The keys work anywhere in the HIT, pictures included. The reason box takes printable keys (plain
    // digits among them) and Ctrl+Z before any shortcut, so typing a reason never picks an answer.
    auto shortcut = [this](QKeySequence keys, auto slot) {
        auto* s = new QShortcut(keys, m_hitView);
        s->setContext(Qt::WidgetWithChildrenShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    for (int i = 0; i < 4; ++i) {
        shortcut(QKeySequence(Qt::Key(Qt::Key_1 + i)), [this, i] { m_form->chooseAnswer(i); });
        shortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)), [this, i] { m_form->chooseAnswer(i); });
    }
    for (int level = 1; level <= 5; ++level)
        shortcut(QKeySequence(Qt::Key(Qt::Key_F1 + level - 1)),
                 [this, level] { m_form->chooseConfidence(level); });
    for (auto key : {Qt::Key_Return, Qt::Key_Enter})
        shortcut(QKeySequence(Qt::CTRL | key), [this] { submit(); });
    shortcut(QKeySequence(Qt::Key_F8), [this] { skip(); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Z), [this] { undo(); });

    connect(session, &WorkspaceSession::opened, this, &AnnotatePage::workspaceChanged);
    connect(session, &WorkspaceSession::closed, this, &AnnotatePage::workspaceChanged);
    // What another annotator, the CLI or a cluster job commits shows up within about a second.
    connect(session, &WorkspaceSession::changed, this, [this](WorkspaceSession::Area area) {
        if (area == WorkspaceSession::Area::Studies)
            refreshStudies();
        else if (area == WorkspaceSession::Area::Answers)
            updateProgress();
    });
    workspaceChanged();
}

AnnotatePage::~AnnotatePage() = default;

bool AnnotatePage::isBusy() const
{
    return m_writer->isRunning();
}

void AnnotatePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Coming to the tab: studies made meanwhile (e.g. by `salient hits create`) are listed, and typing
    // starts where it is needed.
    if (m_pages->currentIndex() == SignInPage) {
        if (!isBusy())
            reloadStudies();
        m_signIn->nameEdit()->setFocus();
    }
}

void AnnotatePage::workspaceChanged()
{
    m_study.reset();
    signOut();
    reloadStudies();
}

void AnnotatePage::reloadStudies()
{
    const std::optional<std::string> previous = m_study ? std::optional(m_study->uid) : std::nullopt;
    std::vector<salient::Study> studies;
    if (m_session->isOpen()) {
        try {
            studies = salient::studies(m_session->workspace().database());
        } catch (const std::exception& e) {
            setStatus(tr("The studies could not be read: %1").arg(text(e.what())));
        }
    }
    m_studyModel->setStudies(std::move(studies));
    const std::vector<salient::Study>& listed = m_studyModel->studies();
    m_studies->setEnabled(!listed.empty());
    m_overview->setEnabled(!listed.empty());
    m_newStudy->setEnabled(m_session->isOpen());
    m_signIn->setEnabled(!listed.empty());
    if (listed.empty()) {
        m_study.reset();
        m_studyFacts->clear();
        m_signIn->showMessage(tr("This workspace has no study yet. Create one with New Study… above (or "
                                 "“salient hits create --study discovery”)."));
        updateProgress();
        return;
    }
    // The study chosen before, else the latest one, as `salient hits` does.
    int index = m_studies->count() - 1;
    for (int i = 0; i < int(listed.size()); ++i)
        if (previous && listed[std::size_t(i)].uid == *previous)
            index = i;
    m_studies->setCurrentIndex(index);
    chooseStudy(index);
}

void AnnotatePage::refreshStudies()
{
    if (!m_study) {
        reloadStudies(); // nothing in hand to keep: also replaces a stale "no study yet"
        return;
    }
    std::vector<salient::Study> now;
    try {
        now = salient::studies(m_session->workspace().database());
    } catch (const std::exception&) {
        return; // the next change tries again
    }
    const auto sameStudy = [](const salient::Study& a, const salient::Study& b) {
        return a.uid == b.uid;
    };
    const std::vector<salient::Study>& listed = m_studyModel->studies();
    if (std::equal(now.begin(), now.end(), listed.begin(), listed.end(), sameStudy))
        return;
    const auto kept = std::find_if(now.begin(), now.end(),
                                   [this](const salient::Study& study) { return study.uid == m_study->uid; });
    if (kept == now.end()) {
        reloadStudies(); // the study in hand is gone
        return;
    }
    const int keptIndex = int(std::distance(now.begin(), kept));
    const QSignalBlocker blocker(m_studies);
    m_studyModel->setStudies(std::move(now));
    m_studies->setCurrentIndex(keptIndex);
}

void AnnotatePage::chooseStudy(int index)
{
    const std::vector<salient::Study>& listed = m_studyModel->studies();
    if (index < 0 || index >= int(listed.size()))
        return;
    m_study = listed[std::size_t(index)];
    m_skipped.clear();
    m_studyFacts->setText(m_study->answersPerHit == 1
                              ? tr("1 annotator per HIT")
                              : tr("%1 annotators per HIT").arg(m_study->answersPerHit));
    const bool discovery = m_study->kind == salient::StudyKind::Discovery;
    m_keys->setText(tr("Keys: %1 answer (Alt+%1 while typing the reason) · F1–F5 confidence · Enter submit "
                       "(Shift+Enter new line) · F8 skip · Ctrl+Z undo your last answer")
                        .arg(discovery ? "1–3" : "1–4"));
    updateProgress();
    if (!m_annotator || isBusy())
        return;
    const salient::Study study = *m_study;
    const salient::Annotator annotator = *m_annotator;
    write([this, study, annotator](salient::Workspace& workspace) -> Then {
        Next next = takeNext(workspace.database(), study, annotator, {});
        return [this, next] {
            showHit(next.hit);
        };
    });
}

void AnnotatePage::write(std::function<Then(salient::Workspace&)> work)
{
    m_signIn->setBusy(true);
    // Filled by the worker, read once the runner has joined it (succeeded comes after the join).
    auto then = std::make_shared<Then>();
    const std::string path = m_session->nativePath();
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_writer, &JobRunner::ended, this, [this, then, connection] {
        disconnect(*connection);
        if (*then)
            (*then)();
    });
    m_writer->start([path, work = std::move(work), then](const salient::Job&) {
        salient::Workspace workspace = WorkspaceSession::openWorkerConnection(path);
        *then = work(workspace);
    });
}

void AnnotatePage::signIn(const QString& name, const QString& pin)
{
    if (!m_study || isBusy())
        return;
    m_signIn->showMessage({});
    const salient::Study study = *m_study;
    const std::string who = name.toStdString();
    const std::optional<std::string> secret = pin.isEmpty() ? std::nullopt : std::optional(pin.toStdString());
    write([this, study, who, secret](salient::Workspace& workspace) -> Then {
        const salient::Annotator annotator = salient::signIn(workspace.database(), who, secret);
        Next next = takeNext(workspace.database(), study, annotator, {});
        return [this, annotator, next] {
            m_annotator = annotator;
            m_skipped.clear();
            m_who->setText(tr("Signed in as <b>%1</b>").arg(text(annotator.name).toHtmlEscaped()));
            m_signOut->show();
            setStatus({});
            showHit(next.hit);
        };
    });
}

void AnnotatePage::signOut()
{
    m_annotator.reset();
    m_hit.reset();
    m_skipped.clear();
    m_who->clear();
    m_signOut->hide();
    m_pages->setCurrentIndex(SignInPage);
    m_signIn->reset();
    setStatus({});
    updateProgress();
}

void AnnotatePage::showHit(const std::optional<salient::Hit>& hit)
{
    m_hit = hit;
    updateProgress();
    if (!hit) {
        m_done->setText(
            tr("Nothing is left for you in study “%1”. Thank you!\n\nOther studies may still need "
               "answers: choose one above.")
                .arg(m_study ? text(m_study->name) : QString()));
        m_pages->setCurrentIndex(DonePage);
        Q_EMIT studyDone();
        return;
    }
    const bool discovery = m_study->kind == salient::StudyKind::Discovery;
    if (discovery)
        m_hitPage->showHit(*hit);
    else
        m_validationPage->showHit(*hit);
    m_evidence->setCurrentIndex(discovery ? 0 : 1);
    m_pages->setCurrentIndex(HitViewPage);
    if (m_form->kind() != m_study->kind)
        m_form->setKind(m_study->kind);
    m_form->reset();
    Q_EMIT hitShown(hit->id);
}

void AnnotatePage::submit()
{
    if (!m_hit || !m_study || !m_annotator || isBusy())
        return;
    const salient::Answer answer = m_form->answer();
    QString problem;
    if (answer.answer.empty())
        problem = tr("Choose an answer first: keys 1–%1.").arg(salient::answerOptions(m_study->kind).size());
    else if (answer.confidence == 0)
        problem = tr("Choose how confident you are: F1 (not at all) to F5 (completely).");
    else
        problem = text(salient::answerProblem(*m_study, answer));
    m_form->showProblem(problem);
    if (!problem.isEmpty()) {
        if (!answer.answer.empty() && answer.confidence > 0)
            m_form->reasonEdit()->setFocus();
        return;
    }
    const salient::Study study = *m_study;
    const salient::Annotator annotator = *m_annotator;
    const std::int64_t hitId = m_hit->id;
    write([this, study, annotator, hitId, answer,
           skipped = m_skipped](salient::Workspace& workspace) -> Then {
        salient::submitAnswer(workspace.database(), study, hitId, annotator, answer);
        // An answer that completes the HIT is final (undoLastAnswer refuses it): promise no undo.
        const bool completed = salient::hitResponses(workspace.database(), hitId, annotator).size() >=
                               static_cast<std::size_t>(study.answersPerHit);
        Next next = takeNext(workspace.database(), study, annotator, skipped);
        return [this, hitId, next, completed] {
            m_skipped = next.skipped;
            setStatus(completed ? tr("Your answer to HIT %1 is recorded; it was the HIT's last answer, so "
                                     "it is final.")
                                      .arg(hitId)
                                : tr("Your answer to HIT %1 is recorded. Ctrl+Z takes it back while the "
                                     "HIT is open.")
                                      .arg(hitId));
            showHit(next.hit);
            Q_EMIT answerRecorded(hitId);
        };
    });
}

void AnnotatePage::skip()
{
    if (!m_hit || !m_study || !m_annotator || isBusy())
        return;
    const salient::Study study = *m_study;
    const salient::Annotator annotator = *m_annotator;
    const std::int64_t hitId = m_hit->id;
    std::vector<std::int64_t> skipped = m_skipped;
    skipped.push_back(hitId);
    write([this, study, annotator, hitId, skipped](salient::Workspace& workspace) -> Then {
        // Given back, so that others may take its place while this annotator goes on.
        salient::releaseHit(workspace.database(), hitId, annotator);
        Next next = takeNext(workspace.database(), study, annotator, skipped);
        return [this, hitId, next] {
            m_skipped = next.skipped;
            setStatus(next.skippedAgain ? tr("Only the HITs you skipped are left: here they come again.")
                                        : tr("HIT %1 skipped for now.").arg(hitId));
            showHit(next.hit);
        };
    });
}

void AnnotatePage::undo()
{
    if (!m_study || !m_annotator || isBusy())
        return;
    const salient::Study study = *m_study;
    const salient::Annotator annotator = *m_annotator;
    write([this, study, annotator](salient::Workspace& workspace) -> Then {
        const salient::Response withdrawn = salient::undoLastAnswer(workspace.database(), study, annotator);
        const std::optional<salient::Hit> hit = salient::findHit(workspace.database(), withdrawn.hitId);
        return [this, withdrawn, hit] {
            // The HIT is the annotator's again, with the withdrawn answer to correct.
            showHit(hit);
            m_form->restore({withdrawn.answer, withdrawn.confidence, withdrawn.reason});
            setStatus(
                tr("Your answer to HIT %1 is withdrawn: correct it and submit again.").arg(withdrawn.hitId));
            Q_EMIT answerUndone(withdrawn.hitId);
        };
    });
}

void AnnotatePage::updateProgress()
{
    m_mine->setVisible(m_study.has_value());
    m_everyone->setVisible(m_study.has_value());
    if (!m_study)
        return;
    try {
        const salient::StudyProgress progress =
            salient::studyProgress(m_session->workspace().database(), *m_study);
        int mine = 0;
        for (const salient::AnnotatorProgress& a : progress.annotators)
            if (m_annotator && a.name == m_annotator->name)
                mine = a.answered;
        m_mine->setRange(0, std::max(progress.hits, 1));
        m_mine->setValue(mine);
        m_mine->setFormat(m_annotator ? tr("You: %1 of %2 HITs answered").arg(mine).arg(progress.hits)
                                      : tr("Sign in to see your progress"));
        m_everyone->setRange(0, std::max(progress.answersNeeded, 1));
        m_everyone->setValue(progress.answers);
        m_everyone->setFormat(tr("Everyone: %1 of %2 answers · %3 of %4 HITs complete")
                                  .arg(progress.answers)
                                  .arg(progress.answersNeeded)
                                  .arg(progress.complete)
                                  .arg(progress.hits));
    } catch (const std::exception& e) {
        setStatus(tr("The progress could not be read: %1").arg(text(e.what())));
    }
}

void AnnotatePage::newStudy(salient::StudyKind kind)
{
    if (!m_session->isOpen())
        return;
    NewStudyDialog dialog(m_session, this);
    dialog.setKind(kind);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // The new study is chosen, as `salient hits` takes the latest.
    m_study = dialog.created().study;
    reloadStudies();
    setStatus(tr("Created study “%1” with %2 HITs.")
                  .arg(QString::fromStdString(dialog.created().study.name))
                  .arg(dialog.created().hits));
}

void AnnotatePage::showOverview()
{
    if (!m_study)
        return;
    auto* dialog = new StudyOverviewDialog(m_session, *m_study, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void AnnotatePage::setStatus(const QString& message)
{
    m_status->setText(message);
}
