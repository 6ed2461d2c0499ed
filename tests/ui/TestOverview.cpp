// The Overview's dashboard, the workspace setup dialog and the study lead's dialogs (new study, study
// overview) on real workspaces: each step's state and figures against what was stored through the
// database's own API, refusals that keep what was typed, screenshots at 1366 x 768.
#include "ui/annotate/NewStudyDialog.h"
#include "ui/annotate/StudyOverviewDialog.h"
#include "ui/overview/MethodDashboard.h"
#include "ui/overview/WorkspaceSetupDialog.h"
#include "ui/widgets/WorkspaceSession.h"

#include "../database/StudyTestSupport.h"

#include "database/Annotators.h"
#include "database/Assignments.h"
#include "database/Studies.h"
#include "pipeline/WorkspacePaths.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

namespace {

using Step = MethodDashboard::Step;
using State = MethodDashboard::State;

const char* const robustModel = SALIENT_SOURCE_DIR "/resources/models/robust.pt";

/// `count` answers by `name`, one per HIT, each "background" (so each HIT of a one-annotator study is
/// labelled spurious).
void answer(salient::Database& db, const salient::Study& study, const std::string& name, int count)
{
    const salient::Annotator annotator = salient::signIn(db, name, std::nullopt);
    for (int i = 0; i < count; ++i) {
        const auto next = salient::nextHit(db, study, annotator);
        QVERIFY(next);
        salient::submitAnswer(db, study, next->hit.id, annotator, goodAnswer());
    }
}

void save(QWidget& widget, const QString& name)
{
    QTest::qWait(100);
    QVERIFY(widget.grab().save(QString(SALIENT_TEST_OUTPUT) + "/" + name));
}

} // namespace

class TestOverview : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<WorkspaceSession> m_session;

private Q_SLOTS:
    /// Each test: a workspace whose index tables hold 3 classes of 4 ranked features, nothing set up.
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        indexedWorkspace(m_dir->filePath("w"), 3, 4);
        m_session = std::make_unique<WorkspaceSession>();
        m_session->open(m_dir->filePath("w"));
    }

    void cleanup()
    {
        m_session.reset();
        m_dir.reset();
    }

    void dashboardFollowsTheMethod()
    {
        WorkspaceSession& session = *m_session;
        MethodDashboard dashboard(&session);
        QCOMPARE(dashboard.state(Step::Setup), State::NotStarted);
        QCOMPARE(dashboard.state(Step::Index), State::Waiting);
        QVERIFY(!dashboard.actionButton(Step::Index)->isEnabled());
        QCOMPARE(dashboard.state(Step::Discovery), State::Waiting);

        // Set up, with the index the fixture stored: the next thing is a discovery study.
        salient::Workspace& workspace = session.workspace();
        salient::setWorkspaceFile(workspace, salient::WorkspaceKeys::Dataset, m_dir->path().toStdString());
        salient::setWorkspaceFile(workspace, salient::WorkspaceKeys::RobustModel, robustModel);
        workspace.setConfigValue(salient::WorkspaceKeys::FeatureIndex, "index");
        session.announce(WorkspaceSession::Area::Setup);
        QCOMPARE(dashboard.state(Step::Setup), State::Done);
        QVERIFY(dashboard.figuresLabel(Step::Setup)->text().contains("robust.pt"));
        QCOMPARE(dashboard.state(Step::Index), State::Done);
        // The fixture's classes: 10 images each, 8 predicted right.
        const QString index = dashboard.figuresLabel(Step::Index)->text();
        QVERIFY2(index.contains("3 classes") && index.contains("80.0 %"), qPrintable(index));
        QCOMPARE(dashboard.state(Step::Discovery), State::NotStarted);
        QCOMPARE(dashboard.state(Step::Dataset), State::Waiting);
        QCOMPARE(dashboard.state(Step::Sweeps), State::NotStarted);
        QSignalSpy requested(&dashboard, &MethodDashboard::actionRequested);
        dashboard.actionButton(Step::Discovery)->click();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.front().front().value<Step>(), Step::Discovery);

        // A one-annotator study with 2 of its 12 HITs answered: under way, 2 features to build masks for.
        salient::StudyOptions options;
        options.name = "discovery";
        options.answersPerHit = 1;
        const salient::Study study =
            salient::createStudy(workspace.database(), salient::StudyKind::Discovery, options,
                                 salient::indexedPairs(workspace.database()));
        answer(workspace.database(), study, "ada", 2);
        session.announce(WorkspaceSession::Area::Answers);
        QCOMPARE(dashboard.state(Step::Discovery), State::UnderWay);
        const QString discovery = dashboard.figuresLabel(Step::Discovery)->text();
        QVERIFY2(discovery.contains("2 of 12 answers") && discovery.contains("2 of 12 HITs labelled"),
                 qPrintable(discovery));
        QCOMPARE(dashboard.state(Step::Dataset), State::NotStarted);
        QVERIFY(dashboard.figuresLabel(Step::Dataset)->text().contains("2 labelled features"));
        QCOMPARE(dashboard.state(Step::Validation), State::NotStarted);

        answer(workspace.database(), study, "bo", 10);
        session.announce(WorkspaceSession::Area::Answers);
        QCOMPARE(dashboard.state(Step::Discovery), State::Done);

        dashboard.setRunning(Step::Dataset, true);
        QCOMPARE(dashboard.state(Step::Dataset), State::Running);
        QVERIFY(!dashboard.actionButton(Step::Dataset)->isEnabled());
        dashboard.setRunning(Step::Dataset, false);
        QCOMPARE(dashboard.state(Step::Dataset), State::NotStarted);

        dashboard.resize(1000, dashboard.sizeHint().height());
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        save(dashboard, "method-dashboard.png");

        session.close();
        QCOMPARE(dashboard.state(Step::Setup), State::Waiting);
    }

    void setupDialogDescribesAndStores()
    {
        WorkspaceSession& session = *m_session;
        const QTemporaryDir& dir = *m_dir;
        QVERIFY(QDir().mkpath(dir.filePath("images/train")));
        WorkspaceSetupDialog dialog(&session);
        QSignalSpy described(&dialog, &WorkspaceSetupDialog::robustModelDescribed);
        dialog.datasetEdit()->setText(dir.filePath("images"));
        dialog.robustModelEdit()->setText(robustModel);
        Q_EMIT dialog.robustModelEdit()->editingFinished();
        QVERIFY(described.wait(60000));
        // The shipped robust model: a narrow native ResNet over the demo's 10 classes.
        const QString info = dialog.robustModelInfo()->text();
        QVERIFY2(info.contains("natively") && info.contains("10 classes"), qPrintable(info));
        dialog.resize(1000, dialog.sizeHint().height());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        save(dialog, "workspace-setup.png");

        // A standard model that is not there: refused, nothing stored, what was chosen kept.
        dialog.standardModelEdit()->setText(dir.filePath("missing.pt"));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.save();
        QCOMPARE(accepted.count(), 0);
        QVERIFY(dialog.problemLabel()->isVisible());
        QVERIFY2(dialog.problemLabel()->text().contains("missing.pt: no such file or folder"),
                 qPrintable(dialog.problemLabel()->text()));
        QVERIFY(!session.workspace().configValue(salient::WorkspaceKeys::Dataset));
        QCOMPARE(dialog.robustModelEdit()->text(), QString(robustModel));

        QSignalSpy changed(&session, &WorkspaceSession::changed);
        dialog.standardModelEdit()->clear();
        dialog.save();
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(salient::workspaceFile(session.workspace(), salient::WorkspaceKeys::Dataset),
                 QDir(dir.filePath("images")).absolutePath().toStdString());
        QCOMPARE(salient::workspaceFile(session.workspace(), salient::WorkspaceKeys::RobustModel),
                 std::string(robustModel));
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.last().front().value<WorkspaceSession::Area>(), WorkspaceSession::Area::Setup);
    }

    void newStudyDialogCreatesAndRefuses()
    {
        WorkspaceSession& session = *m_session;
        {
            NewStudyDialog dialog(&session);
            QSignalSpy accepted(&dialog, &QDialog::accepted);
            dialog.nameEdit()->setText("first");
            dialog.annotatorsBox()->setValue(2);
            dialog.create();
            QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 30000);
            QCOMPARE(dialog.created().hits, std::size_t(12));
            const salient::Study stored = salient::chooseStudy(session.workspace().database(), "first");
            QCOMPARE(stored.answersPerHit, 2);
            QCOMPARE(stored.kind, salient::StudyKind::Discovery);
        }
        {
            // The same name again: refused in the dialog, with what was typed.
            NewStudyDialog dialog(&session);
            QSignalSpy accepted(&dialog, &QDialog::accepted);
            dialog.nameEdit()->setText("first");
            dialog.create();
            QTRY_VERIFY_WITH_TIMEOUT(!dialog.problemLabel()->text().isEmpty(), 30000);
            QVERIFY2(dialog.problemLabel()->text().contains("first"),
                     qPrintable(dialog.problemLabel()->text()));
            QCOMPARE(accepted.count(), 0);
            QCOMPARE(dialog.nameEdit()->text(), QString("first"));
            QCOMPARE(int(salient::studies(session.workspace().database()).size()), 1);

            // A validation study of a discovery study with nothing labelled yet.
            dialog.setKind(salient::StudyKind::Validation);
            QVERIFY(dialog.sourceBox()->isVisibleTo(&dialog));
            QCOMPARE(dialog.sourceBox()->currentText(), QString("first"));
            dialog.nameEdit()->clear();
            dialog.create();
            QTRY_VERIFY_WITH_TIMEOUT(dialog.problemLabel()->text().contains("no labelled pair yet"), 30000);
            dialog.resize(800, dialog.sizeHint().height());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            save(dialog, "new-study-refused.png");
        }
    }

    void studyOverviewFollowsAnswers()
    {
        WorkspaceSession& session = *m_session;
        const QString path = m_dir->filePath("w");
        salient::Database& db = session.workspace().database();
        salient::StudyOptions options;
        options.answersPerHit = 2;
        const salient::Study study =
            salient::createStudy(db, salient::StudyKind::Discovery, options, salient::indexedPairs(db));
        answer(db, study, "ada", 3);
        answer(db, study, "bo", 1);

        StudyOverviewDialog dialog(&session, study);
        QAbstractItemModelTester tester(dialog.annotatorView()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // 4 answers of 24 needed; ada's and bo's first HIT is the same, so it alone is complete.
        const QString summary = dialog.summaryLabel()->text();
        QVERIFY2(summary.contains("4 of 24 from 2 annotators"), qPrintable(summary));
        QVERIFY2(summary.contains("12, 1 complete, 1 with a final label"), qPrintable(summary));
        QVERIFY2(summary.contains("spurious 1"), qPrintable(summary));
        const QAbstractItemModel* annotators = dialog.annotatorView()->model();
        QCOMPARE(annotators->rowCount(), 2);
        QCOMPARE(annotators->index(0, 0).data().toString(), QString("ada"));
        QCOMPARE(annotators->index(0, 2).data().toInt(), 3);
        QCOMPARE(annotators->index(1, 2).data().toInt(), 1);

        // An answer given elsewhere shows once the session says so.
        {
            salient::Workspace other = salient::Workspace::open(path.toStdString(), false);
            answer(other.database(), study, "bo", 1);
        }
        session.poll();
        QTRY_VERIFY(dialog.summaryLabel()->text().contains("5 of 24"));
        QCOMPARE(annotators->index(1, 2).data().toInt(), 2);
        dialog.resize(900, 600);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        save(dialog, "study-overview.png");
    }
};

QTEST_MAIN(TestOverview)
#include "TestOverview.moc"
