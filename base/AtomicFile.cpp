#include "base/AtomicFile.h"

#include "base/Errors.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include <unistd.h>

namespace salient {

void writeFileAtomically(const std::string& path, std::string_view bytes)
{
    // The process id keeps two writers of the same file from sharing a temporary file.
    const std::string temporary = path + ".part-" + std::to_string(::getpid());
    auto fail = [&](const std::string& reason) {
        std::remove(temporary.c_str());
        throw InputError("cannot write " + path + ": " + reason);
    };
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            fail(std::strerror(errno));
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.flush();
        if (!out)
            fail(std::strerror(errno));
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0)
        fail(std::strerror(errno));
}

} // namespace salient
