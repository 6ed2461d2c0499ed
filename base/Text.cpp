#include "base/Text.h"

#include <iomanip>
#include <sstream>

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
