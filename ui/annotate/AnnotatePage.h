#pragma once

#include "database/Annotators.h"
#include "database/Studies.h"

#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class HitPage;
class JobRunner;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QuestionForm;
class SignInPanel;
class StudyListModel;
class ValidationHitPage;
class WorkspaceSession;

namespace salient {
class Workspace;
}

/// The "Annotate" tab: choose a study, sign in, answer its HITs one after the other with the keyboard,
/// see one's own progress and everyone's. The database hands out the HITs (nobody gets one twice, each goes
/// to the study's N annotators) and hides the others' answers.
///
/// Keys while a HIT is shown: 1-3 (discovery) or 1-4 (validation) choose the answer, also as Alt+1-4 while
/// typing the reason, which takes plain digits as text; F1-F5 the confidence; Enter or Ctrl+Enter submits;
/// F8 skips the HIT for now; Ctrl+Z (outside the reason box) withdraws one's last answer while its HIT is
/// still open.
class AnnotatePage : public QWidget
{
    Q_OBJECT

public:
    /// Lists the session's studies, and follows them; a workspace opened or closed signs the annotator out.
    explicit AnnotatePage(WorkspaceSession* session, QWidget* parent = nullptr);
    ~AnnotatePage() override;

    void reloadStudies();
    /// After another process changed the studies: new studies join the chooser; the study, the
    /// annotator and the HIT in hand (with what is typed) stay as they are.
    void refreshStudies();
    /// The progress bars again, after answers were given elsewhere.
    void updateProgress();

    QComboBox* studyChooser() const { return m_studies; }
    QPushButton* newStudyButton() const { return m_newStudy; }
    QPushButton* overviewButton() const { return m_overview; }
    SignInPanel* signInPanel() const { return m_signIn; }
    QuestionForm* questionForm() const { return m_form; }
    HitPage* hitPage() const { return m_hitPage; }
    ValidationHitPage* validationPage() const { return m_validationPage; }
    QProgressBar* annotatorProgress() const { return m_mine; }
    QProgressBar* overallProgress() const { return m_everyone; }
    QLabel* statusLabel() const { return m_status; }

    /// The HIT on screen, -1 when none.
    qint64 currentHitId() const { return m_hit ? m_hit->id : -1; }
    std::optional<salient::Annotator> annotator() const { return m_annotator; }
    bool isBusy() const;

public Q_SLOTS:
    void submit();
    void skip();
    void undo();
    void signOut();
    /// Asks for a new study's settings (of `kind` to begin with) and creates it; the new study is then
    /// chosen.
    void newStudy(salient::StudyKind kind = salient::StudyKind::Discovery);
    /// Opens the lead's view of the chosen study.
    void showOverview();

protected:
    void showEvent(QShowEvent* event) override;

Q_SIGNALS:
    void hitShown(qint64 hitId);
    /// Nothing is left for the annotator in the study.
    void studyDone();
    void answerRecorded(qint64 hitId);
    void answerUndone(qint64 hitId);
    /// A write was refused or failed; the message is on screen.
    void writeFailed(const QString& message);

private:
    /// What to do on the GUI thread once a write is done.
    using Then = std::function<void()>;
    /// Runs database writes off the GUI thread, on their own connection: they may wait for other writers.
    void write(std::function<Then(salient::Workspace&)> work);

    void signIn(const QString& name, const QString& pin);
    void chooseStudy(int index);
    void showHit(const std::optional<salient::Hit>& hit);
    void setStatus(const QString& text);
    void workspaceChanged();

    WorkspaceSession* m_session = nullptr;
    StudyListModel* m_studyModel = nullptr;
    std::optional<salient::Study> m_study;
    std::optional<salient::Annotator> m_annotator;
    std::optional<salient::Hit> m_hit;
    /// HITs skipped in this sitting: passed over until nothing else is left.
    std::vector<std::int64_t> m_skipped;

    JobRunner* m_writer = nullptr;
    QComboBox* m_studies = nullptr;
    QPushButton* m_newStudy = nullptr;
    QPushButton* m_overview = nullptr;
    QLabel* m_studyFacts = nullptr;
    QLabel* m_who = nullptr;
    QPushButton* m_signOut = nullptr;
    QProgressBar* m_mine = nullptr;
    QProgressBar* m_everyone = nullptr;
    QLabel* m_keys = nullptr;
    QStackedWidget* m_pages = nullptr;
    SignInPanel* m_signIn = nullptr;
    QWidget* m_hitView = nullptr;
    QStackedWidget* m_evidence = nullptr;
    HitPage* m_hitPage = nullptr;
    ValidationHitPage* m_validationPage = nullptr;
    QuestionForm* m_form = nullptr;
    QPushButton* m_submit = nullptr;
    QPushButton* m_skip = nullptr;
    QPushButton* m_undo = nullptr;
    QLabel* m_done = nullptr;
    QLabel* m_status = nullptr;
};
