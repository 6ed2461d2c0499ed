#include "base/ProcessTag.h"

#include "base/Parse.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace salient {
namespace {

std::string hostName()
{
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    return name;
}

/// Field 22 of /proc/PID/stat (clock ticks after boot), or empty when the process does not exist. The
/// second field, the command in parentheses, may hold spaces, so fields are counted after its ')'.
std::string startTime(long pid)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat;
    if (!std::getline(in, stat))
        return {};
    const std::size_t end = stat.rfind(')');
    if (end == std::string::npos)
        return {};
    std::istringstream fields(stat.substr(end + 1));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i)
        if (i == 22)
            return field;
    return {};
}

} // namespace

std::string currentProcessTag()
{
    const long pid = long(getpid());
    return hostName() + " " + std::to_string(pid) + " " + startTime(pid);
}

bool processMayBeRunning(const std::string& tag)
{
    std::istringstream fields(tag);
    std::string host, pidText, start;
    if (!(fields >> host >> pidText >> start) || host != hostName())
        return true;
    const std::optional<std::int64_t> pid = parseInt64(pidText);
    return !pid || startTime(long(*pid)) == start;
}

} // namespace salient
