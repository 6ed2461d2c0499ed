// salient workspace check and backup, and the refusal of a damaged salient.db by every command.
#include "CliRun.h"

#include "database/Database.h"
#include "database/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace salient;

namespace {

constexpr int kPageSize = 4096;

/// A workspace with a few hundred pages of settings, made by the program itself.
void makeWorkspace(const QString& folder)
{
    const CliRun init = runSalient({"workspace", "init", folder});
    QVERIFY2(init.exitCode == 0, init.err.constData());
    Database db((folder + "/salient.db").toStdString(), Database::OpenMode::ReadWrite);
    db.exec("BEGIN");
    for (int i = 0; i < 2000; ++i)
        db.exec("INSERT INTO config (key, value) VALUES ('filler-" + std::to_string(i) + "', '" +
                std::string(300, char('a' + i % 26)) + "')");
    db.exec("COMMIT");
    QCOMPARE(db.queryInt64("PRAGMA page_size"), std::int64_t(kPageSize));
}

/// Overwrites one B-tree page near the end of the file (a settings page) with garbage, as a failing disk
/// or a copy cut short would.
void damagePage(const QString& file)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 pages = f.size() / kPageSize;
    QVERIFY(pages > 50);
    QVERIFY(f.seek((pages - 3) * kPageSize));
    f.write(QByteArray(kPageSize, char(0x5a)));
}

} // namespace

class TestWorkspaceCommand : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void statusFollowsTheSteps()
    {
        const QString folder = m_dir.filePath("steps");
        auto states = [&folder] {
            const CliRun run = runSalient({"workspace", "status", folder, "--json"});
            QMap<QString, QString> byStep;
            if (run.exitCode != 0)
                return byStep;
            for (const QJsonValue step : QJsonDocument::fromJson(run.out).object()["steps"].toArray())
                byStep[step["step"].toString()] = step["state"].toString();
            return byStep;
        };
        QCOMPARE(runSalient({"workspace", "init", folder}).exitCode, 0);
        QMap<QString, QString> now = states();
        QCOMPARE(now.size(), 6);
        QCOMPARE(now["setup"], QString("not started"));
        QCOMPARE(now["index"], QString("waiting"));
        QCOMPARE(now["dataset"], QString("waiting"));

        // Named images and a robust model: the index is the next thing, sweeps can run.
        QVERIFY(QDir().mkpath(m_dir.filePath("images/train")));
        const CliRun init = runSalient({"workspace", "init", folder, "--dataset", m_dir.filePath("images"),
                                        "--robust-model", SALIENT_SOURCE_DIR "/resources/models/robust.pt"});
        QVERIFY2(init.exitCode == 0, init.err.constData());
        now = states();
        QCOMPARE(now["setup"], QString("done"));
        QCOMPARE(now["index"], QString("not started"));
        QCOMPARE(now["discovery"], QString("waiting"));
        QCOMPARE(now["sweeps"], QString("not started"));

        const CliRun text = runSalient({"workspace", "status", folder});
        QVERIFY2(text.out.contains("index       not started  not built (salient index)"),
                 text.out.constData());
        const CliRun missing =
            runSalient({"workspace", "init", folder, "--robust-model", m_dir.filePath("no.pt")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("no.pt: no such file or folder (--robust-model)"));
    }

    void aSoundWorkspaceChecksAndBacksUp()
    {
        const QString folder = m_dir.filePath("sound");
        makeWorkspace(folder);
        const CliRun check = runSalient({"workspace", "check", folder});
        QVERIFY2(check.exitCode == 0, check.err.constData());
        QVERIFY2(check.out.contains(": ok"), check.out.constData());

        const QString copy = m_dir.filePath("copy/salient.db");
        const CliRun backup = runSalient({"workspace", "backup", folder, "--out", copy});
        QVERIFY2(backup.exitCode == 0, backup.err.constData());
        QVERIFY(!QFileInfo::exists(copy + ".partial"));
        // The copy is a workspace with the same content.
        Workspace restored = Workspace::open(m_dir.filePath("copy").toStdString(), false);
        QCOMPARE(restored.configValue("filler-1999").value(), std::string(300, char('a' + 1999 % 26)));
        QCOMPARE(runSalient({"workspace", "backup", folder, "--out", copy}).exitCode, 2); // never overwrites

        const CliRun byDefault = runSalient({"workspace", "backup", folder});
        QVERIFY2(byDefault.exitCode == 0, byDefault.err.constData());
        const QString path = QString::fromUtf8(byDefault.out.trimmed());
        QVERIFY2(path.startsWith(folder + "/backups/salient-manual-") && QFileInfo::exists(path),
                 qPrintable(path));
    }

    void aDamagedWorkspaceIsRefusedAndNothingIsWritten()
    {
        const QString folder = m_dir.filePath("damaged");
        makeWorkspace(folder);
        damagePage(folder + "/salient.db");
        const QByteArray damaged = fileBytes(folder + "/salient.db");

        for (const QStringList& command :
             {QStringList{"workspace", "info", folder},
              QStringList{"hits", "add-annotator", "alice", "--workspace", folder}}) {
            const CliRun run = runSalient(command);
            QVERIFY2(run.exitCode == 2, qPrintable(command.join(' ') + ": " + run.err));
            QVERIFY2(run.err.contains("is damaged") && run.err.contains(".recover") &&
                         run.err.contains(folder.toUtf8() + "/salient.db"),
                     run.err.constData());
        }
        QCOMPARE(fileBytes(folder + "/salient.db"), damaged);

        const CliRun check = runSalient({"workspace", "check", folder, "--json"});
        QCOMPARE(check.exitCode, 2);
        const QJsonArray problems = QJsonDocument::fromJson(check.out).object()["problems"].toArray();
        QVERIFY2(!problems.isEmpty(), check.out.constData());
        QCOMPARE(fileBytes(folder + "/salient.db"), damaged);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceCommand)
#include "TestWorkspaceCommand.moc"
