// The item models the views show, on real workspaces: each keeps Qt's model rules
// (QAbstractItemModelTester) through loading, reloading and closing, and shows what salient.db holds.
#include "ui/models/ClassListModel.h"
#include "ui/models/FeatureListModel.h"
#include "ui/models/StudyListModel.h"
#include "ui/models/SweepRunModel.h"
#include "ui/widgets/WorkspaceSession.h"

#include "../database/StudyTestSupport.h"

#include "database/Studies.h"
#include "database/SweepTables.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using Tester = QAbstractItemModelTester;
constexpr auto QtTestReporting = QAbstractItemModelTester::FailureReportingMode::QtTest;

} // namespace

class TestItemModels : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath("w");
        salient::Workspace workspace = indexedWorkspace(m_path, 3, 4);
        salient::StudyOptions options;
        options.name = "discovery";
        salient::createStudy(workspace.database(), salient::StudyKind::Discovery, options,
                             salient::indexedPairs(workspace.database()));
        options.name = "late";
        salient::createStudy(workspace.database(), salient::StudyKind::Discovery, options,
                             salient::indexedPairs(workspace.database()));
        for (int seed : {7, 8}) {
            salient::SweepRunRecord run;
            run.status = "running";
            run.source = "demo world";
            run.split = "test";
            run.seed = std::uint64_t(seed);
            run.sigmas = "[0,0.25]";
            run.strategies = R"(["gaussian"])";
            run.images = 40;
            run.config = "{}";
            run.models = {{0, "robust", "/models/robust.pt", std::string(64, 'a')}};
            const std::int64_t id = salient::createSweepRun(workspace.database(), run);
            if (seed == 8)
                salient::storeSweepCounts(workspace.database(), id, "finished", 40, 1.5, {}, {});
        }
    }

    void classesFollowTheSession()
    {
        WorkspaceSession session;
        ClassListModel model(&session);
        Tester tester(&model, QtTestReporting);
        QVERIFY(model.reload().isEmpty());
        QCOMPARE(model.rowCount(), 0); // no workspace open
        session.open(m_path);
        QVERIFY(model.reload().isEmpty());
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex second = model.index(1, 0);
        QCOMPARE(second.data(ClassListModel::ClassIndexRole).toInt(), 1);
        QVERIFY(second.data().toString().contains("n00001001"));
        QVERIFY(second.data(ClassListModel::SearchTextRole).toString().endsWith(" 1"));
        // The fixture's class: 10 images, 8 of them right.
        QVERIFY2(second.data(Qt::ToolTipRole).toString().contains("80.0 %"),
                 qPrintable(second.data(Qt::ToolTipRole).toString()));
        session.close();
        QVERIFY(model.reload().isEmpty());
        QCOMPARE(model.rowCount(), 0);
    }

    void featuresOfAClassBestFirst()
    {
        WorkspaceSession session;
        session.open(m_path);
        FeatureListModel model(&session);
        Tester tester(&model, QtTestReporting);
        model.showClass(2);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(FeatureListModel::ColumnCount));
        for (int row = 0; row < 4; ++row) {
            const int rank = row + 1;
            QCOMPARE(model.index(row, FeatureListModel::RankColumn).data().toString(), QString::number(rank));
            // The fixture's features: 10 * rank + class, importance 1 / rank.
            QCOMPARE(model.index(row, FeatureListModel::ImportanceColumn).data(FeatureListModel::FeatureRole),
                     QVariant(10 * rank + 2));
            QCOMPARE(model.index(row, FeatureListModel::ImportanceColumn).data().toString(),
                     QLocale().toString(1.0 / rank, 'g', 4));
        }
        QCOMPARE(model.headerData(FeatureListModel::ImportanceColumn, Qt::Horizontal).toString(),
                 QString("Importance"));
        model.showClass(99); // not in the index
        QCOMPARE(model.rowCount(), 0);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void studiesNamedWithTheirKind()
    {
        salient::Workspace workspace = salient::Workspace::open(m_path.toStdString(), false);
        StudyListModel model;
        Tester tester(&model, QtTestReporting);
        model.setStudies(salient::studies(workspace.database()));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data().toString(), QString("discovery"));
        QCOMPARE(model.index(1, 0).data().toString(), QString("late (discovery)"));
        QCOMPARE(model.index(1, 0).data(StudyListModel::UidRole).toString(),
                 QString::fromStdString(model.studies()[1].uid));
        model.setStudies({});
        QCOMPARE(model.rowCount(), 0);
    }

    void sweepRunsNewestFirst()
    {
        WorkspaceSession session;
        SweepRunModel model(&session);
        Tester tester(&model, QtTestReporting);
        session.open(m_path);
        QVERIFY(model.reload().isEmpty());
        QCOMPARE(model.rowCount(), 2);
        const qint64 newest = model.index(0, 0).data(SweepRunModel::RunIdRole).toLongLong();
        const qint64 older = model.index(1, 0).data(SweepRunModel::RunIdRole).toLongLong();
        QVERIFY(newest > older);
        QCOMPARE(model.rowOf(older), 1);
        QCOMPARE(model.rowOf(12345), -1);
        QCOMPARE(model.index(0, SweepRunModel::StatusColumn).data().toString(), QString("40 images"));
        QCOMPARE(model.index(1, SweepRunModel::StatusColumn).data().toString(),
                 QString("incomplete (0 of 40)"));
        QCOMPARE(model.index(0, SweepRunModel::SettingsColumn).data().toString(),
                 QString("[gaussian], σ [0,0.25], seed 8"));
        QCOMPARE(model.index(0, SweepRunModel::ModelsColumn).data().toString(), QString("robust"));
        QVERIFY(
            model.index(0, SweepRunModel::ModelsColumn).data(Qt::ToolTipRole).toString().contains("SHA-256"));

        // A run deleted elsewhere leaves on the next reload.
        {
            salient::Workspace other = salient::Workspace::open(m_path.toStdString(), false);
            salient::deleteSweepRun(other.database(), older);
        }
        QVERIFY(model.reload().isEmpty());
        QCOMPARE(model.rowCount(), 1);
    }

    void sessionSaysWhatChanged()
    {
        WorkspaceSession session;
        QSignalSpy opened(&session, &WorkspaceSession::opened);
        QSignalSpy changed(&session, &WorkspaceSession::changed);
        session.open(m_path);
        QCOMPARE(opened.count(), 1);
        QVERIFY(session.isWatching());
        session.poll(); // the watch's first look: nothing has changed since it was made
        changed.clear();
        {
            salient::Workspace other = salient::Workspace::open(m_path.toStdString(), false);
            salient::StudyOptions options;
            options.name = "third";
            salient::createStudy(other.database(), salient::StudyKind::Discovery, options,
                                 salient::indexedPairs(other.database()));
        }
        session.poll();
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.front().front().value<WorkspaceSession::Area>(), WorkspaceSession::Area::Studies);

        // A folder that is not a workspace leaves the open one open.
        QTemporaryDir elsewhere;
        QVERIFY_THROWS_EXCEPTION(std::exception, session.open(elsewhere.filePath("missing")));
        QCOMPARE(session.path(), QFileInfo(m_path).absoluteFilePath());
        QSignalSpy closed(&session, &WorkspaceSession::closed);
        session.close();
        QCOMPARE(closed.count(), 1);
        QVERIFY(!session.isOpen());
        QVERIFY(!session.evidence());
    }
};

QTEST_MAIN(TestItemModels)
#include "TestItemModels.moc"
