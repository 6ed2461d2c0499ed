// The sweep page: a sweep started from it fills the charts while it runs, cancel stops it within a second,
// stored runs reopen and compare, and charts and results export.
#include "ui/shell/Appearance.h"
#include "ui/shell/WorkspacePage.h"
#include "ui/sweep/AccuracyCurveChart.h"
#include "ui/sweep/ClassAccuracyChart.h"
#include "ui/sweep/FeatureDropChart.h"
#include "ui/sweep/SweepPage.h"
#include "ui/sweep/SweepRunList.h"
#include "ui/sweep/SweepSettings.h"
#include "ui/widgets/JobProgress.h"
#include "ui/widgets/JobRunner.h"
#include "ui/widgets/WorkspaceSession.h"

#include "../cli/CliRun.h"
#include "../pipeline/DatasetFixture.h"
#include "database/SweepTables.h"
#include "database/Workspace.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using salient::SweepStrategy;

class TestSweepPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;

    /// Counts the chart redraws that happen while the sweep is still running.
    static void countLiveUpdates(SweepPage& page, int& count)
    {
        QObject::connect(&page, &SweepPage::chartsUpdated, &page, [&page, &count] {
            if (page.runner()->isRunning())
                ++count;
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_dir.filePath("w");
        const CliRun world = runSalient({"demo", m_workspace, "--world-only", "--train", "100", "--val", "10",
                                         "--test", "400", "--balanced", "200"});
        QVERIFY2(world.exitCode == 0, world.err.constData());
        salient::Workspace workspace = salient::Workspace::open(m_workspace.toStdString(), true);
        workspace.setConfigValue("dataset", "dataset");
        workspace.setConfigValue("robust_model", SALIENT_SOURCE_DIR "/resources/models/robust.pt");
        workspace.setConfigValue("standard_model", SALIENT_SOURCE_DIR "/resources/models/standard.pt");
    }

    void chartsFillInWhileTheSweepRuns()
    {
        WorkspaceSession session;
        SweepPage page(&session);
        QAbstractItemModelTester runs(page.runList()->view()->model(),
                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester models(page.settings()->models()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1366, 768);
        session.open(m_workspace);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(page.settings()->models()->count(), 2);
        QVERIFY(page.settings()->scopeClass()->count() == 11);
        QVERIFY(page.settings()->scopeFeature()->findText("background") > 0);
        page.settings()->sigmas()->setText("0, 0.25, 0.5, 1");
        page.settings()->strategy(SweepStrategy::Black)->setChecked(true);
        page.settings()->batchSize()->setValue(32);

        int live = 0;
        countLiveUpdates(page, live);
        QSignalSpy succeeded(page.runner(), &JobRunner::succeeded);
        page.startButton()->click();
        QVERIFY2(page.runner()->isRunning(), qPrintable(page.statusLabel()->text()));
        QVERIFY(!page.startButton()->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(live >= 1, 60000);
        page.grab().save(QString(SALIENT_TEST_OUTPUT) + "/sweep-page-running.png");
        QVERIFY(succeeded.wait(180000));
        QVERIFY2(live >= 3,
                 qPrintable(QString("the charts were drawn %1 times while the sweep ran").arg(live)));

        // The finished run is stored and shown from salient.db.
        QCOMPARE(page.runList()->view()->model()->rowCount(), 1);
        QCOMPARE(page.runList()->selectedRuns().size(), 1);
        QCOMPARE(page.shownRuns().size(), std::size_t(1));
        QCOMPARE(page.shownRuns().front().results->imagesDone, std::int64_t(400));
        QCOMPARE(page.curveChart()->graphCount(), 4); // 2 models x core, spurious
        QCOMPARE(page.curveChart()->graph(0)->dataCount(), 4);
        QVERIFY(page.classChart()->plottableCount() >= 2);
        QVERIFY(page.featureChart()->graphCount() >= 2);
        QCOMPARE(page.strategyView()->count(), 2);
        QVERIFY(page.startButton()->isEnabled());

        // A tooltip names the point under the mouse.
        const QCPGraph* core = page.curveChart()->graph(0);
        const QPointF point = core->coordsToPixels(core->data()->at(3)->key, core->data()->at(3)->value);
        const QString tip = page.curveChart()->tipAt(point.toPoint());
        QVERIFY2(tip.contains("core accuracy") && tip.contains("clean"), qPrintable(tip));

        page.strategyView()->setCurrentIndex(page.strategyView()->findText("noise"));
        QTest::qWait(100); // the charts replot from the event loop
        page.grab().save(QString(SALIENT_TEST_OUTPUT) + "/sweep-page.png");
        QApplication::setPalette(Appearance::palette(Appearance::Theme::Dark));
        QTest::qWait(100);
        page.grab().save(QString(SALIENT_TEST_OUTPUT) + "/sweep-page-dark.png");
        QApplication::setPalette(QApplication::style()->standardPalette());

        // Exports.
        const QStringList charts = page.exportCharts(m_dir.filePath("out/sweep.pdf"));
        QCOMPARE(charts.size(), 0); // the folder does not exist
        QDir().mkpath(m_dir.filePath("out"));
        QCOMPARE(page.exportCharts(m_dir.filePath("out/sweep.pdf")).size(), 3);
        QVERIFY(QFile::exists(m_dir.filePath("out/sweep-classes.pdf")));
        QCOMPARE(page.exportCharts(m_dir.filePath("out/sweep.png")).size(), 3);
        QVERIFY(!QImage(m_dir.filePath("out/sweep-accuracy.png")).isNull());
        QVERIFY(page.exportResults(m_dir.filePath("out/sweep.json")));
        QFile json(m_dir.filePath("out/sweep.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(json.readAll()).object()["images"].toInt(), 400);
        QVERIFY(page.exportResults(m_dir.filePath("out/sweep.csv")));
    }

    void theWorkspacePageOpensIt()
    {
        WorkspaceSession session;
        WorkspacePage workspacePage(&session);
        session.open(m_workspace);
        workspacePage.show();
        auto* button = workspacePage.findChild<QPushButton*>("sweepButton");
        QVERIFY(button);
        button->click();
        QVERIFY(workspacePage.sweepPage()->isVisible());
        QVERIFY(workspacePage.sweepPage()->isWindow());
        QCOMPARE(workspacePage.sweepPage()->settings()->models()->count(), 2);
        QVERIFY(workspacePage.sweepPage()->runList()->view()->model()->rowCount() >= 1);
        session.close();
        QVERIFY(!workspacePage.sweepPage()->isVisible());
    }

    void cancelStopsWithinASecondAndRunsCompare()
    {
        WorkspaceSession session;
        session.open(m_workspace);
        SweepPage page(&session);
        page.resize(1366, 768);
        page.show();
        for (SweepStrategy s : salient::allSweepStrategies())
            page.settings()->strategy(s)->setChecked(true);
        page.settings()->batchSize()->setValue(16);
        int live = 0;
        countLiveUpdates(page, live);
        QSignalSpy cancelled(page.runner(), &JobRunner::cancelled);
        page.startButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(live >= 1, 60000);
        QElapsedTimer timer;
        timer.start();
        page.progress()->cancelButton()->click();
        QVERIFY(cancelled.wait(5000));
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString("cancel took %1 ms").arg(timer.elapsed())));

        // The cancelled run is stored with what it finished, beside the earlier one.
        salient::Workspace workspace = salient::Workspace::open(m_workspace.toStdString(), false);
        const auto runs = salient::sweepRuns(workspace.database());
        QVERIFY(runs.size() >= 2);
        QCOMPARE(runs.front().status, std::string("cancelled"));
        QVERIFY(runs.front().imagesDone > 0 && runs.front().imagesDone < 400);

        // Both runs side by side.
        page.runList()->select({runs[0].runId, runs[1].runId});
        QCOMPARE(page.shownRuns().size(), std::size_t(2));
        QCOMPARE(page.curveChart()->graphCount(), 8);
        QVERIFY(page.curveChart()->graph(0)->name().startsWith("run "));
        QTest::qWait(100); // the charts replot from the event loop
        page.grab().save(QString(SALIENT_TEST_OUTPUT) + "/sweep-page-compare.png");
    }

    /// A workspace with a Salient dataset offers it first and sweeps its masks (here the demo's true
    /// regions stored as one, features 1-3).
    void sweepsTheSalientDataset()
    {
        const QString path = m_dir.filePath("with-dataset");
        {
            salient::Workspace workspace = salient::Workspace::open(path.toStdString(), true);
            workspace.setConfigValue("robust_model", SALIENT_SOURCE_DIR "/resources/models/robust.pt");
            const std::string world = (m_workspace + "/dataset").toStdString();
            fixture::storeGroundTruthAsDataset(workspace, salient::DemoSweepSource(world, "test"),
                                               world + "/test");
        }
        WorkspaceSession session;
        session.open(path);
        SweepPage page(&session);
        page.resize(1366, 768);
        page.show();
        QVERIFY(page.settings()->masks()->currentText().startsWith("Salient dataset"));
        QCOMPARE(page.settings()->masks()->count(), 1); // no demo world named: no ground truth to offer
        QVERIFY(page.settings()->scopeFeature()->findText("feature 2") > 0);
        page.settings()->sigmas()->setText("0, 1");
        page.settings()->limit()->setValue(60);
        QSignalSpy succeeded(page.runner(), &JobRunner::succeeded);
        page.startButton()->click();
        QVERIFY(succeeded.wait(120000));
        QCOMPARE(page.shownRuns().size(), std::size_t(1));
        const auto& results = *page.shownRuns().front().results;
        QVERIFY2(QString::fromStdString(results.source).startsWith("Salient dataset of"),
                 results.source.c_str());
        QCOMPARE(results.imagesDone, std::int64_t(60));
    }
};

QTEST_MAIN(TestSweepPage)
#include "TestSweepPage.moc"
