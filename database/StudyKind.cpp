#include "database/StudyKind.h"

#include "base/Errors.h"

#include <algorithm>

namespace salient {

const char* toString(StudyKind kind)
{
    return kind == StudyKind::Discovery ? "discovery" : "validation";
}

StudyKind parseStudyKind(const std::string& text)
{
    if (text == "discovery")
        return StudyKind::Discovery;
    if (text == "validation")
        return StudyKind::Validation;
    throw InputError("unknown study kind '" + text + "' (discovery or validation)");
}

const std::vector<std::string>& answerOptions(StudyKind kind)
{
    static const std::vector<std::string> discovery = {"main_object", "separate_object", "background"};
    static const std::vector<std::string> validation = {"same", "different", "first_unclear",
                                                        "second_unclear"};
    return kind == StudyKind::Discovery ? discovery : validation;
}

int answerIndex(StudyKind kind, const std::string& answer)
{
    const auto& options = answerOptions(kind);
    const auto it = std::find(options.begin(), options.end(), answer);
    return it == options.end() ? -1 : int(it - options.begin());
}

} // namespace salient
