// The reason rule: empty, short, generic and wordless reasons are refused with a message saying why.
#include "database/ReasonRule.h"

#include <QtTest>

using salient::reasonProblem;
using salient::ReasonRule;

namespace {

QString problem(const std::string& reason, const ReasonRule& rule = {})
{
    return QString::fromStdString(reasonProblem(reason, rule));
}

} // namespace

class TestReasonRule : public QObject
{
    Q_OBJECT

private slots:
    void acceptsAReason()
    {
        QVERIFY(problem("the blue water around the fish").isEmpty());
        QVERIFY(problem("  grass behind the dog, not the dog  ").isEmpty());
        QVERIFY(problem("l'eau bleue autour du poisson").isEmpty());
    }

    void refusesEmpty()
    {
        QVERIFY(problem("").startsWith("The reason is empty"));
        QVERIFY(problem("   \t\n ").startsWith("The reason is empty"));
    }

    void refusesShort()
    {
        QCOMPARE(
            problem("fish fin"),
            QString("The reason is too short (8 characters, at least 10): say what the highlighted region "
                    "shows."));
        // Characters, not bytes: 9 letters with two 2-byte ones are still 9.
        QVERIFY(problem("é è a b c").startsWith("The reason is too short (9 characters"));
    }

    void refusesGeneric()
    {
        QVERIFY(problem("I don't know!!").contains("is too generic"));
        QVERIFY(problem("based on the images").contains("is too generic"));
        QVERIFY(problem("The Background.   ").contains("is too generic"));
        QVERIFY(problem("aaaaaaaaaaaaaa").contains("is too generic"));
        QVERIFY(problem("!!!!!!!!!! ????").contains("is too generic"));
        QVERIFY(problem("...---...,,,").contains("is too generic"));
    }

    void refusesTooFewWords()
    {
        QCOMPARE(
            problem("underwater-scene"),
            QString("The reason has too few words (2, at least 3): say what the highlighted region shows."));
    }

    void ruleIsConfigurable()
    {
        ReasonRule rule;
        rule.minChars = 3;
        rule.minWords = 1;
        rule.generic = {"water"};
        QVERIFY(problem("fin", rule).isEmpty());
        QVERIFY(problem("Water!", rule).contains("is too generic"));
        QVERIFY(problem("I don't know", rule).isEmpty()); // not in this study's list
        QVERIFY(problem("ab", rule).startsWith("The reason is too short (2 characters, at least 3)"));
    }
};

QTEST_GUILESS_MAIN(TestReasonRule)
#include "TestReasonRule.moc"
