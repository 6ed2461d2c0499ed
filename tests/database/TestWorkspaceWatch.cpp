#include "StudyTestSupport.h"

#include "database/Annotators.h"
#include "database/Assignments.h"
#include "database/Studies.h"
#include "database/WorkspaceWatch.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace salient;

namespace {

std::vector<WorkspaceArea> areas(std::initializer_list<WorkspaceArea> list)
{
    return list;
}

} // namespace

/// A watch on its own read-only connection sees what other connections commit, area by area.
class TestWorkspaceWatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportsEachAreaThatAnotherConnectionChanged()
    {
        QTemporaryDir dir;
        Workspace writer = indexedWorkspace(dir.filePath("ws"), 3, 2);
        WorkspaceWatch watch(dir.filePath("ws/salient.db").toStdString());
        QVERIFY(watch.poll().empty());
        Database& db = writer.database();

        // A study from another connection (the CLI's, say).
        StudyOptions options;
        options.answersPerHit = 2;
        const Study study = createStudy(db, StudyKind::Discovery, options, indexedPairs(db));
        QVERIFY(watch.poll() == areas({WorkspaceArea::Studies}));
        QVERIFY(watch.poll().empty()); // reported once

        // An answer, then its undo, then a new answer: each is a change although the count comes back.
        const Annotator ann = addAnnotator(db, "ann", AnnotatorRole::Annotator, std::nullopt);
        const auto hit = nextHit(db, study, ann);
        QVERIFY(hit);
        submitAnswer(db, study, hit->hit.id, ann, goodAnswer());
        QVERIFY(watch.poll() == areas({WorkspaceArea::Answers}));
        undoLastAnswer(db, study, ann);
        QVERIFY(watch.poll() == areas({WorkspaceArea::Answers}));
        submitAnswer(db, study, hit->hit.id, ann, goodAnswer("main_object"));
        QVERIFY(watch.poll() == areas({WorkspaceArea::Answers}));

        // A rebuilt index stored in another folder.
        db.exec("INSERT OR REPLACE INTO config (key, value) VALUES ('feature_index', 'index-2')");
        QVERIFY(watch.poll() == areas({WorkspaceArea::Index}));

        // A write that changes none of the areas (an annotator signing up) is not reported.
        addAnnotator(db, "bo", AnnotatorRole::Annotator, std::nullopt);
        QVERIFY(watch.poll().empty());
    }

    void refusesAFolderWithoutAWorkspace()
    {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("nowhere/salient.db").toStdString();
        try {
            WorkspaceWatch watch(missing);
            QFAIL("a watch opened a database that does not exist");
        } catch (const DatabaseError& error) {
            QVERIFY2(std::string(error.what()).find(missing) != std::string::npos, error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceWatch)
#include "TestWorkspaceWatch.moc"
