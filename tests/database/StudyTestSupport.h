#pragma once

// Workspaces with feature index tables for the study tests, and answers that pass the reason rule.
#include "base/Errors.h"
#include "database/IndexTables.h"
#include "database/Responses.h"
#include "database/Workspace.h"

#include <QString>
#include <QtTest>

#include <cstdio>
#include <string>

/// A workspace in `dir` whose index tables hold `classes` classes with `features` ranked features each
/// (class c: wnid "n%08d" of 1000 + c, feature 10 * rank + c).
inline salient::Workspace indexedWorkspace(const QString& dir, int classes, int features)
{
    salient::Workspace workspace = salient::Workspace::open(dir.toStdString(), true);
    salient::IndexTablesWriter writer(workspace.database());
    for (int c = 0; c < classes; ++c) {
        char wnid[16];
        std::snprintf(wnid, sizeof wnid, "n%08d", 1000 + c);
        writer.addClass({c, wnid, 10, 8, 9});
        for (int rank = 1; rank <= features; ++rank)
            writer.addFeature({c, 10 * rank + c, rank, 1.0 / rank, {}, {}});
    }
    writer.commit();
    return workspace;
}

inline salient::Answer goodAnswer(const std::string& answer = "background", int confidence = 4)
{
    return {answer, confidence, "the blue water around the fish"};
}

/// The message of the InputError that `f` throws; empty when it throws none.
template <typename F> QString invalidInputOf(F&& f)
{
    try {
        f();
    } catch (const salient::InputError& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

inline std::string testDataFile(const char* name)
{
    return std::string(SALIENT_SOURCE_DIR) + "/tests/data/" + name;
}
