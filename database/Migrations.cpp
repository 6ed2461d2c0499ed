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
        // 3: annotation studies (issue: studies and HITs). A study's HITs keep their own copy of the pair
        // (class, wnid, feature, rank) and never reference class_features, which a new index replaces.
        // Responses are never updated: an undo deletes one and records its uid as withdrawn (so that a merge
        // does not bring it back); an adjudication is a row beside the responses that overrides the label.
        R"sql(
CREATE TABLE class_metadata (
    wnid          TEXT PRIMARY KEY,
    class_index   INTEGER UNIQUE,
    name          TEXT NOT NULL,            -- the first lemma
    synset        TEXT NOT NULL,            -- all lemmas, as published ("tench, Tinca tinca")
    gloss         TEXT NOT NULL DEFAULT '',
    supercategory TEXT NOT NULL DEFAULT '',
    wikilinks     TEXT NOT NULL DEFAULT '', -- one URL a line
    val_samples   TEXT NOT NULL DEFAULT ''  -- one validation file name a line
);
CREATE TABLE studies (
    study_id         INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,  -- random 128-bit hex: the same study in copies of a workspace
    name             TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL CHECK (kind IN ('discovery', 'validation')),
    origin           TEXT NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'mturk')),
    answers_per_hit  INTEGER NOT NULL DEFAULT 5 CHECK (answers_per_hit >= 1),
    lease_seconds    INTEGER NOT NULL DEFAULT 7200 CHECK (lease_seconds >= 0),
    reason_min_chars INTEGER NOT NULL DEFAULT 10 CHECK (reason_min_chars >= 1),
    reason_min_words INTEGER NOT NULL DEFAULT 3 CHECK (reason_min_words >= 1),
    reason_generic   TEXT,                  -- refused reasons, one a line; NULL: the built-in list
    source_study_id  INTEGER REFERENCES studies(study_id), -- validation: the discovery study it checks
    created_at       TEXT NOT NULL
);
CREATE TABLE hits (
    hit_id      INTEGER PRIMARY KEY,
    study_id    INTEGER NOT NULL REFERENCES studies(study_id) ON DELETE CASCADE,
    class_index INTEGER NOT NULL,
    wnid        TEXT NOT NULL,
    feature     INTEGER NOT NULL,
    rank        INTEGER NOT NULL,
    answers     INTEGER NOT NULL DEFAULT 0, -- responses; kept by the triggers below
    complete    INTEGER NOT NULL DEFAULT 0, -- answers >= the study's answers_per_hit
    UNIQUE (study_id, class_index, feature)
);
CREATE INDEX hits_open ON hits(study_id, hit_id) WHERE complete = 0; -- what "next HIT" scans
CREATE TABLE annotators (
    annotator_id INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL DEFAULT 'annotator' CHECK (role IN ('annotator', 'admin', 'imported')),
    worker_id    TEXT,                      -- imported: the MTurk WorkerId
    pin_hash     TEXT,                      -- pbkdf2-sha256$iterations$salt$hash; NULL: no PIN
    created_at   TEXT NOT NULL
);
CREATE TABLE assignments (                 -- HITs handed to an annotator and not answered yet
    hit_id       INTEGER NOT NULL REFERENCES hits(hit_id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(annotator_id),
    assigned_at  TEXT NOT NULL,
    PRIMARY KEY (hit_id, annotator_id)
);
CREATE INDEX assignments_by_annotator ON assignments(annotator_id);
CREATE TABLE responses (
    response_id  INTEGER PRIMARY KEY,
    uid          TEXT NOT NULL UNIQUE,      -- random 128-bit hex, kept by merges
    hit_id       INTEGER NOT NULL REFERENCES hits(hit_id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators(annotator_id),
    answer       TEXT NOT NULL CHECK (answer IN ('main_object', 'separate_object', 'background', 'same',
                                                 'different', 'first_unclear', 'second_unclear')),
    confidence   INTEGER NOT NULL CHECK (confidence BETWEEN 1 AND 5),
    reason       TEXT NOT NULL,
    started_at   TEXT,                      -- NULL for imported responses
    submitted_at TEXT,                      -- NULL for imported responses
    UNIQUE (hit_id, annotator_id)
);
CREATE INDEX responses_by_annotator ON responses(annotator_id);
CREATE TRIGGER responses_are_never_updated BEFORE UPDATE ON responses
BEGIN
    SELECT RAISE(ABORT, 'responses are never changed; undo deletes, adjudication overrides');
END;
CREATE TRIGGER responses_fit_their_study BEFORE INSERT ON responses
WHEN (NEW.answer IN ('main_object', 'separate_object', 'background')) <>
     ((SELECT s.kind FROM hits h JOIN studies s ON s.study_id = h.study_id WHERE h.hit_id = NEW.hit_id)
      = 'discovery')
BEGIN
    SELECT RAISE(ABORT, 'the answer is not one of the study''s options');
END;
CREATE TRIGGER responses_count_added AFTER INSERT ON responses
BEGIN
    UPDATE hits SET answers = answers + 1,
                    complete = answers + 1 >= (SELECT answers_per_hit FROM studies s
                                               WHERE s.study_id = hits.study_id)
    WHERE hit_id = NEW.hit_id;
END;
CREATE TRIGGER responses_count_removed AFTER DELETE ON responses
BEGIN
    UPDATE hits SET answers = answers - 1,
                    complete = answers - 1 >= (SELECT answers_per_hit FROM studies s
                                               WHERE s.study_id = hits.study_id)
    WHERE hit_id = OLD.hit_id;
END;
CREATE TABLE withdrawn_responses (         -- undone responses, so that merging does not bring them back
    uid          TEXT PRIMARY KEY,
    withdrawn_at TEXT NOT NULL
);
CREATE TABLE hit_labels (                  -- derived from the responses; rewritten whenever they change
    hit_id     INTEGER PRIMARY KEY REFERENCES hits(hit_id) ON DELETE CASCADE,
    answers    INTEGER NOT NULL,
    complete   INTEGER NOT NULL,            -- 1 when answers >= the study's answers_per_hit
    label      TEXT NOT NULL,               -- core | spurious | tie, or same | different | unclear
    sub_label  TEXT,                        -- spurious: background | separate_object | ambiguous
    agreement  REAL NOT NULL,               -- share of agreeing answer pairs (Fleiss' P_i)
    margin     REAL NOT NULL,               -- (leading label's votes - runner-up's) / answers
    updated_at TEXT NOT NULL
);
CREATE TABLE adjudications (               -- an administrator's decision; the latest one of a HIT counts
    adjudication_id INTEGER PRIMARY KEY,
    uid        TEXT NOT NULL UNIQUE,
    hit_id     INTEGER NOT NULL REFERENCES hits(hit_id) ON DELETE CASCADE,
    admin_id   INTEGER NOT NULL REFERENCES annotators(annotator_id),
    label      TEXT NOT NULL,
    sub_label  TEXT,
    note       TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL
);
CREATE INDEX adjudications_by_hit ON adjudications(hit_id);
CREATE VIEW latest_adjudications AS
SELECT x.* FROM adjudications x
WHERE NOT EXISTS (SELECT 1 FROM adjudications y WHERE y.hit_id = x.hit_id
                  AND (y.decided_at > x.decided_at OR (y.decided_at = x.decided_at AND y.uid > x.uid)));
CREATE VIEW final_labels AS                -- a HIT's label: its adjudication, else its complete majority
SELECT h.hit_id, h.study_id,
       COALESCE(a.label, l.label) AS label,
       CASE WHEN a.hit_id IS NULL THEN l.sub_label ELSE a.sub_label END AS sub_label,
       CASE WHEN a.hit_id IS NULL THEN 'majority' ELSE 'adjudication' END AS source
FROM hits h
LEFT JOIN hit_labels l ON l.hit_id = h.hit_id
LEFT JOIN latest_adjudications a ON a.hit_id = h.hit_id
WHERE a.hit_id IS NOT NULL OR l.complete = 1;
)sql",
        // 4: the Salient dataset (issue: the Salient dataset). One row per labelled (class, feature) pair and
        // one per (pair, image) soft mask; the masks' bytes lie in salient-dataset/masks.u8 at `offset`.
        // Image paths are relative to the images root the config key salient_dataset_images names.
        R"sql(
CREATE TABLE dataset_pairs (
    class_index INTEGER NOT NULL,
    wnid        TEXT NOT NULL,
    feature     INTEGER NOT NULL,
    rank        INTEGER NOT NULL DEFAULT 0, -- the feature's rank for the class; 0 when unknown
    label       TEXT NOT NULL CHECK (label IN ('core', 'spurious')),
    sub_label   TEXT,                       -- spurious: background | separate_object | ambiguous
    agreement   REAL,                       -- Fleiss' P_i of the pair's answers; NULL when unknown
    confidence  REAL,                       -- mean confidence of the answers (1-5); NULL when unknown
    PRIMARY KEY (class_index, feature)
);
CREATE TABLE dataset_masks (
    class_index INTEGER NOT NULL,
    feature     INTEGER NOT NULL,
    position    INTEGER NOT NULL,  -- 1 = the highest activation among the images labelled as the class
    image       TEXT NOT NULL,     -- relative to the images root
    image_id    INTEGER,           -- row of the feature index; NULL for an imported dataset
    activation  REAL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    offset      INTEGER NOT NULL,  -- byte offset of the width * height mask in masks.u8
    PRIMARY KEY (class_index, feature, position),
    FOREIGN KEY (class_index, feature) REFERENCES dataset_pairs(class_index, feature) ON DELETE CASCADE
);
CREATE INDEX dataset_masks_by_image ON dataset_masks(image);
)sql",
        // 5: sweep runs (issue: noise and masking sweeps): configuration, models with their checksums, and
        // the
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
        // 6: the process that runs a sweep (base/ProcessTag.h), so that a run whose process was killed reads
        // as interrupted instead of running forever.
        R"sql(
ALTER TABLE sweep_runs ADD COLUMN owner TEXT;
)sql",
        // 7: the masking lab's finished runs (mask-shape leakage, removal curves): a few columns to list
        // them by, and the configuration with every count as JSON (core/masking/MaskingExport.h).
        R"sql(
CREATE TABLE masking_runs (
    run_id     INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    experiment TEXT NOT NULL CHECK (experiment IN ('leakage', 'curves')),
    source     TEXT NOT NULL,
    strategies TEXT NOT NULL, -- JSON list of names
    models     TEXT NOT NULL, -- JSON list of model names
    seed       INTEGER NOT NULL,
    seconds    REAL NOT NULL,
    results    TEXT NOT NULL  -- configuration and counts as JSON
);
)sql",
    };
    return migrations;
}

} // namespace salient
