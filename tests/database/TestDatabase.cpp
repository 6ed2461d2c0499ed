#include "database/Database.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <string>

using salient::Database;
using salient::DatabaseError;
using salient::Statement;
using salient::Transaction;

class TestDatabase : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void bindAndReadAllTypes();
    void statementResetReruns();
    void transactionCommits();
    void transactionRollsBackWhenDestroyed();
    void errorsNameTheFile();
    void missingFileWithoutCreate();
    void busyWriterWaitsThenFails();
    void moveKeepsConnection();

private:
    std::string file(const char* name) const { return m_tmp->filePath(name).toStdString(); }

    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestDatabase::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestDatabase::bindAndReadAllTypes()
{
    Database db(file("a.db"));
    db.exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT, n TEXT)");
    Statement insert = db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)");
    insert.bind(1, std::int64_t{1} << 40)
        .bind(2, 0.25)
        .bind(3, std::string("text\0with nul", 13))
        .bindNull(4);
    QVERIFY(!insert.step());
    QCOMPARE(db.changes(), 1);
    QCOMPARE(db.lastInsertRowId(), std::int64_t{1});

    Statement select = db.prepare("SELECT i, d, s, n FROM t");
    QVERIFY(select.step());
    QCOMPARE(select.columnCount(), 4);
    QCOMPARE(select.columnInt64(0), std::int64_t{1} << 40);
    QCOMPARE(select.columnDouble(1), 0.25);
    QCOMPARE(select.columnText(2), std::string("text\0with nul", 13));
    QVERIFY(select.columnIsNull(3));
    QVERIFY(!select.columnIsNull(0));
    QCOMPARE(select.columnText(3), std::string());
    QVERIFY(!select.step());
}

void TestDatabase::statementResetReruns()
{
    Database db(file("a.db"));
    db.exec("CREATE TABLE t (v INTEGER)");
    Statement insert = db.prepare("INSERT INTO t VALUES (?1)");
    for (int i = 1; i <= 5; ++i) {
        insert.bind(1, i);
        insert.step();
        insert.reset();
    }
    QCOMPARE(db.queryInt64("SELECT sum(v) FROM t"), std::int64_t{15});

    insert.reset(true); // cleared bindings insert NULL
    insert.step();
    QCOMPARE(db.queryInt64("SELECT count(*) FROM t WHERE v IS NULL"), std::int64_t{1});
}

void TestDatabase::transactionCommits()
{
    Database db(file("a.db"));
    db.exec("CREATE TABLE t (v INTEGER)");
    {
        Transaction transaction(db);
        QVERIFY(db.inTransaction());
        db.exec("INSERT INTO t VALUES (1)");
        transaction.commit();
        QVERIFY(!transaction.isActive());
    }
    QVERIFY(!db.inTransaction());
    QCOMPARE(db.queryInt64("SELECT count(*) FROM t"), std::int64_t{1});
}

void TestDatabase::transactionRollsBackWhenDestroyed()
{
    Database db(file("a.db"));
    db.exec("CREATE TABLE t (v INTEGER)");
    try {
        Transaction transaction(db);
        db.exec("INSERT INTO t VALUES (1)");
        db.exec("INSERT INTO no_such_table VALUES (1)"); // throws
        transaction.commit();
        QFAIL("expected an error");
    } catch (const DatabaseError&) {
    }
    QVERIFY(!db.inTransaction());
    QCOMPARE(db.queryInt64("SELECT count(*) FROM t"), std::int64_t{0});
}

void TestDatabase::errorsNameTheFile()
{
    Database db(file("a.db"));
    try {
        db.prepare("SELEKT 1");
        QFAIL("expected an error");
    } catch (const DatabaseError& error) {
        const QString message = error.what();
        QVERIFY2(message.contains(m_tmp->filePath("a.db")), qPrintable(message));
        QVERIFY2(message.contains("syntax error"), qPrintable(message));
        QVERIFY(error.sqliteCode() != 0);
    }
}

void TestDatabase::missingFileWithoutCreate()
{
    try {
        Database db(file("missing.db"), Database::OpenMode::ReadWrite);
        QFAIL("expected an error");
    } catch (const DatabaseError& error) {
        QVERIFY2(QString(error.what()).contains(m_tmp->filePath("missing.db")), error.what());
    }
    QVERIFY(!QFile::exists(m_tmp->filePath("missing.db")));
}

void TestDatabase::busyWriterWaitsThenFails()
{
    Database first(file("a.db"));
    first.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER)");
    Database second(file("a.db"));
    second.setBusyTimeout(100);

    Transaction holding(first);
    QElapsedTimer timer;
    timer.start();
    try {
        Transaction waiting(second);
        QFAIL("expected SQLITE_BUSY");
    } catch (const DatabaseError& error) {
        QVERIFY2(QString(error.what()).contains("locked"), error.what());
    }
    QVERIFY2(timer.elapsed() >= 90, "the second writer should have waited for the busy timeout");
    holding.commit();
    Transaction now(second); // free again
    now.commit();
}

void TestDatabase::moveKeepsConnection()
{
    Database db(file("a.db"));
    db.exec("CREATE TABLE t (v INTEGER)");
    Database moved = std::move(db);
    QVERIFY(!db.isOpen()); // NOLINT(bugprone-use-after-move): the moved-from state is documented
    QVERIFY(moved.isOpen());
    QCOMPARE(moved.queryInt64("SELECT count(*) FROM t"), std::int64_t{0});
    moved.close();
    QVERIFY(!moved.isOpen());
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
