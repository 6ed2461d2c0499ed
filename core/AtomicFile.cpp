#include "core/AtomicFile.h"

#include "core/Errors.h"

#include <cstdio>
#include <fstream>

namespace salient {

void writeFileAtomically(const std::string& path, const std::vector<char>& bytes)
{
    const std::string temporary = path + ".partial";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.flush();
        if (!out)
            throw InputError(temporary + ": cannot write");
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        throw InputError(path + ": cannot replace the file");
    }
}

} // namespace salient
