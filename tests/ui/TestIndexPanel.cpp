// Building the feature index from the workspace page: progress, cancel, resume, stored result.
#include "ui/overview/IndexPanel.h"
#include "ui/widgets/JobProgress.h"
#include "ui/widgets/JobRunner.h"
#include "ui/widgets/WorkspaceSession.h"

#include "../cli/CliRun.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

/// A workspace with a demo world of `train` images and the shipped robust model.
void makeWorkspace(const QTemporaryDir& dir, int train)
{
    const CliRun world =
        runSalient({"demo", dir.filePath("w"), "--world-only", "--train", QString::number(train), "--val",
                    "10", "--test", "10", "--balanced", "10"});
    QVERIFY2(world.exitCode == 0, world.err.constData());
    salient::Workspace workspace = salient::Workspace::open(dir.filePath("w").toStdString(), true);
    workspace.setConfigValue("dataset", "dataset");
    workspace.setConfigValue("robust_model", SALIENT_SOURCE_DIR "/resources/models/robust.pt");
}

std::size_t storedClasses(const QString& workspacePath)
{
    salient::Workspace workspace = salient::Workspace::open(workspacePath.toStdString(), false);
    return salient::indexedClasses(workspace.database()).size();
}

} // namespace

class TestIndexPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsAndStoresTheIndex()
    {
        QTemporaryDir dir;
        makeWorkspace(dir, 400);
        WorkspaceSession session;
        session.open(dir.filePath("w"));
        IndexPanel panel(&session);
        panel.resize(900, 160);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.statusLabel()->text().contains("Not built yet"));

        QSignalSpy progressed(panel.runner(), &JobRunner::progressed);
        QSignalSpy succeeded(panel.runner(), &JobRunner::succeeded);
        panel.activateWindow(); // shortcuts go to the active window
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        QTest::keyClick(&panel, Qt::Key_I, Qt::ControlModifier);
        QTRY_VERIFY(panel.runner()->isRunning()); // a button's shortcut clicks it after a short animation
        QVERIFY(!panel.buildButton()->isEnabled());
        QVERIFY(progressed.wait(60000));
        QVERIFY(panel.progress()->isVisible());
        panel.grab().save(QString(SALIENT_TEST_OUTPUT) + "/index-panel-running.png");
        QVERIFY(succeeded.wait(120000));

        QCOMPARE(storedClasses(dir.filePath("w")), std::size_t(10));
        QVERIFY2(panel.statusLabel()->text().contains("400 images in 10 classes"),
                 qPrintable(panel.statusLabel()->text()));
        QVERIFY(panel.buildButton()->isEnabled());
        QVERIFY(!panel.progress()->isVisible());
        panel.grab().save(QString(SALIENT_TEST_OUTPUT) + "/index-panel-built.png");

        // The button now reads "Re&build"; Ctrl+I still rebuilds.
        QVERIFY(panel.buildButton()->text().contains("Re&build"));
        QTest::keyClick(&panel, Qt::Key_I, Qt::ControlModifier);
        QTRY_VERIFY(panel.runner()->isRunning());
        QVERIFY(succeeded.wait(120000));
        QCOMPARE(storedClasses(dir.filePath("w")), std::size_t(10));
    }

    void cancelStopsWithinASecondAndTheNextRunResumes()
    {
        QTemporaryDir dir;
        makeWorkspace(dir, 4000);
        WorkspaceSession session;
        session.open(dir.filePath("w"));
        IndexPanel panel(&session);
        panel.show();
        QSignalSpy progressed(panel.runner(), &JobRunner::progressed);
        QSignalSpy cancelled(panel.runner(), &JobRunner::cancelled);
        panel.buildButton()->click();
        // Wait until indexing is under way, past the first batch.
        QTRY_VERIFY_WITH_TIMEOUT(!progressed.isEmpty() && progressed.last().at(0).toLongLong() > 0, 60000);
        QElapsedTimer timer;
        timer.start();
        panel.progress()->cancelButton()->click();
        QVERIFY(cancelled.wait(5000));
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString("cancel took %1 ms").arg(timer.elapsed())));
        QCOMPARE(storedClasses(dir.filePath("w")), std::size_t(0));
        QVERIFY(panel.statusLabel()->text().contains("cancelled"));

        QSignalSpy succeeded(panel.runner(), &JobRunner::succeeded);
        panel.buildButton()->click();
        QVERIFY(succeeded.wait(120000));
        QCOMPARE(storedClasses(dir.filePath("w")), std::size_t(10));
    }
};

QTEST_MAIN(TestIndexPanel)
#include "TestIndexPanel.moc"
