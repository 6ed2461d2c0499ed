#pragma once

// Runs the salient command line from a test and keeps what it said.
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
