#include "app/atomicfile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace app {

std::optional<std::string> writeFileAtomically(const std::string& path,
                                               const std::string& contents) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    if (path.empty())
        return std::string("no output file name given");
    std::error_code ec;
    if (fs::is_directory(target, ec))
        return "cannot write '" + path + "': it is a directory";
    const fs::path tmp = target.string() + ".tmp-prospect";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            return "cannot write '" + path + "': " + std::strerror(errno);
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        out.flush();
        if (!out) {
            const std::string why = std::strerror(errno);
            out.close();
            fs::remove(tmp, ec);
            return "cannot write '" + path + "': " + why;
        }
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return "cannot write '" + path + "': " + ec.message();
    }
    return std::nullopt;
}

}  // namespace app
