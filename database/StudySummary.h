#pragma once

#include "database/Database.h"
#include "database/Studies.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace salient {

/// Agreement within one class of a study.
struct StudyClassSummary
{
    int classIndex = 0;
    std::string wnid;
    int pairs = 0;
    int spurious = 0;            ///< final labels (discovery)
    std::optional<double> kappa; ///< Fleiss' kappa over the class's pairs; empty when undefined
};

/// What `salient hits summary` reports of a study.
struct StudySummary
{
    Study study;
    int pairs = 0; ///< HITs
    int answers = 0;
    int annotators = 0;  ///< distinct annotators with at least one answer
    int complete = 0;    ///< HITs with answersPerHit answers
    int labelled = 0;    ///< HITs with a final label (complete or adjudicated)
    int adjudicated = 0; ///< HITs whose final label is an administrator's
    /// Final labels: core / spurious / tie (discovery), same / different / unclear (validation).
    std::map<std::string, int> labels;
    int background = 0; ///< spurious pairs by sub-label
    int separateObject = 0;
    int ambiguous = 0;
    int classes = 0;             ///< classes with at least one HIT
    int classesWithSpurious = 0; ///< classes with at least one spurious pair
    std::optional<double> kappa; ///< Fleiss' kappa over the answer options, all HITs with >= 2 answers
    std::optional<double> kappaCoreSpurious; ///< discovery: over {main_object, separate_object + background}
    std::vector<StudyClassSummary> perClass; ///< by class index
};

StudySummary summarizeStudy(Database& db, const Study& study);

/// Answering progress of one annotator in a study.
struct AnnotatorProgress
{
    std::string name;
    std::string role;
    int answered = 0;
    int held = 0; ///< HITs handed out and not answered yet
};

struct StudyProgress
{
    int hits = 0;
    int complete = 0;
    int answers = 0;
    int answersNeeded = 0; ///< hits x answersPerHit
    int held = 0;
    std::vector<AnnotatorProgress> annotators; ///< those with an answer or a held HIT, by name
};

StudyProgress studyProgress(Database& db, const Study& study);

} // namespace salient
