// Class -> feature -> Feature panel with 15 pictures, driven with the keyboard on a real indexed demo
// workspace; screenshots at 1366 x 768 in the light and the dark palette, and at 4K (TestFeatureBrowser4K).
#include "ui/features/ClassList.h"
#include "ui/features/FeatureBrowser.h"
#include "ui/features/FeatureList.h"
#include "ui/shell/Appearance.h"
#include "ui/widgets/ClassPanel.h"
#include "ui/widgets/FeaturePanel.h"
#include "ui/widgets/PictureTile.h"
#include "ui/widgets/PictureViewer.h"
#include "ui/widgets/WorkspaceSession.h"

#include "../cli/CliRun.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
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
    WorkspaceSession m_session;

    static void save(QWidget& widget, const QString& name)
    {
        widget.grab().save(QString(SALIENT_TEST_OUTPUT) + "/" + name);
    }

    /// Every visible label and button gets at least the room its text needs, and no two pictures overlap.
    static void verifyNothingClippedOrOverlapping(FeatureBrowser& browser)
    {
        for (QWidget* widget : browser.findChildren<QWidget*>()) {
            const auto* label = qobject_cast<QLabel*>(widget);
            const auto* button = qobject_cast<QAbstractButton*>(widget);
            const bool hasText = (label && !label->text().isEmpty()) || (button && !button->text().isEmpty());
            if (!widget->isVisible() || !hasText)
                continue;
            const QSize needed = widget->minimumSizeHint();
            QVERIFY2(widget->width() >= needed.width() && widget->height() >= needed.height(),
                     qPrintable(QString("%1 '%2' is %3x%4, needs %5x%6")
                                    .arg(widget->metaObject()->className(), widget->objectName())
                                    .arg(widget->width())
                                    .arg(widget->height())
                                    .arg(needed.width())
                                    .arg(needed.height())));
        }
        QList<QRect> pictures;
        for (PictureTile* tile : browser.featurePanel()->findChildren<PictureTile*>())
            if (tile->isVisible())
                pictures.append(QRect(tile->mapTo(&browser, QPoint(0, 0)), tile->size()));
        QCOMPARE(pictures.size(), 15);
        for (int a = 0; a < pictures.size(); ++a) {
            QVERIFY2(browser.rect().contains(pictures[a]), "a picture lies outside the window");
            for (int b = a + 1; b < pictures.size(); ++b)
                QVERIFY2(!pictures[a].intersects(pictures[b]), "two pictures overlap");
        }
    }

    /// Opens the browser at `size`, chooses the sandal class with the keyboard and waits for its pictures.
    void showSandal(FeatureBrowser& browser, QSize size)
    {
        browser.resize(size);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QSignalSpy shown(&browser, &FeatureBrowser::pairShown);
        QTest::keyClick(&browser, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(browser.classList()->searchField()->hasFocus());
        QTest::keyClicks(browser.classList()->searchField(), "sandal");
        QVERIFY(shown.wait(120000));
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
        m_session.open(m_workspace);
    }

    void classThenFeatureShowsFifteenPictures()
    {
        FeatureBrowser browser(&m_session);
        // The models behind the class and feature lists keep Qt's rules through loading and filtering.
        QAbstractItemModelTester classes(browser.classList()->view()->model(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester features(browser.featureList()->model(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Search with the keyboard: the first match is chosen, its features listed, rank 1 shown.
        showSandal(browser, QSize(1366, 768));
        QCOMPARE(browser.classList()->visibleCount(), 1);
        QCOMPARE(browser.classPanel()->nameLabel()->text(), QString("sandal"));
        QCOMPARE(browser.featureList()->model()->rowCount(), 5);
        QCOMPARE(browser.featurePanel()->picturesShown(), 15);
        verifyNothingClippedOrOverlapping(browser);
        QSignalSpy shown(&browser, &FeatureBrowser::pairShown);
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

    /// At 4K: run with QT_SCALE_FACTOR=2 (ctest TestFeatureBrowser4K), a 1920 x 1080 window is
    /// 3840 x 2160 pixels; the screenshot is taken at that resolution.
    void layoutAt4K()
    {
        FeatureBrowser browser(&m_session);
        showSandal(browser, QSize(1920, 1080));
        QCOMPARE(browser.featurePanel()->picturesShown(), 15);
        verifyNothingClippedOrOverlapping(browser);
        const QPixmap shot = browser.grab();
        qInfo("screenshot: %d x %d pixels, device pixel ratio %g", shot.width(), shot.height(),
              shot.devicePixelRatio());
        shot.save(QString(SALIENT_TEST_OUTPUT) +
                  QString("/feature-browser-%1x%2.png").arg(shot.width()).arg(shot.height()));
    }

    void searchWithoutMatchesShowsNothing()
    {
        FeatureBrowser browser(&m_session);
        QTest::keyClicks(browser.classList()->searchField(), "no such class");
        QCOMPARE(browser.classList()->visibleCount(), 0);
    }
};

QTEST_MAIN(TestFeatureBrowser)
#include "TestFeatureBrowser.moc"
