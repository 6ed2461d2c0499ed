#pragma once

#include <string>
#include <vector>

namespace salient {

/// What a study accepts as the free-text reason (discovery) or description (validation) of an answer.
/// A reason is refused when it is empty, shorter than `minChars` characters (UTF-8 code points, outer
/// spaces not counted), has fewer than `minWords` words (runs of letters or digits), has no letter, is one
/// character repeated, or is one of the `generic` phrases. Phrases are compared after lower-casing and
/// keeping only letters, digits and single spaces, so "I don't know!" matches "i dont know".
struct ReasonRule
{
    int minChars = 10;
    int minWords = 3;
    std::vector<std::string> generic = defaultGenericReasons();

    static std::vector<std::string> defaultGenericReasons();
};

/// Empty when `reason` passes `rule`; otherwise a one-line message that tells the annotator what to fix.
std::string reasonProblem(const std::string& reason, const ReasonRule& rule);

/// "I don't know!" -> "i dont know": lower-case ASCII, letters/digits/UTF-8 kept, other runs -> one space.
std::string normalizedReason(const std::string& reason);

} // namespace salient
