#pragma once

// Small demo worlds for tests that need a few real images of it.
#include "core/demo/DemoWorld.h"

#include <QDir>
#include <QDirIterator>
#include <QStringList>

#include <string>

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

/// Writes a demo world whose test split has `testCount` images (10 in each other split) into `directory`;
/// returns the directory.
inline std::string writeDemoTestWorld(const QString& directory, int testCount)
{
    DemoWorldOptions options;
    options.trainCount = options.valCount = options.balancedCount = 10;
    options.testCount = testCount;
    writeDemoWorld(directory.toStdString(), options);
    return directory.toStdString();
}

} // namespace salient::test
