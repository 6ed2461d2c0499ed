#pragma once

// A demo world with a training split only, for tests that need a few real images of it.
#include "core/demo/DemoWorld.h"

#include <QDir>
#include <QDirIterator>
#include <QStringList>

namespace salient::test {

/// Writes a demo world of `trainCount` training images into `directory`; returns their paths, sorted.
inline QStringList writeDemoTrainImages(const QString& directory, int trainCount)
{
    DemoWorldOptions options;
    options.trainCount = trainCount;
    options.valCount = options.testCount = options.balancedCount = 0;
    writeDemoWorld(directory.toStdString(), options);
    QDirIterator it(directory + "/train", {"*.png"}, QDir::Files, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

} // namespace salient::test
