#include "database/Migrations.h"
#include "database/Workspace.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <string>

using salient::Database;
using salient::Statement;
using salient::Workspace;

namespace {

std::string str(const QString& s)
{
    return s.toStdString();
}

/// Runs `open` and returns the error's message, or an empty string when nothing was thrown.
template <typename F> QString errorOf(F&& open)
{
    try {
        open();
    } catch (const salient::Error& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void createsFolderAndDatabase();
    void pathIsNormalised();
    void reopenDoesNotReapplyMigrations();
    void configRoundTrip();
    void pragmasAreSet();
    void readerSeesCommittedDataWhileWriterHolds();
    void randomBytesAreRefused();
    void missingFolderWithoutCreateIsRefused();
    void folderWithoutDatabaseWithoutCreateIsRefused();
    void foreignSqliteDatabaseIsRefused();
    void newerSchemaIsRefused();
    void looksLikeWorkspace();
    void upgradeIsPrecededByABackup();

private:
    QString dir(const QString& name) const { return m_tmp->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestWorkspace::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestWorkspace::createsFolderAndDatabase()
{
    const QString folder = dir("new/nested/ws");
    QVERIFY(!QFileInfo::exists(folder));

    Workspace ws = Workspace::open(str(folder), true);
    QVERIFY(QFileInfo(folder).isDir());
    QVERIFY(QFileInfo(folder + "/salient.db").isFile());
    QCOMPARE(QString::fromStdString(ws.path()), QDir(folder).absolutePath());
    QCOMPARE(QString::fromStdString(ws.databasePath()), QDir(folder).absoluteFilePath("salient.db"));
    QVERIFY(Workspace::latestSchemaVersion() >= 1);
    QCOMPARE(ws.schemaVersion(), Workspace::latestSchemaVersion());
    QCOMPARE(ws.database().queryInt64("SELECT count(*) FROM schema_migrations"),
             static_cast<std::int64_t>(Workspace::latestSchemaVersion()));
    // Migration 1 made the config table.
    QCOMPARE(ws.database().queryInt64("SELECT count(*) FROM sqlite_master WHERE name = 'config'"), 1);
}

void TestWorkspace::pathIsNormalised()
{
    const QString folder = dir("ws");
    Workspace ws = Workspace::open(str(folder + "/./"), true);
    QCOMPARE(QString::fromStdString(ws.path()), QDir(folder).absolutePath());
}

void TestWorkspace::reopenDoesNotReapplyMigrations()
{
    const QString folder = dir("ws");
    std::string appliedAt;
    {
        Workspace ws = Workspace::open(str(folder), true);
        appliedAt = ws.database().queryText("SELECT applied_at FROM schema_migrations WHERE version = 1");
        QVERIFY(!appliedAt.empty());
    }
    for (int i = 0; i < 2; ++i) {
        Workspace ws = Workspace::open(str(folder), false);
        QCOMPARE(ws.schemaVersion(), Workspace::latestSchemaVersion());
        QCOMPARE(ws.database().queryInt64("SELECT count(*) FROM schema_migrations"),
                 static_cast<std::int64_t>(Workspace::latestSchemaVersion()));
        QCOMPARE(ws.database().queryText("SELECT applied_at FROM schema_migrations WHERE version = 1"),
                 appliedAt);
    }
}

void TestWorkspace::configRoundTrip()
{
    const QString folder = dir("ws");
    {
        Workspace ws = Workspace::open(str(folder), true);
        QVERIFY(!ws.configValue("model").has_value());
        ws.setConfigValue("model", "resnet50");
        QCOMPARE(ws.configValue("model").value(), std::string("resnet50"));
        ws.setConfigValue("model", "resnet18"); // overwrite, not a second row
        QCOMPARE(ws.configValue("model").value(), std::string("resnet18"));
        QCOMPARE(ws.database().queryInt64("SELECT count(*) FROM config"), 1);
        ws.setConfigValue("empty", "");
        ws.setConfigValue("unicode", "Schäferhund \xE2\x80\x94 \xF0\x9F\x90\x95");
        ws.setConfigValue("quote'd", "it's \"fine\"");
    }
    Workspace ws = Workspace::open(str(folder), false);
    QCOMPARE(ws.configValue("model").value(), std::string("resnet18"));
    QVERIFY(ws.configValue("empty").has_value());
    QCOMPARE(ws.configValue("empty").value(), std::string());
    QCOMPARE(ws.configValue("unicode").value(), std::string("Schäferhund \xE2\x80\x94 \xF0\x9F\x90\x95"));
    QCOMPARE(ws.configValue("quote'd").value(), std::string("it's \"fine\""));
    ws.removeConfigValue("model");
    QVERIFY(!ws.configValue("model").has_value());
}

void TestWorkspace::pragmasAreSet()
{
    Workspace ws = Workspace::open(str(dir("ws")), true);
    QCOMPARE(ws.database().queryText("PRAGMA journal_mode"), std::string("wal"));
    QCOMPARE(ws.database().queryInt64("PRAGMA foreign_keys"), 1);
    QCOMPARE(ws.database().queryInt64("PRAGMA synchronous"), 1); // NORMAL

    // WAL is a property of the file: a plain connection sees it too.
    Database plain(ws.databasePath(), Database::OpenMode::ReadOnly);
    QCOMPARE(plain.queryText("PRAGMA journal_mode"), std::string("wal"));
}

void TestWorkspace::readerSeesCommittedDataWhileWriterHolds()
{
    Workspace writer = Workspace::open(str(dir("ws")), true);
    writer.setConfigValue("k", "before");
    Workspace reader = Workspace::open(str(dir("ws")), false);

    salient::Transaction transaction(writer.database());
    writer.setConfigValue("k", "during");
    // In WAL mode a reader is not blocked by the open write transaction and sees the committed value.
    QCOMPARE(reader.configValue("k").value(), std::string("before"));
    transaction.commit();
    QCOMPARE(reader.configValue("k").value(), std::string("during"));
}

void TestWorkspace::randomBytesAreRefused()
{
    const QString folder = dir("corrupt");
    QVERIFY(QDir().mkpath(folder));
    const QString file = folder + "/salient.db";
    QByteArray bytes(8192, Qt::Uninitialized);
    for (auto& b : bytes)
        b = static_cast<char>(QRandomGenerator::global()->bounded(256));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(bytes), bytes.size());
    }

    for (bool create : {false, true}) {
        const QString message = errorOf([&] { Workspace::open(str(folder), create); });
        QVERIFY2(!message.isEmpty(), "opening random bytes must throw");
        QVERIFY2(message.contains(QDir(folder).absoluteFilePath("salient.db")), qPrintable(message));
        QVERIFY2(message.contains("not a SQLite database"), qPrintable(message));
    }
    // Nothing was written to the user's file.
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), bytes);
}

void TestWorkspace::missingFolderWithoutCreateIsRefused()
{
    const QString folder = dir("does-not-exist");
    const QString message = errorOf([&] { Workspace::open(str(folder), false); });
    QVERIFY2(message.contains(folder), qPrintable(message));
    QVERIFY2(message.contains("does not exist"), qPrintable(message));
    QVERIFY(!QFileInfo::exists(folder));
}

void TestWorkspace::folderWithoutDatabaseWithoutCreateIsRefused()
{
    const QString folder = dir("plain");
    QVERIFY(QDir().mkpath(folder));
    const QString message = errorOf([&] { Workspace::open(str(folder), false); });
    QVERIFY2(message.contains("not a Salient Studio workspace"), qPrintable(message));
    QVERIFY(!QFileInfo::exists(folder + "/salient.db"));

    const QString fileMessage = errorOf([&] { Workspace::open(str(dir("plain-file")), true); });
    QVERIFY(fileMessage.isEmpty()); // a new folder is fine with create
    QFile file(dir("a-file"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const QString notFolder = errorOf([&] { Workspace::open(str(dir("a-file")), true); });
    QVERIFY2(notFolder.contains("is not a folder"), qPrintable(notFolder));
}

void TestWorkspace::foreignSqliteDatabaseIsRefused()
{
    const QString folder = dir("foreign");
    QVERIFY(QDir().mkpath(folder));
    {
        Database db(str(folder + "/salient.db"));
        db.exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)");
    }
    const QString message = errorOf([&] { Workspace::open(str(folder), true); });
    QVERIFY2(message.contains("not a Salient Studio workspace"), qPrintable(message));
    QVERIFY2(message.contains(folder + "/salient.db"), qPrintable(message));
}

void TestWorkspace::newerSchemaIsRefused()
{
    const QString folder = dir("ws");
    const int future = Workspace::latestSchemaVersion() + 7;
    {
        Workspace ws = Workspace::open(str(folder), true);
        Statement insert =
            ws.database().prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?1, 'later')");
        insert.bind(1, future);
        insert.step();
    }
    const QString message = errorOf([&] { Workspace::open(str(folder), false); });
    QVERIFY2(message.contains("newer version of Salient Studio"), qPrintable(message));
    QVERIFY2(message.contains(QString::number(future)), qPrintable(message));
    QVERIFY2(message.contains(folder + "/salient.db"), qPrintable(message));
}

void TestWorkspace::looksLikeWorkspace()
{
    QVERIFY(!Workspace::looksLikeWorkspace(str(dir("nothing"))));
    QVERIFY(!Workspace::looksLikeWorkspace(""));
    QVERIFY(QDir().mkpath(dir("plain")));
    QVERIFY(!Workspace::looksLikeWorkspace(str(dir("plain"))));
    Workspace::open(str(dir("ws")), true);
    QVERIFY(Workspace::looksLikeWorkspace(str(dir("ws"))));
}

/// A workspace one schema version behind, made with the shipped migrations, is copied into backups/
/// before the upgrade; the copy still has the old version and the data.
void TestWorkspace::upgradeIsPrecededByABackup()
{
    const QString folder = dir("old");
    QVERIFY(QDir().mkpath(folder));
    const int old = Workspace::latestSchemaVersion() - 1;
    {
        Database db(str(folder + "/salient.db"));
        db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        for (int version = 1; version <= old; ++version) {
            db.exec(salient::workspaceMigrations()[std::size_t(version - 1)]);
            db.exec("INSERT INTO schema_migrations VALUES (" + std::to_string(version) + ", 'then')");
        }
        db.exec("INSERT INTO config (key, value) VALUES ('kept', 'yes')");
    }
    Workspace upgraded = Workspace::open(str(folder), false);
    QCOMPARE(upgraded.schemaVersion(), Workspace::latestSchemaVersion());
    const QStringList backups = QDir(folder + "/backups").entryList({"*.db"}, QDir::Files);
    QCOMPARE(backups.size(), 1);
    QVERIFY2(backups.front().startsWith(QString("salient-before-schema-%1-").arg(old + 1)),
             qPrintable(backups.front()));
    Database copy(str(folder + "/backups/" + backups.front()), Database::OpenMode::ReadWrite);
    QCOMPARE(copy.queryInt64("SELECT MAX(version) FROM schema_migrations"), std::int64_t(old));
    QCOMPARE(copy.queryText("SELECT value FROM config WHERE key = 'kept'"), std::string("yes"));

    // A workspace that is current is not copied again.
    Workspace again = Workspace::open(str(folder), false);
    QCOMPARE(QDir(folder + "/backups").entryList({"*.db"}, QDir::Files).size(), 1);
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "TestWorkspace.moc"
