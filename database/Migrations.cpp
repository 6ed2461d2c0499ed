#include "database/Migrations.h"

namespace salient {

const std::vector<std::string>& workspaceMigrations()
{
    static const std::vector<std::string> migrations = {
        // 1: key/value settings of the workspace.
        R"sql(
CREATE TABLE config (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql",
        // 2: the feature index (issue: feature index). Rows of images are rows of the memory-mapped
        // feature matrix; class_features and feature_images are the ranking of steps 2-3 of the method.
        // Rebuilding the index replaces these tables; studies keep their own copy of a pair's identity.
        R"sql(
CREATE TABLE classes (
    class_index INTEGER PRIMARY KEY,  -- the model's output index
    wnid        TEXT NOT NULL UNIQUE, -- the class folder's name (a WordNet id on ImageNet)
    images      INTEGER NOT NULL DEFAULT 0, -- readable images labelled as the class
    correct     INTEGER NOT NULL DEFAULT 0, -- of those, predicted as the class
    predicted   INTEGER NOT NULL DEFAULT 0  -- readable images predicted as the class
);
CREATE TABLE images (
    image_id   INTEGER PRIMARY KEY, -- row of features.f32
    path       TEXT NOT NULL UNIQUE, -- relative to the dataset root
    label      INTEGER NOT NULL REFERENCES classes(class_index),
    prediction INTEGER,              -- NULL when the image could not be read
    problem    TEXT                  -- why it could not be read
);
CREATE INDEX images_by_label ON images(label);
CREATE TABLE class_features (
    class_index INTEGER NOT NULL REFERENCES classes(class_index),
    feature     INTEGER NOT NULL,
    rank        INTEGER NOT NULL, -- 1 = most important
    importance  REAL NOT NULL,    -- IV_c[j]
    PRIMARY KEY (class_index, feature),
    UNIQUE (class_index, rank)
);
CREATE TABLE feature_images (
    class_index INTEGER NOT NULL,
    feature     INTEGER NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('discovery', 'generalisation')),
    position    INTEGER NOT NULL, -- 1 = highest activation
    image_id    INTEGER NOT NULL REFERENCES images(image_id),
    activation  REAL NOT NULL,
    PRIMARY KEY (class_index, feature, role, position),
    FOREIGN KEY (class_index, feature) REFERENCES class_features(class_index, feature) ON DELETE CASCADE
);
)sql",
        // Sweep runs (issue: noise and masking sweeps): configuration, models with their checksums, and the
        // counts behind every accuracy. Counts are stored, not accuracies, so runs can be summed and
        // compared.
        R"sql(
CREATE TABLE sweep_runs (
    run_id      INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('running', 'finished', 'cancelled', 'failed')),
    source      TEXT NOT NULL,     -- the images and masks, e.g. "demo world DIR, split test"
    split       TEXT,
    seed        INTEGER NOT NULL,
    sigmas      TEXT NOT NULL,     -- JSON list, in level order
    strategies  TEXT NOT NULL,     -- JSON list of names
    images      INTEGER NOT NULL,  -- in the scope
    images_done INTEGER NOT NULL DEFAULT 0,
    seconds     REAL NOT NULL DEFAULT 0,
    config      TEXT NOT NULL,     -- the whole configuration as JSON (scope, classes, features, models)
    message     TEXT               -- why it failed
);
CREATE TABLE sweep_models (
    run_id      INTEGER NOT NULL REFERENCES sweep_runs(run_id) ON DELETE CASCADE,
    model_index INTEGER NOT NULL,
    name        TEXT NOT NULL,
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    PRIMARY KEY (run_id, model_index)
);
CREATE TABLE sweep_clean (
    run_id      INTEGER NOT NULL REFERENCES sweep_runs(run_id) ON DELETE CASCADE,
    model_index INTEGER NOT NULL,
    class_index INTEGER NOT NULL, -- -1: every class of the scope
    images      INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    PRIMARY KEY (run_id, model_index, class_index)
);
CREATE TABLE sweep_results (
    run_id            INTEGER NOT NULL REFERENCES sweep_runs(run_id) ON DELETE CASCADE,
    model_index       INTEGER NOT NULL,
    strategy          TEXT NOT NULL,
    level             INTEGER NOT NULL, -- index into sigmas
    sigma             REAL NOT NULL,
    measure           TEXT NOT NULL CHECK (measure IN ('core', 'spurious', 'feature')),
    class_index       INTEGER NOT NULL, -- -1: every class of the scope
    feature           INTEGER NOT NULL, -- the feature for measure 'feature', else 0
    images            INTEGER NOT NULL,
    clean_correct     INTEGER NOT NULL,
    corrupted_correct INTEGER NOT NULL,
    PRIMARY KEY (run_id, model_index, strategy, level, measure, class_index, feature)
);
)sql",
    };
    return migrations;
}

} // namespace salient
