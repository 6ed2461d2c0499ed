// Class -> feature -> Feature panel with 15 pictures, driven with the keyboard on a real indexed demo
// workspace; screenshots at 1366 x 768 in the light and the dark palette.
#include "ui/Appearance.h"
#include "ui/ClassList.h"
#include "ui/ClassPanel.h"
#include "ui/FeatureBrowser.h"
#include "ui/FeatureList.h"
#include "ui/FeaturePanel.h"
#include "ui/PictureTile.h"
#include "ui/PictureViewer.h"

#include "../cli/CliRun.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

class TestFeatureBrowser : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_workspace;

    static void save(QWidget& widget, const QString& name)
    {
        widget.grab().save(QString(SALIENT_TEST_OUTPUT) + "/" + name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the palette choice is remembered in test settings
        m_workspace = m_dir.filePath("w");
        const QString model = QString(SALIENT_SOURCE_DIR) + "/resources/models/robust.pt";
        for (const QStringList& command :
             {QStringList{"demo", m_workspace, "--world-only", "--train", "400", "--val", "40", "--test",
                          "10", "--balanced", "10"},
              QStringList{"workspace", "init", m_workspace, "--dataset", m_workspace + "/dataset",
                          "--robust-model", model},
              QStringList{"index", "--workspace", m_workspace, "--device", "cpu"}}) {
            const CliRun run = runSalient(command);
            QVERIFY2(run.exitCode == 0, run.err.constData());
        }
    }

    void classThenFeatureShowsFifteenPictures()
    {
        FeatureBrowser browser;
        browser.resize(1366, 768);
        browser.setWorkspace(m_workspace);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QCOMPARE(browser.classList()->visibleCount(), 10);

        // Search with the keyboard: the first match is chosen, its features listed, rank 1 shown.
        QSignalSpy shown(&browser, &FeatureBrowser::pairShown);
        QTest::keyClick(&browser, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(browser.classList()->searchField()->hasFocus());
        QTest::keyClicks(browser.classList()->searchField(), "sandal");
        QCOMPARE(browser.classList()->visibleCount(), 1);
        QCOMPARE(browser.classPanel()->nameLabel()->text(), QString("sandal"));
        QCOMPARE(browser.featureList()->topLevelItemCount(), 5);
        QVERIFY(shown.wait(120000));
        QCOMPARE(browser.featurePanel()->picturesShown(), 15);
        QVERIFY(browser.classPanel()->examplesShown() > 0);
        qInfo("uncached pair: %lld ms until 15 pictures", browser.lastPairMilliseconds());
        save(browser, "feature-browser-light.png");

        // The next feature by keyboard, then back: the second visit comes from the render cache.
        const int first = browser.featureList()->currentFeature();
        QTest::keyClick(&browser, Qt::Key_PageDown);
        QVERIFY(browser.featureList()->currentFeature() != first);
        QVERIFY(shown.wait(120000));
        QTest::keyClick(&browser, Qt::Key_PageUp);
        QCOMPARE(browser.featureList()->currentFeature(), first);
        QVERIFY(shown.wait(30000));
        QCOMPARE(browser.featurePanel()->picturesShown(), 15);
        qInfo("cached pair: %lld ms until 15 pictures", browser.lastPairMilliseconds());

        // Enter on a focused picture enlarges it; Esc closes the viewer.
        PictureTile* tile = browser.featurePanel()->tile(FeaturePanel::Heatmaps, 2);
        tile->setFocus();
        bool viewerSeen = false;
        QTimer::singleShot(200, [&] {
            auto* viewer = qobject_cast<PictureViewer*>(QApplication::activeModalWidget());
            viewerSeen = viewer && viewer->current() == 2;
            if (viewer) {
                save(*viewer, "picture-viewer.png");
                viewer->reject();
            }
        });
        QTest::keyClick(tile, Qt::Key_Return);
        QVERIFY(viewerSeen);

        Appearance::apply(Appearance::Theme::Dark);
        QApplication::processEvents();
        save(browser, "feature-browser-dark.png");
        Appearance::apply(Appearance::Theme::Light);
    }

    void searchWithoutMatchesShowsNothing()
    {
        FeatureBrowser browser;
        browser.setWorkspace(m_workspace);
        QTest::keyClicks(browser.classList()->searchField(), "no such class");
        QCOMPARE(browser.classList()->visibleCount(), 0);
    }
};

QTEST_MAIN(TestFeatureBrowser)
#include "TestFeatureBrowser.moc"
