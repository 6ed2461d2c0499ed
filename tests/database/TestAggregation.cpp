// The majority rule, its sub-labels and Fleiss' kappa against counts worked out by hand.
#include "database/Aggregation.h"

#include <QtTest>

using salient::deriveLabel;
using salient::fleissKappa;
using salient::StudyKind;

class TestAggregation : public QObject
{
    Q_OBJECT

private slots:
    void discoveryMajorityAndSubLabels_data();
    void discoveryMajorityAndSubLabels();
    void validationMajority();
    void pairAgreement();
    void fleissKappaOfTheFixture();
    void fleissKappaOfFleissTable();
    void fleissKappaUndefined();
};

void TestAggregation::discoveryMajorityAndSubLabels_data()
{
    QTest::addColumn<int>("main");
    QTest::addColumn<int>("separate");
    QTest::addColumn<int>("background");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("subLabel");
    QTest::addColumn<double>("margin");
    // The paper: spurious when at least 3 of 5 answers are separate_object or background.
    QTest::newRow("5 main") << 5 << 0 << 0 << "core"
                            << "" << 1.0;
    QTest::newRow("3 main, 2 background") << 3 << 0 << 2 << "core"
                                          << "" << 0.2;
    QTest::newRow("2 main, 2 separate, 1 background") << 2 << 2 << 1 << "spurious"
                                                      << "separate_object" << 0.2;
    QTest::newRow("1 main, 2 separate, 2 background") << 1 << 2 << 2 << "spurious"
                                                      << "ambiguous" << 0.6;
    QTest::newRow("0 main, 1 separate, 4 background") << 0 << 1 << 4 << "spurious"
                                                      << "background" << 1.0;
    QTest::newRow("2 main, 0 separate, 3 background") << 2 << 0 << 3 << "spurious"
                                                      << "background" << 0.2;
    // Other counts: a strict majority of the answers.
    QTest::newRow("4 answers, 2 main 2 spurious") << 2 << 1 << 1 << "tie"
                                                  << "" << 0.0;
    QTest::newRow("3 answers, 1 of each") << 1 << 1 << 1 << "spurious"
                                          << "ambiguous" << 1.0 / 3;
    QTest::newRow("1 answer, background") << 0 << 0 << 1 << "spurious"
                                          << "background" << 1.0;
    QTest::newRow("no answer") << 0 << 0 << 0 << ""
                               << "" << 0.0;
}

void TestAggregation::discoveryMajorityAndSubLabels()
{
    QFETCH(int, main);
    QFETCH(int, separate);
    QFETCH(int, background);
    QFETCH(QString, label);
    QFETCH(QString, subLabel);
    QFETCH(double, margin);
    const auto derived = deriveLabel(StudyKind::Discovery, {main, separate, background});
    QCOMPARE(QString::fromStdString(derived.label), label);
    QCOMPARE(QString::fromStdString(derived.subLabel), subLabel);
    QCOMPARE(derived.answers, main + separate + background);
    QVERIFY(std::abs(derived.margin - margin) < 1e-12);
}

void TestAggregation::validationMajority()
{
    QCOMPARE(deriveLabel(StudyKind::Validation, {3, 1, 1, 0}).label, std::string("same"));
    QCOMPARE(deriveLabel(StudyKind::Validation, {1, 3, 0, 1}).label, std::string("different"));
    QCOMPARE(deriveLabel(StudyKind::Validation, {2, 2, 1, 0}).label, std::string("unclear"));
    QCOMPARE(deriveLabel(StudyKind::Validation, {2, 0, 2, 1}).label, std::string("unclear"));
    // margin over same / different / unclear: 3 unclear, 2 same -> (3 - 2) / 5
    QVERIFY(std::abs(deriveLabel(StudyKind::Validation, {2, 0, 2, 1}).margin - 0.2) < 1e-12);
    QVERIFY(deriveLabel(StudyKind::Validation, {2, 0, 2, 1}).subLabel.empty());
}

void TestAggregation::pairAgreement()
{
    // P_i = (sum n_j^2 - n) / (n (n - 1))
    QCOMPARE(salient::pairAgreement({5, 0, 0}), 1.0);
    QVERIFY(std::abs(salient::pairAgreement({2, 2, 1}) - 4.0 / 20) < 1e-12); // (4 + 4 + 1 - 5) / 20
    QVERIFY(std::abs(salient::pairAgreement({3, 0, 2}) - 8.0 / 20) < 1e-12); // (9 + 4 - 5) / 20
    QCOMPARE(salient::pairAgreement({0, 1, 0}), 1.0);                        // one answer
}

void TestAggregation::fleissKappaOfTheFixture()
{
    // Five pairs, five answers each (main, separate, background):
    //   A 5 0 0  P = (25 - 5) / 20 = 1.0
    //   B 2 2 1  P = (4 + 4 + 1 - 5) / 20 = 0.2
    //   C 1 2 2  P = (1 + 4 + 4 - 5) / 20 = 0.2
    //   D 0 1 4  P = (1 + 16 - 5) / 20 = 0.6
    //   E 3 0 2  P = (9 + 4 - 5) / 20 = 0.4
    // mean P = 2.4 / 5 = 0.48; column totals 11, 5, 9 of 25 -> p = 0.44, 0.20, 0.36
    // P_e = 0.1936 + 0.04 + 0.1296 = 0.3632; kappa = (0.48 - 0.3632) / (1 - 0.3632) = 0.1168 / 0.6368
    const std::vector<std::vector<int>> items = {{5, 0, 0}, {2, 2, 1}, {1, 2, 2}, {0, 1, 4}, {3, 0, 2}};
    const auto kappa = fleissKappa(items);
    QVERIFY(kappa.has_value());
    QVERIFY(std::abs(*kappa - 0.1168 / 0.6368) < 1e-12);

    // Core vs spurious: A 5 0, B 2 3, C 1 4, D 0 5, E 3 2 -> P = 1, 0.4, 0.6, 1, 0.4, mean 0.68;
    // p = 11/25, 14/25 -> P_e = 0.1936 + 0.3136 = 0.5072; kappa = 0.1728 / 0.4928
    std::vector<std::vector<int>> binary;
    for (const auto& item : items)
        binary.push_back(salient::coreSpuriousCounts(item));
    QCOMPARE(binary[1], (std::vector<int>{2, 3}));
    QVERIFY(std::abs(*fleissKappa(binary) - 0.1728 / 0.4928) < 1e-12);
}

void TestAggregation::fleissKappaOfFleissTable()
{
    // The worked example of Fleiss' kappa (10 subjects, 14 raters, 5 categories): P = 0.378,
    // P_e = 0.2128, kappa = 0.2099 (as published, rounded).
    const std::vector<std::vector<int>> items = {
        {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
        {7, 7, 0, 0, 0},  {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
    const auto kappa = fleissKappa(items);
    QVERIFY(kappa.has_value());
    QVERIFY2(std::abs(*kappa - 0.20993) < 1e-4, qPrintable(QString::number(*kappa, 'f', 6)));
}

void TestAggregation::fleissKappaUndefined()
{
    QVERIFY(!fleissKappa({}).has_value());
    QVERIFY(!fleissKappa({{1, 0, 0}, {0, 1, 0}}).has_value()); // no item with 2 ratings
    QVERIFY(!fleissKappa({{5, 0, 0}, {3, 0, 0}}).has_value()); // P_e = 1: all in one category
    // An item with a single rating is left out: the same as without it.
    QCOMPARE(*fleissKappa({{2, 2, 1}, {3, 0, 2}, {0, 1, 0}}), *fleissKappa({{2, 2, 1}, {3, 0, 2}}));
    // Perfect agreement in two categories: kappa 1.
    QVERIFY(std::abs(*fleissKappa({{5, 0, 0}, {0, 5, 0}}) - 1.0) < 1e-12);
}

QTEST_GUILESS_MAIN(TestAggregation)
#include "TestAggregation.moc"
