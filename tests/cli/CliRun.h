#pragma once

// Runs the salient command line from a test and keeps what it said; reads the files it wrote.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

struct CliRun
{
    int exitCode = -1; ///< -1 when it crashed or did not finish
    QByteArray out;
    QByteArray err;
};

inline CliRun runSalient(const QStringList& arguments)
{
    QProcess process;
    process.start(SALIENT_CLI_PATH, arguments);
    process.waitForFinished(300000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

/// The bytes of a file; for a missing one a text naming it, so that two missing files never compare equal.
inline QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("missing: " + path.toUtf8());
}

/// The JSON object in a file (empty when it is missing or not JSON).
inline QJsonObject readJson(const QString& path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

/// A workspace in `directory` holding a demo world (its test split of `testCount` images, 10 in each other
/// split) and the shipped robust and standard models; returns what failed ("" when it worked).
inline QByteArray makeDemoWorkspace(const QString& directory, int testCount)
{
    const QString models = QString(SALIENT_SOURCE_DIR) + "/resources/models";
    const CliRun world = runSalient({"demo", directory, "--world-only", "--train", "10", "--val", "10",
                                     "--test", QString::number(testCount), "--balanced", "10"});
    if (world.exitCode != 0)
        return "salient demo: " + world.err;
    const CliRun init =
        runSalient({"workspace", "init", directory, "--dataset", directory + "/dataset", "--robust-model",
                    models + "/robust.pt", "--standard-model", models + "/standard.pt"});
    return init.exitCode == 0 ? QByteArray() : "salient workspace init: " + init.err;
}
