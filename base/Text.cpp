#include "base/Text.h"

#include "base/Errors.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <iomanip>
#include <sstream>
#include <vector>

namespace salient {

std::string counted(std::int64_t count, const std::string& singular, const std::string& plural)
{
    const std::string& word = count == 1 ? singular : (plural.empty() ? singular + "s" : plural);
    return std::to_string(count) + " " + word;
}

std::string fixedText(double value, int decimals)
{
    std::ostringstream text;
    text.imbue(std::locale::classic());
    text << std::fixed << std::setprecision(decimals) << value;
    return text.str();
}

std::string numberText(double value)
{
    std::ostringstream text;
    text.imbue(std::locale::classic());
    text << std::setprecision(10) << value;
    return text.str();
}

std::string percentText(double fraction, int decimals)
{
    return fixedText(100.0 * fraction, decimals) + " %";
}

std::string normalizedUtf8(const std::string& text, const std::string& what)
{
    const auto invalid = [&] {
        return InputError(what + " is not valid UTF-8 text");
    };
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    // Measuring first also validates: an ill-formed sequence is U_INVALID_CHAR_FOUND.
    u_strFromUTF8(nullptr, 0, &length, text.data(), int32_t(text.size()), &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
        throw invalid();
    std::vector<UChar> utf16(std::size_t(length) + 1);
    status = U_ZERO_ERROR;
    u_strFromUTF8(utf16.data(), int32_t(utf16.size()), &length, text.data(), int32_t(text.size()), &status);
    if (U_FAILURE(status))
        throw invalid();

    const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
    std::vector<UChar> normal(utf16.size() * 3 + 1); // NFC grows a string by at most 3x
    const int32_t normalLength =
        unorm2_normalize(nfc, utf16.data(), length, normal.data(), int32_t(normal.size()), &status);
    if (U_FAILURE(status))
        throw invalid();

    std::string out(std::size_t(normalLength) * 3 + 1, '\0');
    int32_t outLength = 0;
    u_strToUTF8(out.data(), int32_t(out.size()), &outLength, normal.data(), normalLength, &status);
    if (U_FAILURE(status))
        throw invalid();
    out.resize(std::size_t(outLength));
    return out;
}

std::string byteText(std::uint64_t bytes)
{
    const std::string exact = std::to_string(bytes) + " bytes";
    constexpr double kMiB = 1024.0 * 1024.0;
    if (bytes < std::uint64_t(kMiB))
        return exact;
    const bool gib = bytes >= (std::uint64_t(1) << 30);
    return exact + " (" + fixedText(double(bytes) / (gib ? kMiB * 1024.0 : kMiB), 1) +
           (gib ? " GiB)" : " MiB)");
}

} // namespace salient
