#pragma once

// Hostile and broken model archives for the tests, written by tests/core/make_hostile_models.py
// (standard library only): nested_tuples.pt, nested_1000.pt, nested_1001.pt, marks.pt, zip_bomb.pt,
// lying_size.pt, storage_mismatch.pt and sound.pt.
#include <QProcess>
#include <QString>

/// Writes the archives into `dir`; an empty string, or what the script said when it failed.
inline QString writeHostileModels(const QString& dir)
{
    QProcess python;
    python.start("/usr/bin/python3",
                 {QString(SALIENT_SOURCE_DIR) + "/tests/core/make_hostile_models.py", dir});
    if (!python.waitForFinished(120000) || python.exitStatus() != QProcess::NormalExit ||
        python.exitCode() != 0)
        return "make_hostile_models.py failed: " + QString::fromUtf8(python.readAllStandardError());
    return {};
}
