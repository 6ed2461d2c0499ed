#pragma once

#include "database/Annotators.h"
#include "database/Database.h"
#include "database/Studies.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace salient {

/// What an annotator gives for one HIT. Discovery: main_object | separate_object | background, a
/// confidence 1-5 and a reason. Validation: same | different | first_unclear | second_unclear, a
/// confidence and a description.
struct Answer
{
    std::string answer;
    int confidence = 0;
    std::string reason;
};

struct Response
{
    std::int64_t id = 0;
    std::string uid; ///< 128-bit random hex, the same in every workspace a merge copies it to
    std::int64_t hitId = 0;
    std::int64_t annotatorId = 0;
    std::string annotatorName;
    std::string answer;
    int confidence = 0;
    std::string reason;
    std::string startedAt;   ///< when the HIT was handed out; empty for imported answers
    std::string submittedAt; ///< empty for imported answers
};

/// Empty when `answer` fits the study (an option of its kind, a confidence 1-5, a reason that passes
/// the study's rule); otherwise a message for the annotator.
std::string answerProblem(const Study& study, const Answer& answer);

/// Records the annotator's answer to a HIT they hold (see nextHit) in one write transaction, with the
/// derived label of the HIT. Throws InputError (nothing recorded) when the answer does not fit, the
/// annotator already answered the HIT, does not hold it, or the HIT already has its answersPerHit
/// answers (then the assignment, whose lease ran out, is dropped).
Response submitAnswer(Database& db, const Study& study, std::int64_t hitId, const Annotator& annotator,
                      const Answer& answer);

/// Withdraws the annotator's latest answer in the study while its HIT is still open (fewer than
/// answersPerHit answers): the response is deleted, its uid recorded as withdrawn (a merge will not
/// bring it back) and the HIT handed back to the annotator. Returns the withdrawn response. Throws
/// InputError when the annotator has no answer in the study or the HIT is complete.
Response undoLastAnswer(Database& db, const Study& study, const Annotator& annotator);

/// The answers of a HIT. Nobody sees the others' answers before giving their own: throws InputError
/// unless `viewer` answered the HIT or is an administrator.
std::vector<Response> hitResponses(Database& db, std::int64_t hitId, const Annotator& viewer);

/// Everyone's answers leave the workspace (an MTurk CSV export) once every HIT of the study is complete,
/// or earlier for an administrator: while a HIT is open its answers stay blind to the other annotators.
/// Throws InputError saying how far the study is otherwise.
void checkMayExportAnswers(Database& db, const Study& study, const std::optional<Annotator>& requester);

/// Every answer of the study in the order they were recorded (for export and tests).
std::vector<Response> studyResponses(Database& db, std::int64_t studyId);

} // namespace salient
