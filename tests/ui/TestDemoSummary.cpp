// The demo accuracies table on the workspace page.
#include "ui/overview/DemoSummary.h"

#include <QFile>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

class TestDemoSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheMeasuredAccuracies()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath("demo.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"robust.correlated": 0.853, "robust.balanced": 0.8, "robust.pgd": 0.61,
            "standard.correlated": 0.887, "standard.balanced": 0.5455, "standard.pgd": 0.0,
            "pgd": {"eps": 0.5, "steps": 10, "images": 500}})");
        file.close();

        QLocale::setDefault(QLocale::c());
        DemoSummary summary;
        summary.resize(700, 220);
        QVERIFY(summary.load(dir.path()));
        QVERIFY(!summary.isHidden());
        QCOMPARE(summary.table()->item(0, 0)->text(), QString("85.3 %"));
        QCOMPARE(summary.table()->item(1, 1)->text(), QString("54.5 %"));
        QCOMPARE(summary.table()->item(1, 2)->text(), QString("0.0 %"));
        summary.show();
        QVERIFY(QTest::qWaitForWindowExposed(&summary));
        summary.grab().save(QString(SALIENT_TEST_OUTPUT) + "/demo-summary.png");
    }

    void hiddenWithoutADemo()
    {
        QTemporaryDir dir;
        DemoSummary summary;
        QVERIFY(!summary.load(dir.path()));
        QVERIFY(summary.isHidden());
    }
};

QTEST_MAIN(TestDemoSummary)
#include "TestDemoSummary.moc"
