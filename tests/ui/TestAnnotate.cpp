// The Annotate tab on a real indexed demo workspace, driven with key clicks only: sign in, answer three
// discovery HITs, a refused reason, skip, undo, a validation HIT; the database is checked through its own
// API. Screenshots of both study screens at 1366 x 768.
#include "ui/annotate/AnnotatePage.h"
#include "ui/annotate/HitPage.h"
#include "ui/annotate/QuestionForm.h"
#include "ui/annotate/SignInPanel.h"
#include "ui/annotate/ValidationHitPage.h"
#include "ui/features/ClassList.h"
#include "ui/features/FeatureBrowser.h"
#include "ui/shell/Appearance.h"
#include "ui/shell/WorkspacePage.h"
#include "ui/widgets/WorkspaceSession.h"

#include "database/Assignments.h"
#include "database/Responses.h"
#include "database/Studies.h"
#include "database/Workspace.h"
#include "pipeline/PairEvidence.h"

#include "../cli/CliRun.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

class TestAnnotate : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;
    /// The session every page of a test shares, as the window's pages do.
    WorkspaceSession m_session;

    static void save(QWidget& widget, const QString& name)
    {
        QTest::qWait(100); // layouts settle on the next turns of the event loop
        QVERIFY(widget.grab().save(QString(SALIENT_TEST_OUTPUT) + "/" + name));
    }

    /// A key typed where the focus is, as a person types it (shortcuts included).
    static void key(Qt::Key k, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget* focus = QApplication::focusWidget();
        QVERIFY(focus);
        QTest::keyClick(focus, k, modifiers);
    }
    static void type(const QString& text)
    {
        QWidget* focus = QApplication::focusWidget();
        QVERIFY(focus);
        QTest::keyClicks(focus, text);
    }

    salient::Study study(const std::string& name)
    {
        salient::Workspace workspace = salient::Workspace::open(m_workspace.toStdString(), false);
        return *salient::findStudy(workspace.database(), name);
    }

    std::vector<salient::Response> responses(const std::string& studyName)
    {
        salient::Workspace workspace = salient::Workspace::open(m_workspace.toStdString(), false);
        return salient::studyResponses(workspace.database(), study(studyName).id);
    }

    void showPage(AnnotatePage& page)
    {
        page.resize(1366, 768);
        page.show();
        QApplication::setActiveWindow(&page);
        QVERIFY(QTest::qWaitForWindowActive(&page));
    }

    void signIn(AnnotatePage& page, const QString& name)
    {
        QSignalSpy shown(&page, &AnnotatePage::hitShown);
        page.signInPanel()->nameEdit()->setFocus();
        type(name);
        key(Qt::Key_Return);
        QVERIFY(shown.wait(30000));
    }

    /// Chooses the study by keyboard: Alt+S focuses the chooser, arrows move through it.
    void chooseStudy(AnnotatePage& page, const QString& name)
    {
        key(Qt::Key_S, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget(), page.studyChooser());
        for (int i = 0;
             i < page.studyChooser()->count() && !page.studyChooser()->currentText().startsWith(name); ++i)
            key(Qt::Key_Up);
        QVERIFY(page.studyChooser()->currentText().startsWith(name));
    }

    /// Answer, confidence, reason and Enter, with the keyboard; waits until the answer is recorded.
    void answer(AnnotatePage& page, Qt::Key answerKey, Qt::Key confidenceKey, const QString& reason)
    {
        QSignalSpy recorded(&page, &AnnotatePage::answerRecorded);
        key(answerKey);
        key(confidenceKey);
        QCOMPARE(QApplication::focusWidget(), page.questionForm()->reasonEdit());
        type(reason);
        key(Qt::Key_Return);
        QVERIFY2(recorded.wait(30000), qPrintable(page.questionForm()->problem()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_workspace = m_dir.filePath("w");
        const QString model = QString(SALIENT_SOURCE_DIR) + "/resources/models/robust.pt";
        const QString w = m_workspace;
        // A validation study checks the labelled pairs of a discovery study: "seed" gets one scripted
        // answer per HIT. The study annotated here, "discovery", is created last, so it comes up first.
        for (const QStringList& command :
             {QStringList{"demo", w, "--world-only", "--train", "400", "--val", "40", "--test", "10",
                          "--balanced", "10"},
              QStringList{"workspace", "init", w, "--dataset", w + "/dataset", "--robust-model", model},
              QStringList{"index", "--workspace", w, "--device", "cpu"},
              QStringList{"hits", "create", "--study", "discovery", "--name", "seed", "--annotators-per-hit",
                          "1", "--workspace", w},
              QStringList{"hits", "answer", "--study", "seed", "--annotator", "script", "--answer",
                          "background", "--confidence", "4", "--reason", "the red covers the floor behind it",
                          "--all", "--workspace", w},
              QStringList{"hits", "create", "--study", "validation", "--from", "seed", "--workspace", w},
              QStringList{"hits", "create", "--study", "discovery", "--name", "discovery",
                          "--annotators-per-hit", "2", "--workspace", w}}) {
            const CliRun run = runSalient(command);
            QVERIFY2(run.exitCode == 0, run.err.constData());
        }
        m_session.open(m_workspace);
    }

    void discoveryWithTheKeyboardAlone()
    {
        AnnotatePage page(&m_session);
        showPage(page);
        QVERIFY(page.studyChooser()->currentText().startsWith("discovery"));
        QSignalSpy evidence(page.hitPage(), &HitPage::evidenceShown);
        signIn(page, "ada");
        QCOMPARE(page.annotator()->name, std::string("ada"));

        // First HIT: a reason the study's rule refuses shows its message and records nothing.
        const qint64 first = page.currentHitId();
        QVERIFY(first > 0);
        key(Qt::Key_2);
        key(Qt::Key_F4);
        type("ball");
        key(Qt::Key_Return);
        QVERIFY(!page.questionForm()->problem().isEmpty());
        QVERIFY(page.questionForm()->problemLabel()->isVisible());
        QVERIFY(!page.isBusy());
        QCOMPARE(page.currentHitId(), first);
        QCOMPARE(int(responses("discovery").size()), 0);
        QTRY_VERIFY_WITH_TIMEOUT(evidence.count() > 0, 120000);
        save(page, "annotate-discovery.png");

        // Emptied with the keyboard, then a real reason; digits typed in it stay text.
        key(Qt::Key_A, Qt::ControlModifier);
        key(Qt::Key_Backspace);
        type("the 3 red spots sit on the ball next to the item");
        QCOMPARE(page.questionForm()->answerButton(1)->isChecked(), true);
        QSignalSpy recorded(&page, &AnnotatePage::answerRecorded);
        key(Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(recorded.wait(30000));
        QVERIFY(page.questionForm()->problem().isEmpty());
        const qint64 second = page.currentHitId();
        QVERIFY(second > 0 && second != first);

        // F8 skips the second HIT for now: given back, and the next one comes.
        key(Qt::Key_F8);
        QTRY_VERIFY(page.currentHitId() != second && !page.isBusy());
        const qint64 third = page.currentHitId();
        {
            salient::Workspace workspace = salient::Workspace::open(m_workspace.toStdString(), false);
            const auto ada = salient::findAnnotator(workspace.database(), "ada");
            const auto held = salient::openAssignments(workspace.database(), study("discovery"), *ada);
            QCOMPARE(int(held.size()), 1);
            QCOMPARE(qint64(held.front().hit.id), third);
        }

        answer(page, Qt::Key_1, Qt::Key_F5, "the straps of the sandal are red in every image");
        const qint64 fourth = page.currentHitId();
        answer(page, Qt::Key_3, Qt::Key_F2, "only the plain backdrop behind the item is highlighted");
        QCOMPARE(page.annotatorProgress()->value(), 3);

        // Ctrl+Z withdraws the last answer (its HIT is still open): the form comes back filled in.
        QSignalSpy undone(&page, &AnnotatePage::answerUndone);
        key(Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(undone.wait(30000));
        QCOMPARE(page.currentHitId(), fourth);
        QCOMPARE(int(responses("discovery").size()), 2);
        QVERIFY(page.questionForm()->answerButton(2)->isChecked());
        QCOMPARE(page.questionForm()->reasonEdit()->toPlainText(),
                 QString("only the plain backdrop behind the item is highlighted"));
        // Corrected to "separate object" with Alt+2 from inside the reason, submitted with Enter.
        page.questionForm()->reasonEdit()->setFocus();
        QSignalSpy again(&page, &AnnotatePage::answerRecorded);
        key(Qt::Key_2, Qt::AltModifier);
        QVERIFY(page.questionForm()->answerButton(1)->isChecked());
        key(Qt::Key_Return);
        QVERIFY(again.wait(30000));

        // The database holds exactly these three answers.
        const auto stored = responses("discovery");
        QCOMPARE(int(stored.size()), 3);
        struct Expected
        {
            qint64 hit;
            const char* answer;
            int confidence;
            const char* reason;
        };
        const Expected expected[] = {
            {first, "separate_object", 4, "the 3 red spots sit on the ball next to the item"},
            {third, "main_object", 5, "the straps of the sandal are red in every image"},
            {fourth, "separate_object", 2, "only the plain backdrop behind the item is highlighted"},
        };
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(qint64(stored[std::size_t(i)].hitId), expected[i].hit);
            QCOMPARE(stored[std::size_t(i)].annotatorName, std::string("ada"));
            QCOMPARE(stored[std::size_t(i)].answer, std::string(expected[i].answer));
            QCOMPARE(stored[std::size_t(i)].confidence, expected[i].confidence);
            QCOMPARE(stored[std::size_t(i)].reason, std::string(expected[i].reason));
        }
        QCOMPARE(page.annotatorProgress()->value(), 3);
        QCOMPARE(page.overallProgress()->value(), 3);

        // Nobody gets a HIT twice: what comes next is none of those ada answered.
        QVERIFY(page.currentHitId() != first && page.currentHitId() != third &&
                page.currentHitId() != fourth);
    }

    void validationWithTheKeyboard()
    {
        AnnotatePage page(&m_session);
        showPage(page);
        chooseStudy(page, "validation");
        QSignalSpy heatmaps(page.validationPage(), &ValidationHitPage::evidenceShown);
        signIn(page, "bea");
        QVERIFY(page.validationPage()->isVisible());
        // Top and bottom images with their heatmaps: 4 rows of 5 on the demo.
        QTRY_VERIFY_WITH_TIMEOUT(heatmaps.count() > 0, 120000);
        QCOMPARE(page.validationPage()->picturesShown(), 4 * ValidationHitPage::PicturesPerRow);
        QVERIFY(page.questionForm()->answerButton(3) != nullptr);
        save(page, "annotate-validation.png");
        Appearance::apply(Appearance::Theme::Dark);
        QApplication::processEvents();
        save(page, "annotate-validation-dark.png");
        Appearance::apply(Appearance::Theme::Light);

        const qint64 hit = page.currentHitId();
        answer(page, Qt::Key_4, Qt::Key_F3, "the bottom row shows no clear region at all");
        const auto stored = responses("validation");
        QCOMPARE(int(stored.size()), 1);
        QCOMPARE(qint64(stored.front().hitId), hit);
        QCOMPARE(stored.front().answer, std::string("second_unclear"));
        QCOMPARE(stored.front().confidence, 3);
    }

    void pinKeepsOthersOut()
    {
        AnnotatePage page(&m_session);
        showPage(page);
        page.signInPanel()->nameEdit()->setFocus();
        type("cy");
        key(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), page.signInPanel()->pinEdit());
        type("4711");
        QSignalSpy shown(&page, &AnnotatePage::hitShown);
        key(Qt::Key_Return);
        QVERIFY(shown.wait(30000));
        key(Qt::Key_T, Qt::AltModifier); // Sign ou&t: a mnemonic clicks its button a moment later
        QTRY_COMPARE(QApplication::focusWidget(), page.signInPanel()->nameEdit());

        QSignalSpy failed(&page, &AnnotatePage::writeFailed);
        type("cy");
        key(Qt::Key_Tab);
        type("0000");
        key(Qt::Key_Return);
        QVERIFY(failed.wait(30000));
        QVERIFY(!page.annotator());
        QVERIFY(!page.signInPanel()->message().isEmpty());
    }

    void anAnswerThatCompletesItsHitPromisesNoUndo()
    {
        // One annotator per HIT: every answer completes its HIT, and a complete HIT cannot be undone.
        const CliRun run = runSalient({"hits", "create", "--study", "discovery", "--name", "solo",
                                       "--annotators-per-hit", "1", "--workspace", m_workspace});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        AnnotatePage page(&m_session);
        showPage(page);
        chooseStudy(page, "solo");
        signIn(page, "dee");
        answer(page, Qt::Key_1, Qt::Key_F4, "the outline of the shoe itself lights up in each image");
        const QString status = page.statusLabel()->text();
        QVERIFY2(status.contains("final") && !status.contains("Ctrl+Z"), qPrintable(status));

        QSignalSpy failed(&page, &AnnotatePage::writeFailed);
        key(Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(failed.wait(30000));
        QCOMPARE(int(responses("solo").size()), 1);
    }

    void oneRobustModelForEveryPage()
    {
        // A session opened afresh: the model the earlier tests loaded is let go.
        m_session.close();
        m_session.open(m_workspace);
        const int loadsBefore = salient::EvidenceSession::modelLoads();
        // The Features tab shows a pair...
        FeatureBrowser browser(&m_session);
        browser.resize(1366, 768);
        browser.show();
        QApplication::setActiveWindow(&browser);
        QVERIFY(QTest::qWaitForWindowActive(&browser));
        QSignalSpy pairShown(&browser, &FeatureBrowser::pairShown);
        QTest::keyClick(&browser, Qt::Key_F, Qt::ControlModifier);
        QTest::keyClicks(browser.classList()->searchField(), "sandal");
        QVERIFY(pairShown.wait(120000));

        // ...while one annotator's discovery HIT and another's validation HIT show theirs.
        AnnotatePage discoveryPage(&m_session);
        showPage(discoveryPage);
        QSignalSpy discovery(discoveryPage.hitPage(), &HitPage::evidenceShown);
        signIn(discoveryPage, "eve");
        QVERIFY(discovery.count() > 0 || discovery.wait(120000));
        AnnotatePage validationPage(&m_session);
        showPage(validationPage);
        chooseStudy(validationPage, "validation");
        QSignalSpy validation(validationPage.validationPage(), &ValidationHitPage::evidenceShown);
        signIn(validationPage, "fay");
        QTRY_VERIFY_WITH_TIMEOUT(validation.count() > 0, 120000);

        QCOMPARE(salient::EvidenceSession::modelLoads() - loadsBefore, 1);
    }

    void theWindowFollowsTheCommandLine()
    {
        WorkspacePage page(&m_session);
        page.resize(1366, 768);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QComboBox* chooser = page.annotatePage()->studyChooser();
        QAbstractItemModelTester chooserModel(chooser->model(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int studies = chooser->count();
        const QString chosen = chooser->currentText();
        QVERIFY(chosen.startsWith("solo"));

        // A study made on the command line joins the chooser; the one in hand stays chosen.
        const CliRun created = runSalient({"hits", "create", "--study", "discovery", "--name", "late",
                                           "--annotators-per-hit", "1", "--workspace", m_workspace});
        QVERIFY2(created.exitCode == 0, created.err.constData());
        QTRY_COMPARE_WITH_TIMEOUT(chooser->count(), studies + 1, 5000);
        QCOMPARE(chooser->currentText(), chosen);
        // A study is labelled with its kind unless its name already says it.
        QVERIFY(chooser->findText("late (discovery)") >= 0);
        QVERIFY(chooser->findText("discovery") >= 0);

        // An answer given on the command line moves everyone's progress.
        const int answered = page.annotatePage()->overallProgress()->value();
        const CliRun answer = runSalient({"hits", "answer", "--study", "solo", "--annotator", "zed",
                                          "--answer", "background", "--confidence", "4", "--reason",
                                          "the red covers the floor behind it", "--workspace", m_workspace});
        QVERIFY2(answer.exitCode == 0, answer.err.constData());
        QTRY_COMPARE_WITH_TIMEOUT(page.annotatePage()->overallProgress()->value(), answered + 1, 5000);
    }
};

QTEST_MAIN(TestAnnotate)
#include "TestAnnotate.moc"
