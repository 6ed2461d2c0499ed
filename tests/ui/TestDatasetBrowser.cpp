// The Dataset tab: pairs and filters, the mask grid in its three styles, per-image unions, enlarging,
// and the export dialog.
#include "../pipeline/DatasetFixture.h"

#include "ui/dataset/DatasetBrowser.h"
#include "ui/dataset/DatasetExportDialog.h"
#include "ui/dataset/MaskRendering.h"
#include "ui/widgets/PictureTile.h"
#include "ui/widgets/WorkspaceSession.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

namespace fs = std::filesystem;

namespace {

int visiblePairs(const QTreeView* tree)
{
    const QAbstractItemModel* model = tree->model();
    int count = 0;
    for (int i = 0; i < model->rowCount(); ++i)
        count += model->rowCount(model->index(i, 0));
    return count;
}

/// Makes row `row` of the tree current; `child` >= 0 makes the class's pair there current instead.
void choose(QTreeView* tree, int row, int child = -1)
{
    const QModelIndex classRow = tree->model()->index(row, 0);
    tree->setCurrentIndex(child < 0 ? classRow : tree->model()->index(child, 0, classRow));
}

} // namespace

class TestDatasetBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        const QString images = m_dir->filePath("images");
        salient::Workspace workspace = salient::Workspace::open(m_dir->filePath("ws").toStdString(), true);
        fixture::storeDataset(workspace, images.toStdString(), 12);
        // Real pictures where the fixture left empty files: a green square on grey.
        for (const auto& entry : fs::recursive_directory_iterator(images.toStdString()))
            if (entry.is_regular_file()) {
                QImage picture(48, 48, QImage::Format_RGB32);
                picture.fill(QColor(90, 90, 90));
                for (int y = 16; y < 32; ++y)
                    for (int x = 16; x < 32; ++x)
                        picture.setPixel(x, y, qRgb(0, 200, 0));
                QVERIFY(picture.save(QString::fromStdString(entry.path().string()), "PNG"));
            }
    }

    void hintsWithoutDataset()
    {
        QTemporaryDir dir;
        salient::Workspace::open(dir.filePath("empty").toStdString(), true);
        WorkspaceSession session;
        session.open(dir.filePath("empty"));
        DatasetBrowser browser(&session);
        QVERIFY(browser.hintLabel()->text().contains("salient dataset build"));
        QCOMPARE(browser.pairTree()->model()->rowCount(), 0);
        QVERIFY(!browser.exportButton()->isEnabled());
    }

    void filtersPairs()
    {
        WorkspaceSession session;
        session.open(m_dir->filePath("ws"));
        DatasetBrowser browser(&session);
        QAbstractItemModelTester pairs(browser.pairTree()->model(),
                                       QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(browser.pairTree()->model()->rowCount(), 2);
        QCOMPARE(visiblePairs(browser.pairTree()), 3);
        browser.spuriousOnlyBox()->setChecked(true);
        QCOMPARE(visiblePairs(browser.pairTree()), 2);
        browser.subLabelBox()->setCurrentIndex(browser.subLabelBox()->findData("background"));
        QCOMPARE(visiblePairs(browser.pairTree()), 1);
        browser.spuriousOnlyBox()->setChecked(false);
        browser.subLabelBox()->setCurrentIndex(0);
        browser.minimumConfidence()->setValue(4.0); // the fixture's confidences: 3.75, 4.0, 4.25
        QCOMPARE(visiblePairs(browser.pairTree()), 2);
        browser.minimumAgreement()->setValue(0.7); // all 0.6
        QCOMPARE(visiblePairs(browser.pairTree()), 0);
    }

    void showsMasksAndUnions()
    {
        WorkspaceSession session;
        session.open(m_dir->filePath("ws"));
        DatasetBrowser browser(&session);
        QSignalSpy shown(&browser, &DatasetBrowser::gridShown);
        choose(browser.pairTree(), 0, 0);
        QCOMPARE(shown.count(), 1);
        QCOMPARE(browser.tiles().size(), 12);
        QCOMPARE(browser.tiles().front()->image().size(), QSize(48, 48));
        const QImage heatmap = browser.tiles().front()->image();
        browser.styleBox()->setCurrentIndex(int(MaskStyle::Cutout));
        QCOMPARE(browser.tiles().size(), 12);
        QVERIFY(browser.tiles().front()->image() != heatmap);

        choose(browser.pairTree(), 0);
        QCOMPARE(browser.tiles().size(), 24); // 12 images, a spurious and a core union each
        QVERIFY(browser.tiles()[0]->caption().contains("spurious"));
        QVERIFY(browser.tiles()[1]->caption().contains("core"));

        // Enlarged: the image, its two masks and the two unions.
        QCOMPARE(browser.imagePictures("n00000000/img_1.png").size(), 5);
        QCOMPARE(browser.imagePictures("n00000001/img_1.png").size(), 3); // one spurious mask
    }

    void rendersStyles()
    {
        salient::SoftMask mask{8, 8, std::vector<std::uint8_t>(64, 0)};
        for (int y = 2; y < 6; ++y)
            for (int x = 2; x < 6; ++x)
                mask.values[std::size_t(y) * 8 + x] = 255;
        QImage image(8, 8, QImage::Format_RGB32);
        image.fill(QColor(100, 100, 100));
        const QImage contour = renderMask(image, mask, MaskStyle::Contour);
        QCOMPARE(contour.pixel(2, 2), qRgb(255, 0, 0));
        QCOMPARE(contour.pixel(3, 3), qRgb(100, 100, 100));
        QCOMPARE(contour.pixel(0, 0), qRgb(100, 100, 100));
        const QImage cutout = renderMask(image, mask, MaskStyle::Cutout);
        QCOMPARE(cutout.pixel(0, 0), qRgb(0, 0, 0));
        QCOMPARE(cutout.pixel(3, 3), qRgb(100, 100, 100));
        const QImage heat = renderMask(image, mask, MaskStyle::Heatmap);
        QVERIFY(qRed(heat.pixel(3, 3)) > qBlue(heat.pixel(3, 3)));
        QVERIFY(qBlue(heat.pixel(0, 0)) > qRed(heat.pixel(0, 0)));
        QCOMPARE(jetColour(0.0f), qRgb(0, 0, 127));
        QCOMPARE(jetColour(1.0f), qRgb(127, 0, 0));
    }

    void exportDialogExports()
    {
        DatasetExportDialog dialog(m_dir->filePath("ws"));
        QSignalSpy ended(&dialog, &DatasetExportDialog::exportEnded);
        dialog.folderEdit()->setText(m_dir->filePath("export"));
        dialog.startExport();
        QVERIFY(ended.wait(30000));
        QCOMPARE(ended.front().front().toBool(), true);
        QVERIFY(fs::exists(m_dir->filePath("export/manifest.csv").toStdString()));
        // Again without "replace": refused, with the reason shown.
        dialog.startExport();
        QVERIFY(ended.wait(30000));
        QCOMPARE(ended.back().front().toBool(), false);
        QVERIFY(dialog.statusLabel()->text().contains("--force"));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_MAIN(TestDatasetBrowser)
#include "TestDatasetBrowser.moc"
