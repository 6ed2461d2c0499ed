#pragma once

#include <string>
#include <vector>

namespace salient {

/// Discovery: is the highlighted attribute part of the main object, a separate object or the
/// background? Validation: do the top and bottom images of a pair's generalisation set show the same
/// attribute?
enum class StudyKind
{
    Discovery,
    Validation,
};

const char* toString(StudyKind kind);
/// "discovery" / "validation"; throws InputError naming the text otherwise.
StudyKind parseStudyKind(const std::string& text);

/// The answers of a study, in a fixed order (the order of vote counts in Aggregation):
/// discovery: main_object, separate_object, background;
/// validation: same, different, first_unclear, second_unclear.
const std::vector<std::string>& answerOptions(StudyKind kind);
/// The position of `answer` in answerOptions(kind), or -1.
int answerIndex(StudyKind kind, const std::string& answer);

} // namespace salient
