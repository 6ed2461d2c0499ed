// The whole method from the window, with no command-line call: the demo made from the start page's
// action, the feature index from the Overview's dashboard, a discovery study from New Study…, the
// demo's ground-truth annotator from the study overview, the Salient dataset built and exported from the
// Dataset tab, a sweep stored from the Sweeps window. Each step is checked against salient.db through the
// database's own API, and a screenshot of each is saved (the tutorial's pictures).
#include "ui/annotate/AnnotatePage.h"
#include "ui/annotate/NewStudyDialog.h"
#include "ui/annotate/StudyOverviewDialog.h"
#include "ui/dataset/DatasetBrowser.h"
#include "ui/dataset/DatasetExportDialog.h"
#include "ui/overview/IndexPanel.h"
#include "ui/overview/MethodDashboard.h"
#include "ui/shell/MainWindow.h"
#include "ui/shell/WorkspacePage.h"
#include "ui/sweep/SweepPage.h"
#include "ui/sweep/SweepSettings.h"
#include "ui/widgets/JobRunner.h"

#include "database/DatasetTables.h"
#include "database/StudySummary.h"
#include "database/SweepTables.h"
#include "database/Workspace.h"

#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <functional>

namespace {

using Step = salient::MethodStep;
using State = MethodDashboard::State;

void save(QWidget* widget, const QString& name)
{
    QTest::qWait(150); // layouts settle
    QVERIFY(widget->grab().save(QString(SALIENT_TEST_OUTPUT) + "/method-" + name + ".png"));
}

/// Runs `act` on the modal dialog of type T once it is up (the code under test calls exec()).
template <typename T> void whenModal(std::function<void(T*)> act)
{
    QTimer::singleShot(0, [act] {
        QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<T*>(QApplication::activeModalWidget()) != nullptr, 10000);
        act(qobject_cast<T*>(QApplication::activeModalWidget()));
    });
}

salient::Workspace openWorkspace(const QString& path)
{
    return salient::Workspace::open(path.toStdString(), false);
}

} // namespace

class TestWholeMethod : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromTheStartPageToAStoredSweep()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        const QString path = dir.filePath("demo");
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // The demo, small, without its index: the index is the dashboard's to build.
        salient::DemoSetupOptions demo;
        demo.world.trainCount = 400;
        demo.world.valCount = 40;
        demo.world.testCount = 200;
        demo.world.balancedCount = 40;
        demo.index = false;
        window.createDemo(path, demo);
        QTRY_VERIFY_WITH_TIMEOUT(window.hasWorkspace(), 300000);
        WorkspacePage* page = window.workspacePage();
        MethodDashboard* dashboard = page->dashboard();
        QCOMPARE(dashboard->state(Step::Setup), State::Done);
        QCOMPARE(dashboard->state(Step::Index), State::NotStarted);
        save(&window, "1-overview");

        // Steps 1-3: the feature index.
        QSignalSpy indexed(page->indexPanel()->runner(), &JobRunner::succeeded);
        dashboard->actionButton(Step::Index)->click();
        QVERIFY(indexed.wait(300000));
        QCOMPARE(dashboard->state(Step::Index), State::Done);
        save(&window, "2-indexed");

        // Step 4: a discovery study, one annotator per HIT, made in the dialog.
        whenModal<NewStudyDialog>([](NewStudyDialog* dialog) {
            dialog->annotatorsBox()->setValue(1);
            save(dialog, "3-new-study");
            dialog->create();
        });
        dashboard->actionButton(Step::Discovery)->click();
        QCOMPARE(page->tabs()->currentWidget(), page->annotatePage());
        QTRY_COMPARE(dashboard->state(Step::Discovery), State::UnderWay);

        // The demo's simulated annotator answers every HIT.
        page->annotatePage()->overviewButton()->click();
        auto* overview = page->annotatePage()->findChild<StudyOverviewDialog*>();
        QVERIFY(overview);
        QSignalSpy answered(overview->groundTruthRunner(), &JobRunner::succeeded);
        overview->groundTruthButton()->click();
        QVERIFY(answered.wait(300000));
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->state(Step::Discovery), State::Done, 5000);
        save(overview, "4-study-overview");
        {
            salient::Workspace workspace = openWorkspace(path);
            const salient::Study study = salient::chooseStudy(workspace.database(), std::nullopt);
            const salient::StudySummary summary = salient::summarizeStudy(workspace.database(), study);
            QCOMPARE(summary.labelled, summary.pairs);
            QVERIFY(summary.labels.count("spurious") && summary.labels.at("spurious") > 0);
            QVERIFY(summary.labels.count("core") && summary.labels.at("core") > 0);
        }
        overview->close();

        // Steps 5-6: the dataset, built from the Dataset tab.
        QSignalSpy built(page->datasetBrowser()->buildRunner(), &JobRunner::succeeded);
        dashboard->actionButton(Step::Dataset)->click();
        QCOMPARE(page->tabs()->currentWidget(), page->datasetBrowser());
        QVERIFY(built.wait(300000));
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->state(Step::Dataset), State::Done, 5000);
        std::int64_t pairs = 0;
        {
            salient::Workspace workspace = openWorkspace(path);
            pairs = salient::datasetPairCount(workspace.database());
            QVERIFY(pairs > 0);
            QVERIFY(salient::datasetMaskCount(workspace.database()) > pairs);
        }
        QTRY_VERIFY_WITH_TIMEOUT(page->datasetBrowser()->exportButton()->isEnabled(), 5000);
        save(&window, "5-dataset");

        // ...and exported in the published layout.
        const QString exported = dir.filePath("export");
        bool exportSucceeded = false;
        whenModal<DatasetExportDialog>([&exported, &exportSucceeded](DatasetExportDialog* dialog) {
            QSignalSpy ended(dialog, &DatasetExportDialog::exportEnded);
            dialog->folderEdit()->setText(exported);
            dialog->startExport();
            QVERIFY(ended.wait(300000));
            exportSucceeded = ended.front().front().toBool();
            dialog->accept();
        });
        page->datasetBrowser()->exportButton()->click();
        QVERIFY(exportSucceeded);
        QVERIFY(QFileInfo(exported).isDir());
        QVERIFY(!QDir(exported).isEmpty());

        // Step 7: a sweep of both shipped models, stored.
        dashboard->actionButton(Step::Sweeps)->click();
        SweepPage* sweeps = page->sweepPage();
        QVERIFY(sweeps->isVisible());
        sweeps->settings()->sigmas()->setText("0, 0.5");
        sweeps->settings()->limit()->setValue(60);
        QSignalSpy swept(sweeps->runner(), &JobRunner::succeeded);
        sweeps->startButton()->click();
        QVERIFY(swept.wait(300000));
        {
            salient::Workspace workspace = openWorkspace(path);
            const auto runs = salient::sweepRuns(workspace.database());
            QCOMPARE(int(runs.size()), 1);
            QCOMPARE(runs.front().status, std::string("finished"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(dashboard->state(Step::Sweeps), State::Done, 5000);
        save(sweeps, "6-sweep");
        sweeps->close();

        page->tabs()->setCurrentIndex(0);
        save(&window, "7-overview-done");
    }
};

QTEST_MAIN(TestWholeMethod)
#include "TestWholeMethod.moc"
