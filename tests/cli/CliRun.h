#pragma once

// Runs the salient command line from a test and keeps what it said; reads the files it wrote.
#include <QFile>
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
